"""On PostgreSQL, pinyin gets a tsvector and GIN index of its own.

Pinyin and initials were two thirds of the lexemes of the one vector, which
a ranked search reads whole for every match. Chinese searches now read a
vector a third of the size; letters search both. The UPDATE recomputes the
vectors of the rows already there (the trigger fires on any update).
"""

from django.db import migrations

from search.vendor_sql import run_for_vendor

TABLE = "portal_search_searchentry"
TITLE_VECTOR = "setweight(to_tsvector('simple', coalesce(NEW.title_seg, '')), 'A')"
BODY_VECTOR = "setweight(to_tsvector('simple', coalesce(NEW.body_seg, '')), 'C')"
PINYIN_VECTOR = (
    "setweight(to_tsvector('simple',"
    " coalesce(NEW.pinyin, '') || ' ' || coalesce(NEW.initials, '')), 'B')"
)


def vector_function(assignments):
    return f"""
    CREATE OR REPLACE FUNCTION portal_search_vector_update() RETURNS trigger AS $$
    BEGIN
      {assignments}
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """


FORWARD = [
    f"ALTER TABLE {TABLE} ADD COLUMN pinyin_vector tsvector",
    vector_function(
        f"NEW.search_vector := {TITLE_VECTOR} || {BODY_VECTOR};\n"
        f"      NEW.pinyin_vector := {PINYIN_VECTOR};"
    ),
    f"UPDATE {TABLE} SET pinyin_vector = NULL",  # noqa: S608
    f"CREATE INDEX portal_search_pinyin_idx ON {TABLE} USING gin (pinyin_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS portal_search_pinyin_idx",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS pinyin_vector",
    vector_function(
        f"NEW.search_vector := {TITLE_VECTOR} || {PINYIN_VECTOR} || {BODY_VECTOR};"
    ),
    f"UPDATE {TABLE} SET search_vector = NULL",  # noqa: S608
]


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0004_entry_listing_index")]

    operations = [
        migrations.RunPython(
            run_for_vendor({"postgresql": FORWARD}),
            run_for_vendor({"postgresql": BACKWARD}),
        )
    ]
