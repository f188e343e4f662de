"""How results look to a reader: tables for the terminal, Markdown, HTML reports, JSON and CSV for
other tools, and the fill-in sheets. Turns values from `ops` into text or bytes; never reads the
project's files and never decides a figure.

Views are built once as typed tables (`table`: the model; `views`, `changes`, `report.tables`:
the views; `figures`: how a figure is written; `labels`: every Chinese word) and drawn by one
renderer per format (`terminal`, `markdown`, `html`, `export` for JSON/CSV). A new output format
is one renderer module that draws a `Table` by its columns' roles and its cells' types.
"""
