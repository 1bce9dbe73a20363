import defusedxml.ElementTree

from tests.conftest import host_of

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_urls(client, site):
    response = client.get("/sitemap.xml", HTTP_HOST=host_of(site))
    assert response.status_code == 200
    tree = defusedxml.ElementTree.fromstring(response.content)
    return [loc.text for loc in tree.findall("sm:url/sm:loc", NS)]


def test_sitemap_lists_only_the_requesting_sites_pages(client, sites):
    urls = sitemap_urls(client, sites["sfj"])

    assert "http://sfj.localhost/" in urls
    assert "http://sfj.localhost/rule-of-law/policy-007/" in urls
    assert all(url.startswith("http://sfj.localhost/") for url in urls)


def test_sitemap_of_the_portal_includes_the_online_services_plan(client, portal):
    urls = sitemap_urls(client, portal)

    assert "http://nanning.localhost/policies/policy-038/" in urls
