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


def test_every_site_links_its_message_board_from_every_page(client, sites):
    from django.urls import reverse

    for site in sites.values():
        nav = page_html(client, site).select_one("nav.participation-links")
        links = {a.get_text(): a["href"] for a in nav.find_all("a")}

        assert nav.h2.get_text() == "互动交流"
        assert links["我要留言"] == reverse("consultation:message-create")
        assert links["留言选登"] == reverse("consultation:message-list")
        assert links["答复统计"] == reverse("consultation:department-stats")
        form = client.get(links["我要留言"], HTTP_HOST=host_of(site))
        assert form.status_code == 200


def test_participation_links_name_the_mailbox_and_the_consultations(client, sites):
    links = {
        a.get_text(): a["href"]
        for a in page_html(client, sites["sfj"]).select(".participation-links a")
    }

    assert links["局长信箱"].endswith("/mailbox/director/write/")
    assert (
        client.get(links["意见征集"], HTTP_HOST=host_of(sites["sfj"])).status_code
        == 200
    )
