from bs4 import BeautifulSoup

from cms.models import PlatformSettings, SiteIdentity
from tests.conftest import host_of


def page_html(client, site, path="/"):
    return BeautifulSoup(
        client.get(path, HTTP_HOST=host_of(site)).content, "html.parser"
    )


def test_public_pages_are_chinese_with_skip_link_and_landmarks(client, sites):
    for path in ("/", "/upper-level/"):
        html = page_html(client, sites["xingning"], path)

        assert html.html["lang"] == "zh-CN"
        assert html.select_one("a.skip-link")["href"] == "#main"
        assert html.find("main", id="main")
        assert html.find("header", role="banner") and html.find("footer")
        assert html.find("nav", attrs={"aria-label": "主导航"})
        assert len(html.find_all("h1")) == 1


def test_footer_shows_the_sites_identity(client, sites):
    site = sites["sfj"]
    identity = SiteIdentity.for_site(site)
    footer = page_html(client, site).footer.get_text()

    for value in (
        identity.organiser,
        identity.operator,
        identity.site_code,
        identity.icp_number,
        identity.police_filing_number,
        identity.phone,
    ):
        assert value in footer


def test_sites_use_their_chosen_theme_and_colour(client, sites):
    city = page_html(client, sites["nanning"])
    district = page_html(client, sites["xingning"])

    assert "theme-classic" in city.html["class"]
    assert "theme-clear" in district.html["class"]
    assert "#1d5fa8" in district.style.string


def test_mourning_mode_switches_every_site_at_once(client, sites):
    settings = PlatformSettings.load()
    settings.mourning_mode = True
    settings.save()

    for site in sites.values():
        assert "mourning" in page_html(client, site).html["class"]


def test_elderly_default_is_announced_to_the_toggle_script(client, portal):
    settings = PlatformSettings.load()
    settings.elderly_mode_default = True
    settings.save()

    html = page_html(client, portal)

    assert "elderly-default" in html.html["class"]
    assert html.select_one("[data-elderly-toggle]")
