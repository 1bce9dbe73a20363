import feedparser

from tests.conftest import host_of


def fetch_feed(client, site, path):
    response = client.get(path, HTTP_HOST=host_of(site))
    assert response.status_code == 200
    return feedparser.parse(response.content)


def test_rss_feed_lists_column_items_newest_first(client, portal):
    feed = fetch_feed(client, portal, "/policies/rss/")

    assert not feed.bozo
    assert feed.version == "rss20"
    assert feed.feed.title == "市政府文件 - 南宁市人民政府门户网站"
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == "南宁市重大行政决策程序规定"
    assert "南宁市加快推进网上政府服务工作实施方案" in titles
    assert feed.entries[0].link == "http://nanning.localhost/policies/policy-005/"


def test_atom_feed_parses_with_absolute_links_and_dates(client, sites):
    feed = fetch_feed(client, sites["xingning"], "/upper-level/atom/")

    assert not feed.bozo
    assert feed.version == "atom10"
    entry = next(e for e in feed.entries if e.title.startswith("南宁市加快推进"))
    assert entry.link == "http://xingning.localhost/upper-level/policy-038/"
    assert entry.published_parsed[:3] == (2017, 3, 7)
    assert "网上政府服务" in entry.summary
