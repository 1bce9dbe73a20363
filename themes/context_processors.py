from wagtail.models import Site

from cms.models import PlatformSettings, SiteIdentity


def theme(request):
    """Give every public template the current site, its identity and modes."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    identity = SiteIdentity.for_site(site)
    platform = PlatformSettings.load(request_or_site=request)
    return {
        "current_site": site,
        "identity": identity,
        "theme_name": identity.theme or "classic",
        "mourning_mode": platform.mourning_mode,
        "elderly_mode_default": platform.elderly_mode_default,
    }
