from bs4 import BeautifulSoup

from tests.conftest import host_of


def get(client, site, path="/"):
    return client.get(path, HTTP_HOST=host_of(site))


def test_each_host_serves_its_own_home_page_and_identity(client, sites):
    for site in sites.values():
        response = get(client, site)
        html = BeautifulSoup(response.content, "html.parser")

        assert response.status_code == 200
        assert html.select_one(".site-name").get_text(strip=True) == site.site_name
        assert (
            html.find("meta", attrs={"name": "SiteDomain"})["content"] == site.hostname
        )


def test_unknown_host_falls_back_to_the_portal(client, portal):
    response = client.get("/", HTTP_HOST="unknown.example")
    html = BeautifulSoup(response.content, "html.parser")

    # Every home lists the portal in its site directory, so check what only the
    # portal's own home shows: its name as the header, its domain and its
    # directory entry marked as the current site.
    assert response.status_code == 200
    assert html.select_one(".site-name").get_text(strip=True) == portal.site_name
    assert html.find("meta", attrs={"name": "SiteDomain"})["content"] == portal.hostname
    current = html.select_one('.site-directory a[aria-current="page"]')
    assert current["href"] == f"{portal.root_url}/"


def test_same_path_resolves_per_site(client, sites):
    city = get(client, sites["nanning"], "/upper-level/")
    district = get(client, sites["xingning"], "/upper-level/")

    assert "国务院关于在市场监管领域" in city.content.decode()
    assert "南宁市加快推进网上政府服务工作实施方案" in district.content.decode()
    assert "国务院关于在市场监管领域" not in district.content.decode()


def test_portal_home_links_every_subsite(client, sites, portal):
    html = BeautifulSoup(get(client, portal).content, "html.parser")
    links = {a["href"] for a in html.select(".site-directory a")}

    assert links == {f"{site.root_url}/" for site in sites.values()}


def test_portal_home_shows_newest_items_of_main_columns(client, portal):
    html = BeautifulSoup(get(client, portal).content, "html.parser")
    sections = {
        section.h2.get_text(strip=True): [a.get_text() for a in section.select("li a")]
        for section in html.select(".home-column")
    }

    assert sections["市政府文件"][0] == "南宁市重大行政决策程序规定"
    assert "南宁市加快推进网上政府服务工作实施方案" in sections["市政府文件"]
    assert len(sections["上级文件"]) == 6


def test_column_lists_newest_first_and_paginates(client, portal):
    first = BeautifulSoup(get(client, portal, "/upper-level/").content, "html.parser")
    dates = [time["datetime"] for time in first.select(".item-list time")]

    assert dates == sorted(dates, reverse=True)
    assert len(dates) == 20
    second = BeautifulSoup(
        get(client, portal, "/upper-level/?page=2").content, "html.parser"
    )
    assert len(second.select(".item-list li")) == 8


def test_article_page_shows_breadcrumbs_and_metadata(client, portal):
    response = get(client, portal, "/policies/policy-038/")
    html = BeautifulSoup(response.content, "html.parser")

    assert html.h1.get_text() == "南宁市加快推进网上政府服务工作实施方案"
    crumbs = [li.get_text(strip=True) for li in html.select(".breadcrumbs li")]
    assert crumbs == ["首页", "市政府文件", "南宁市加快推进网上政府服务工作实施方案"]
    assert "2017-03-07" in html.select_one(".meta").get_text()


def test_robots_txt_points_at_the_sites_own_sitemap(client, sites):
    response = get(client, sites["sfj"], "/robots.txt")

    assert "Sitemap: http://sfj.localhost/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
