"""The editors' spreadsheet import: many case studies at once, as drafts.

- columns.py: the template's columns (the names the open-data CSV uses where they exist), what
  each accepts, and the CSV and XLSX templates.
- reader.py: a CSV or XLSX file -> rows of text, with size and row limits; formula cells are
  read as the value the spreadsheet saved, never evaluated. A file that cannot be read raises
  UnreadableFile with a plain-English reason.
- checks.py: every row and every cell checked (the dry run): each problem with its row, column,
  the value and what is wrong; and the organisations that would be created.
- importer.py: the import itself, all rows or none in one transaction, as drafts belonging to
  the importing editor.
"""
