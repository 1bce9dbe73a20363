"""A listing index in date order, and small PostgreSQL rows for the entries.

The index holds the date and facet columns, so listing matches newest first
reads no wide row. On PostgreSQL the text columns move out of line
(``toast_tuple_target``), so a search reads one small row per match; rows
written before this take the setting when they are next written (or at once
with ``VACUUM FULL portal_search_searchentry``).
"""

from django.db import migrations, models

from search.vendor_sql import run_for_vendor

SMALL_ROWS = "ALTER TABLE portal_search_searchentry SET (toast_tuple_target = 128)"
DEFAULT_ROWS = "ALTER TABLE portal_search_searchentry RESET (toast_tuple_target)"


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
            run_for_vendor({"postgresql": [SMALL_ROWS]}),
            run_for_vendor({"postgresql": [DEFAULT_ROWS]}),
        ),
    ]
