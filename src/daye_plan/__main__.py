from daye_plan.cli import main

main()
