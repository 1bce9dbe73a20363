from django import template

from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_menu(context):
    """Return the top-level columns of the current site, for the main menu."""
    site = context.get("current_site")
    if site is None:
        return []
    return site.root_page.get_children().live().public().in_menu()


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """Return the pages from the site's home page down to the given page."""
    site = context.get("current_site")
    if site is None or not isinstance(page, Page):
        return []
    return page.get_ancestors(inclusive=True).filter(depth__gte=site.root_page.depth)


@register.simple_tag
def all_sites():
    return Site.objects.select_related("root_page").order_by("-is_default_site", "pk")


@register.filter
def in_section(page, section):
    """Tell whether a page is the given menu section or lies below it."""
    if not isinstance(page, Page):
        return False
    return page.url_path.startswith(section.url_path)
