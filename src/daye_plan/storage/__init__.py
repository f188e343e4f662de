"""Files and git: the one plan loader (positions kept), the append-only actuals stores, sheet
files, and every call to git. The only layer that opens a project file; it decides nothing
about progress and prints nothing."""
