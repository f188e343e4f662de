"""What the commands do, as functions over loaded data: progress arithmetic, judging a snapshot,
turning typed input into records, checking a plan against itself, comparing plan revisions and
importing sheets. Returns values and raises `DayePlanError`s; never prints or formats for a reader."""
