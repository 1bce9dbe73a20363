"""Spreadsheet cells made from untrusted text (the public, imports), safe to open."""

# A spreadsheet runs a cell that begins with one of these as a formula
# (=HYPERLINK(...), +cmd|...); Chinese input methods type the full-width forms.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def spreadsheet_safe(value):
    """Return ``value`` with a leading ' when a spreadsheet would run it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
