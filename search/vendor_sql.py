"""Run SQL in a migration on the databases it was written for."""


def run_for_vendor(statements):
    """Return a RunPython function running ``statements[vendor]``, if any."""

    def run(apps, schema_editor):
        wanted = statements.get(schema_editor.connection.vendor, [])
        for sql in wanted:
            schema_editor.execute(sql)

    return run
