import logging

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished

from cms.models import PlatformSettings, SiteIdentity

logger = logging.getLogger(__name__)


@receiver(post_save, sender=Site)
def provision_new_site(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from cms.provisioning import provision_site

        provision_site(instance)


@receiver(pre_delete, sender=Site)
def deprovision_deleted_site(sender, instance, **kwargs):
    from cms.provisioning import deprovision_site

    deprovision_site(instance)


@receiver(page_published)
@receiver(page_unpublished)
def clear_page_cache(sender, instance, **kwargs):
    # Lists on many pages (home, columns, feeds) show the changed page, so
    # the whole page cache goes rather than guessing which entries hold it.
    if settings.PAGE_CACHE_SECONDS:
        caches["pages"].clear()
        logger.info("Cleared page cache after change to page pk=%s", instance.pk)


@receiver(post_save, sender=SiteIdentity)
@receiver(post_delete, sender=SiteIdentity)
@receiver(post_save, sender=PlatformSettings)
@receiver(post_delete, sender=PlatformSettings)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def clear_page_cache_after_settings_change(sender, instance, raw=False, **kwargs):
    # Every page shows its site's identity (name, footer, theme, colour) and
    # the platform's modes, so a cached page would keep the old ones.
    if settings.PAGE_CACHE_SECONDS and not raw:
        caches["pages"].clear()
        logger.info(
            "Cleared page cache after change to %s pk=%s",
            sender._meta.label,
            instance.pk,
        )
