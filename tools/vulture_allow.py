"""Names `make lint`'s dead-code check (vulture) must take as used: set for a library, not read by us.

python-docx and openpyxl are configured by assigning attributes of their objects (a run's colour,
a section's margins, a sheet's print setup), which no code of ours reads back; pydantic calls the
`model_config` of a model and the validators of its fields by name; 确保 is a level a plan writes.
Each line names such an attribute so that the check reports only code nothing uses.
"""

# ruff: noqa: B018 - each line is an expression naming what vulture must count as used
# mypy: ignore-errors

_ = object()
_.rgb, _.space_after, _.space_before, _.line_spacing, _.keep_with_next, _.vertical_alignment  # python-docx
_.left_indent, _.first_line_indent, _.right_indent, _.autofit, _.base_style, _.widow_control  # python-docx
_.footer_distance, _.highlight_color  # python-docx sections and runs
_.page_width, _.page_height, _.left_margin, _.right_margin, _.top_margin, _.bottom_margin  # a Word section
_.subject, _.comments, _.keywords, _.last_modified_by, _.modified  # a Word file's properties
_.compress_type, _.external_attr, _.create_system  # a zip entry, written reproducibly
_.creator, _.freeze_panes, _.print_title_rows, _.orientation, _.paperSize, _.pageSetUpPr  # openpyxl
_.fitToWidth, _.fitToHeight, _.horizontalCentered, _.formatColumns, _.formatRows, _.errorTitle  # openpyxl
_.model_config  # pydantic
_.TYPER_WORDS  # Typer's words, listed for the message catalog (make catalogs extracts them)
_.ENSURE  # 确保: a level plan files write, compared by its value
