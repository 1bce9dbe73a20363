from django.db import migrations


def seed(apps, schema_editor):
    from disclosure.standards import standard_nodes, top_level_topics

    DirectoryNode = apps.get_model("disclosure", "DirectoryNode")
    Topic = apps.get_model("disclosure", "Topic")
    for order, (code, name) in enumerate(standard_nodes(), start=1):
        DirectoryNode.objects.update_or_create(
            site=None, code=code, defaults={"name": name, "sort_order": order}
        )
    for name in top_level_topics():
        Topic.objects.get_or_create(parent=None, name=name)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_documents_directory_interpretations_reports")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
