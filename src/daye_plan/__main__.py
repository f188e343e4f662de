from daye_plan.launch import main

main()
