from wagtail.models import Site

from cms.models import PlatformSettings, SiteIdentity

# How each site last looked, by its host name, so that the 500 page can show
# the site's name without asking the database (which may be what failed). One
# entry per site at most: only a site's own host name is kept.
_last_seen = {}


def last_seen_look(hostname):
    """Return the name, theme and colour last shown on this host, if any."""
    return _last_seen.get(hostname)


def theme(request):
    """Give every public template the current site, its identity and modes."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    identity = SiteIdentity.for_site(site)
    platform = PlatformSettings.load(request_or_site=request)
    _last_seen[site.hostname] = {
        "site_name": identity.site_name or site.site_name,
        "theme_name": identity.theme or "classic",
        "primary_colour": identity.primary_colour,
    }
    return {
        "current_site": site,
        "identity": identity,
        "theme_name": identity.theme or "classic",
        "mourning_mode": platform.mourning_mode,
        "elderly_mode_default": platform.elderly_mode_default,
    }
