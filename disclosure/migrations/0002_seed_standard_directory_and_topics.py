from django.db import migrations


def seed(apps, schema_editor):
    from disclosure.standards import seed_standards

    seed_standards(
        apps.get_model("disclosure", "DirectoryNode"),
        apps.get_model("disclosure", "Topic"),
    )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_documents_directory_interpretations_reports")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
