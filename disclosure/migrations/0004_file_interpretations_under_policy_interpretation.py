from django.db import migrations

INTERPRETATION_NODE_CODE = "B03"


def file_under_interpretation_node(apps, schema_editor):
    """Put every interpretation without a directory node under 政策解读."""
    node_model = apps.get_model("disclosure", "DirectoryNode")
    page_model = apps.get_model("disclosure", "InterpretationPage")
    node = node_model.objects.filter(site=None, code=INTERPRETATION_NODE_CODE).first()
    if node is None:
        return
    through = page_model._meta.get_field("directory_nodes").remote_field.through
    filed = through.objects.values("interpretationpage_id")
    unfiled = page_model.objects.exclude(pk__in=filed).values_list("pk", flat=True)
    through.objects.bulk_create(
        through(interpretationpage_id=pk, directorynode_id=node.pk) for pk in unfiled
    )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0003_interpretation_directory_nodes")]

    operations = [
        migrations.RunPython(file_under_interpretation_node, migrations.RunPython.noop)
    ]
