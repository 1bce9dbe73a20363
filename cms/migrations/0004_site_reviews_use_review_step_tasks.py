"""Move existing sites to the review that needs three different reviewers.

Each site's three group approval tasks become ``ReviewStepTask`` in place
(the same rows, so reviews in progress keep their approvals), and reviewer
groups lose the publish permission that let them skip the review.
"""

from django.db import migrations


def site_review_tasks(apps, model_name):
    """Return the tasks of the sites' own workflows that are ``model_name``."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    SiteRoles = apps.get_model("cms", "SiteRoles")
    Task = apps.get_model("wagtailcore", "Task")
    content_type = ContentType.objects.get_for_model(
        apps.get_model(*model_name.split("."))
    )
    workflows = SiteRoles.objects.values("workflow_id")
    return Task.objects.filter(
        workflow_tasks__workflow_id__in=workflows, content_type=content_type
    ).distinct()


def reviewer_publish_permissions(apps):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    SiteRoles = apps.get_model("cms", "SiteRoles")
    return GroupPagePermission.objects.filter(
        group_id__in=SiteRoles.objects.values("reviewers_id"),
        permission__content_type__app_label="wagtailcore",
        permission__codename="publish_page",
    )


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReviewStepTask = apps.get_model("cms", "ReviewStepTask")
    review_step = ContentType.objects.get_for_model(ReviewStepTask)

    for task in site_review_tasks(apps, "wagtailcore.GroupApprovalTask"):
        # raw=True writes the child row only and leaves the task's own row,
        # its groups and its task states as they are.
        ReviewStepTask(groupapprovaltask_ptr_id=task.pk).save_base(raw=True)
        task.content_type = review_step
        task.save(update_fields=["content_type"])

    reviewer_publish_permissions(apps).delete()


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Permission = apps.get_model("auth", "Permission")
    ReviewStepTask = apps.get_model("cms", "ReviewStepTask")
    SiteRoles = apps.get_model("cms", "SiteRoles")
    group_approval = ContentType.objects.get_for_model(GroupApprovalTask)

    tasks = list(site_review_tasks(apps, "cms.ReviewStepTask"))
    pks = [task.pk for task in tasks]
    with schema_editor.connection.cursor() as cursor:
        table = schema_editor.quote_name(ReviewStepTask._meta.db_table)
        column = schema_editor.quote_name("groupapprovaltask_ptr_id")
        for pk in pks:
            cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [pk])  # noqa: S608
    for task in tasks:
        task.content_type = group_approval
        task.save(update_fields=["content_type"])

    publish = Permission.objects.get(
        content_type__app_label="wagtailcore", codename="publish_page"
    )
    for roles in SiteRoles.objects.select_related("site"):
        GroupPagePermission.objects.get_or_create(
            group_id=roles.reviewers_id,
            page_id=roles.site.root_page_id,
            permission=publish,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_review_step_task"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
