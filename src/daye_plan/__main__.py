"""`python -m daye_plan`: the same command line as `daye-plan`."""

from daye_plan.launch import main

main()
