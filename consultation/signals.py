from django.db.models.signals import post_save
from django.dispatch import receiver

from cms.models import SiteRoles

from .permissions import grant_site_roles


@receiver(post_save, sender=SiteRoles)
def grant_new_site_roles(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_site_roles(instance)


def grant_existing_site_roles(sender, **kwargs):
    """Cover sites made before this app existed; permissions exist by now."""
    for roles in SiteRoles.objects.select_related("editors", "reviewers"):
        grant_site_roles(roles)
