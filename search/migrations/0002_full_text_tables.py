"""Full-text structures the ORM cannot declare: SQLite FTS5, PostgreSQL tsvector.

Each database gets only its own part; other databases fall back to substring
matching in the backend.
"""

from django.db import migrations

from search.vendor_sql import run_for_vendor

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE portal_search_fts USING fts5("
    "title, body, pinyin, initials, tokenize='unicode61 remove_diacritics 0')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS portal_search_fts"]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE portal_search_searchentry ADD COLUMN search_vector tsvector",
    """
    CREATE FUNCTION portal_search_vector_update() RETURNS trigger AS $$
    BEGIN
      NEW.search_vector :=
        setweight(to_tsvector('simple', coalesce(NEW.title_seg, '')), 'A') ||
        setweight(to_tsvector('simple',
          coalesce(NEW.pinyin, '') || ' ' || coalesce(NEW.initials, '')), 'B') ||
        setweight(to_tsvector('simple', coalesce(NEW.body_seg, '')), 'C');
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    "CREATE TRIGGER portal_search_vector_trigger BEFORE INSERT OR UPDATE "
    "ON portal_search_searchentry FOR EACH ROW "
    "EXECUTE FUNCTION portal_search_vector_update()",
    "CREATE INDEX portal_search_vector_idx ON portal_search_searchentry "
    "USING gin (search_vector)",
    "CREATE INDEX portal_search_identifiers_trgm ON portal_search_searchentry "
    "USING gin (identifiers gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS portal_search_vector_trigger ON portal_search_searchentry",
    "DROP FUNCTION IF EXISTS portal_search_vector_update()",
    "DROP INDEX IF EXISTS portal_search_identifiers_trgm",
    "ALTER TABLE portal_search_searchentry DROP COLUMN IF EXISTS search_vector",
]


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_search_index_and_logs")]

    operations = [
        migrations.RunPython(
            run_for_vendor({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run_for_vendor(
                {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}
            ),
        )
    ]
