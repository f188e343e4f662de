"""How results look to a reader: tables for the terminal, Markdown, HTML reports, JSON and CSV for
other tools, and the fill-in sheets. Turns values from `ops` into text or bytes; never reads the
project's files and never decides a figure."""
