"""A listing index in date order, and small PostgreSQL rows for the entries.

The index holds the date and facet columns, so listing matches newest first
reads no wide row. On PostgreSQL the text columns but the title move out
of line (``toast_tuple_target``), so a search reads one small row per match; rows
written before this take the setting when they are next written (or at once
with ``VACUUM FULL portal_search_searchentry``).
"""

from django.db import migrations, models

from search.vendor_sql import run_for_vendor

TABLE = "portal_search_searchentry"
# The title stays in the row: a search beyond 5,000 matches lists the ones
# with the words in their title first, and reads every candidate's title.
SMALL_ROWS = [
    f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)",
    f"ALTER TABLE {TABLE} ALTER COLUMN title SET STORAGE MAIN",
]
DEFAULT_ROWS = [
    f"ALTER TABLE {TABLE} RESET (toast_tuple_target)",
    f"ALTER TABLE {TABLE} ALTER COLUMN title SET STORAGE EXTENDED",
]


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0003_entry_vocabulary")]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                fields=["date", "id", "site", "kind", "year", "organ", "topic"],
                name="search_entry_listing",
            ),
        ),
        migrations.RunPython(
            run_for_vendor({"postgresql": SMALL_ROWS}),
            run_for_vendor({"postgresql": DEFAULT_ROWS}),
        ),
    ]
