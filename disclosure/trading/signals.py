from django.dispatch import receiver

from wagtail.signals import post_page_move

from disclosure.trading.models import NoticePage


@receiver(post_page_move, sender=NoticePage)
def follow_new_project(sender, instance, parent_page_after, **kwargs):
    # Wagtail saves a moved page as a plain Page, so NoticePage.save does not
    # run; the list's project link must still follow the page to its parent.
    NoticePage.objects.filter(pk=instance.pk).update(project_id=parent_page_after.pk)
