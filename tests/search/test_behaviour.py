"""The behaviour every search backend must show; run once per backend."""

import datetime
from pathlib import Path

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import pytest

from cms.searchable import SearchDocument
from search.models import Synonym
from tests.conftest import host_of
from tests.search.conftest import all_titles, api, publish_article, titles

ATTACKS = Path(__file__).parent / "data" / "xss-payloads.txt"
TITLE = "南宁市推进网上政府建设和政务服务标准化年度报告"


@pytest.fixture
def report(backend, portal):
    return publish_article(
        portal,
        TITLE,
        body="全面提升一网通办能力，推进社会保险业务网上办理。",
        author_organ="南宁市大数据发展局",
    )


@pytest.mark.parametrize(
    "query", ["网上政府", "政务服务", "年度报告", "南宁", "标准化"]
)
def test_words_inside_a_longer_title_find_the_page(client, portal, report, query):
    assert TITLE in all_titles(client, portal, q=query)


@pytest.mark.parametrize("query", ["nanning", "zwfw", "wangshangzhengfu"])
def test_pinyin_and_initials_find_chinese_text(client, portal, report, query):
    assert TITLE in all_titles(client, portal, q=query)


def test_words_in_the_body_are_found(client, portal, report):
    assert TITLE in titles(api(client, portal, q="一网通办"))


def test_a_missing_word_finds_nothing_and_shows_help(client, portal, report):
    data = api(client, portal, q="量子纠缠")
    page = client.get("/search/", {"q": "量子纠缠"}, HTTP_HOST=host_of(portal))

    assert data["total"] == 0 and data["results"] == []
    assert "没有找到" in page.content.decode()


def test_empty_query_shows_help_not_an_error(client, portal, backend):
    page = client.get("/search/", {"q": "  "}, HTTP_HOST=host_of(portal))

    assert page.status_code == 200
    assert "拼音" in page.content.decode()
    assert api(client, portal, q="")["total"] == 0


def test_synonym_from_settings_finds_the_official_word(client, portal, report):
    assert TITLE in titles(api(client, portal, q="社保"))


def test_synonym_snippet_added_by_an_editor_is_used(client, portal, report):
    Synonym.objects.create(word="网办", synonyms="一网通办，网上办理")

    assert TITLE in titles(api(client, portal, q="网办"))


def test_identifier_in_any_bracket_variant_returns_the_item_first(
    client, portal, backend, monkeypatch
):
    from cms.models import ArticlePage

    original = ArticlePage.search_document

    def with_number(page):
        doc = original(page)
        if page.title.startswith("关于规范"):
            doc.identifiers = ["南府规〔2019〕5号", "007564044/2019-00012"]
        return doc

    monkeypatch.setattr(ArticlePage, "search_document", with_number)
    publish_article(portal, "关于规范南宁市政府规章制定程序的通知")
    publish_article(portal, "南宁市政府规章清理结果 南府规2019 5号引用")

    for query in ("南府规〔2019〕5号", "南府规[2019]5号", "南府规（2019）5号",
                  "007564044/2019-00012"):  # fmt: skip
        data = api(client, portal, q=query)
        assert titles(data)[0] == "关于规范南宁市政府规章制定程序的通知", query
        assert data["results"][0]["pinned"] is True


def test_homophone_typo_gets_a_did_you_mean(client, portal, report):
    data = api(client, portal, q="网上政付")

    assert data["total"] == 0
    assert data["suggestion"] == "网上政府"
    assert TITLE in titles(api(client, portal, q=data["suggestion"]))


def test_pinyin_typo_gets_a_did_you_mean(client, portal, report):
    assert api(client, portal, q="nanming")["suggestion"] == "南宁"


def test_matches_are_marked_and_markup_in_titles_is_escaped(client, portal, backend):
    publish_article(portal, "<script>alert(1)</script>网上政府<b>通知</b>")

    data = api(client, portal, q="网上政府")
    result = next(r for r in data["results"] if "alert" in r["title"])

    assert "<script>" not in result["title"] and "<b>" not in result["title"]
    assert "&lt;script&gt;" in result["title"]
    assert "<mark>网上政府</mark>" in result["title"]


def test_result_shows_site_type_date_and_organ(client, portal, report):
    data = api(client, portal, q="网上政府")
    result = data["results"][titles(data).index(TITLE)]

    assert result["site"] == portal.site_name
    assert result["kind"] == "文章"
    assert result["date"] == "2024-05-06"
    assert result["organ"] == "南宁市大数据发展局"
    assert result["url"].endswith(report.url_path.split("/", 2)[-1])


def test_search_covers_the_current_site_unless_all_sites_are_asked(
    client, sites, backend
):
    publish_article(sites["xingning"], "兴宁区独有的菠萝蜜产业通知")

    assert api(client, sites["sfj"], q="菠萝蜜")["total"] == 0
    assert api(client, sites["sfj"], q="菠萝蜜", scope="all")["total"] == 1
    assert api(client, sites["xingning"], q="菠萝蜜")["total"] == 1
    assert api(client, sites["nanning"], q="菠萝蜜")["all_sites"] is True
    assert api(client, sites["nanning"], q="菠萝蜜")["total"] == 1


def test_facets_count_and_filter(client, portal, sites, backend):
    publish_article(portal, "荔枝产业发展报告", date=datetime.date(2021, 3, 1))
    publish_article(portal, "荔枝产业扶持政策", date=datetime.date(2023, 3, 1))
    publish_article(sites["xingning"], "荔枝种植技术", date=datetime.date(2023, 7, 1))

    data = api(client, portal, q="荔枝")
    years = {f["value"]: f["count"] for f in data["facets"]["year"]}
    site_counts = {f["label"]: f["count"] for f in data["facets"]["site"]}
    filtered = api(client, portal, q="荔枝", year="2023")

    assert data["total"] == 3
    assert years == {2021: 1, 2023: 2}
    assert site_counts[portal.site_name] == 2
    assert filtered["total"] == 2
    assert set(titles(filtered)) == {"荔枝产业扶持政策", "荔枝种植技术"}
    assert api(client, portal, q="荔枝", site=str(sites["xingning"].pk))["total"] == 1


def test_sort_by_date_puts_the_newest_first(client, portal, backend):
    for year in (2019, 2024, 2021):
        publish_article(portal, f"芒果{year}年工作要点", date=datetime.date(year, 1, 2))

    data = api(client, portal, q="芒果", sort="date")

    assert titles(data) == [
        "芒果2024年工作要点",
        "芒果2021年工作要点",
        "芒果2019年工作要点",
    ]


def test_relevance_puts_title_matches_before_body_matches(client, portal, backend):
    publish_article(portal, "其他事项通知", body="顺带提到了甘蔗收购。")
    publish_article(portal, "甘蔗收购价格公告", body="详见附件。")

    assert titles(api(client, portal, q="甘蔗收购"))[0] == "甘蔗收购价格公告"


def test_results_are_paginated(client, portal, backend):
    for n in range(13):
        publish_article(portal, f"龙眼专题第{n}期", date=datetime.date(2020, 1, n + 1))

    first = api(client, portal, q="龙眼", sort="date")
    second = api(client, portal, q="龙眼", sort="date", page="2")

    assert first["total"] == 13 and first["pages"] == 2
    assert len(first["results"]) == 10 and len(second["results"]) == 3
    assert not set(titles(first)) & set(titles(second))


def test_unpublish_move_and_delete_keep_the_index_current(client, portal, backend):
    page = publish_article(portal, "柚子上市公告")
    assert api(client, portal, q="柚子")["total"] == 1

    page.unpublish()
    assert api(client, portal, q="柚子")["total"] == 0

    page.save_revision().publish()
    other = (
        page.get_parent()
        .get_siblings()
        .type(type(page.get_parent()))
        .exclude(pk=page.get_parent().pk)
    )
    target = other.first().specific
    page.move(target, pos="last-child")
    assert api(client, portal, q="柚子")["results"][0]["url"].endswith(
        f"/{target.slug}/{page.slug}/"
    )

    page.delete()
    assert api(client, portal, q="柚子")["total"] == 0


def test_editors_promotion_is_pinned_first(client, portal, report):
    other = publish_article(portal, "政务服务大厅办事指南")
    query = Query.get("政务服务")
    SearchPromotion.objects.create(query=query, page=other, sort_order=0)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://zwfw.example.gov.cn/",
        external_link_text="广西政务服务网",
        sort_order=1,
    )

    results = api(client, portal, q="政务服务")["results"]

    assert [r["pinned"] for r in results[:2]] == [True, True]
    assert titles({"results": results[:2]}) == [
        "政务服务大厅办事指南",
        "广西政务服务网",
    ]
    assert [r["url"] for r in results].count(results[0]["url"]) == 1


def hostile_queries():
    payloads = ATTACKS.read_text(encoding="utf-8").splitlines()
    return [
        '"*(:~',
        '网上政府" OR 1=1 --',
        "'; DROP TABLE portal_search_searchentry; --",
        "title:政府 AND body:*",
        "NEAR(a b) ^ {title}: -x",
        "!!!???。。。，，，",
        "政府" * 500,
        "Nanning南宁ナンニン남닝 2019",
        "\x00\t\n",
        *[p for p in payloads if p.strip()][:40],
    ]


def test_hostile_queries_answer_normally_and_escaped(client, portal, report):
    for query in hostile_queries():
        page = client.get("/search/", {"q": query}, HTTP_HOST=host_of(portal))
        data = api(client, portal, q=query)

        assert page.status_code == 200, query
        assert "<script>alert" not in page.content.decode(), query
        assert isinstance(data["total"], int)


def test_search_document_protocol_is_the_only_source(portal, backend, monkeypatch):
    from cms.models import ArticlePage

    monkeypatch.setattr(
        ArticlePage,
        "search_document",
        lambda page: SearchDocument(title=page.title, body="协议正文", kind="测试类型"),
    )
    page = publish_article(portal, "协议测试页面", body="页面里的正文")

    from tests.search.conftest import entry_of

    assert entry_of(page).kind == "测试类型"
    assert "协议正文" in entry_of(page).body


def test_malformed_parameters_are_ignored_not_errors(client, portal, report):
    for params in (
        {"page": "-1"}, {"page": "abc"}, {"page": "99999"}, {"year": "20x1"},
        {"site": "1 OR 1=1"}, {"sort": "title; --"}, {"scope": "<x>"},
        {"organ": "<script>evil()</script>"}, {"kind": "<img src=x onerror=evil()>"},
    ):  # fmt: skip
        page = client.get(
            "/search/", {"q": "网上政府", **params}, HTTP_HOST=host_of(portal)
        )
        data = api(client, portal, q="网上政府", **params)

        assert page.status_code == 200, params
        assert "evil()</script>" not in page.content.decode(), params
        assert "<img src=x" not in page.content.decode(), params
        assert isinstance(data["total"], int), params


def test_message_reply_is_found_once_published_and_gone_when_private_or_deleted(
    client, portal, backend
):
    from consultation.models import Message
    from tests.consultation.factories import make_department, make_message

    message = make_message(
        portal, subject="咨询菠萝蜜夜市营业时间", department=make_department(portal)
    )
    assert api(client, portal, q="菠萝蜜夜市")["total"] == 0

    message.reply = "菠萝蜜夜市每晚营业至二十二时。"
    message.save()
    assert titles(api(client, portal, q="菠萝蜜夜市")) == ["咨询菠萝蜜夜市营业时间"]

    message.is_public = False
    message.save()
    assert api(client, portal, q="菠萝蜜夜市")["total"] == 0

    message.is_public = True
    message.save()
    assert api(client, portal, q="菠萝蜜夜市")["total"] == 1
    Message.objects.get(pk=message.pk).delete()
    assert api(client, portal, q="菠萝蜜夜市")["total"] == 0


def test_a_phrase_deep_inside_a_long_body_is_found(client, portal, backend):
    filler = "本市各部门要认真贯彻落实有关工作部署，切实做好民生保障。" * 1400
    body = filler[:40_000] + "木棉花广场灯光秀" + filler[:9_000]
    publish_article(portal, "城市亮化工程实施情况", body=body)
    # The same words apart: only a real phrase match leaves this one out.
    publish_article(portal, "夜间活动安排", body="灯光秀在广场，木棉花正开。")

    for query in ("木棉花广场灯光秀", "广场灯光秀"):
        assert titles(api(client, portal, q=query)) == ["城市亮化工程实施情况"], query


def test_entities_in_bodies_are_text_not_words(client, portal, backend):
    from tests.disclosure.factories import disclosure_home, make_document
    from tests.search.conftest import entry_of

    body = "<p>市民称&quot;椰林夜市&quot;方便&amp;实惠</p><p>第二段&nbsp;说明</p>"
    article = publish_article(portal, "椰林夜市开业通知", body=body[3:-4])
    document = make_document(
        disclosure_home(portal), title="椰林夜市管理办法", body=body
    )

    data = api(client, portal, q="椰林夜市")
    snippets = [r["snippet"] for r in data["results"]]

    assert data["total"] == 2
    assert api(client, portal, q="quot")["total"] == 0
    assert api(client, portal, q="amp")["total"] == 0
    assert all("&amp;quot;" not in s and "&quot;<mark>椰林夜市" in s for s in snippets)
    for page in (article, document):
        assert '市民称"椰林夜市"方便&实惠 第二段' in entry_of(page).body


def test_a_single_letter_finds_only_text_with_that_letter(client, portal, backend):
    publish_article(portal, "X光机采购公告", body="采购两台X光机。")
    publish_article(portal, "木棉花开放时间", body="每年三月，木棉花开。")

    for query in ("x", "X"):
        found = all_titles(client, portal, q=query)
        # The demo data has a few real ones ("1+X证书").
        assert "X光机采购公告" in found and "木棉花开放时间" not in found, query
        assert len(found) < 10, query


def test_results_from_another_site_link_to_that_site(client, sites, backend):
    from django.urls import reverse

    from tests.consultation.factories import make_department, make_message

    sfj, xingning = sites["sfj"], sites["xingning"]
    message = make_message(
        sfj,
        subject="申请法律援助菠萝蜜案需要哪些材料",
        department=make_department(sfj),
        reply="请携带身份证明到法律援助中心。",
    )
    page = publish_article(xingning, "兴宁区菠萝蜜案法律援助工作简报")

    data = api(client, sites["nanning"], q="菠萝蜜案")
    urls = {titles({"results": [r]})[0]: r["url"] for r in data["results"]}
    message_path = reverse("consultation:message-detail", args=[message.pk])
    message_url = urls["申请法律援助菠萝蜜案需要哪些材料"]
    page_url = urls["兴宁区菠萝蜜案法律援助工作简报"]

    assert message_url == sfj.root_url + message_path
    assert page_url == xingning.root_url + page.get_url_parts()[2]
    path = message_url.removeprefix(sfj.root_url)
    assert client.get(path, HTTP_HOST=host_of(sfj)).status_code == 200
    on_own_site = api(client, sfj, q="菠萝蜜案")["results"][0]["url"]
    assert on_own_site == message_path


def test_a_synonym_inside_a_longer_query_word_is_expanded(client, portal, backend):
    publish_article(portal, "社会保险卡申领指南")
    publish_article(portal, "最低生活保障标准调整通知")

    assert titles(api(client, portal, q="社保卡")) == ["社会保险卡申领指南"]
    data = api(client, portal, q="低保标准")
    assert titles(data) == ["最低生活保障标准调整通知"]
    assert "<mark>最低生活保障标准</mark>" in data["results"][0]["title"]


def test_words_only_in_bodies_get_suggestions_until_the_content_goes(
    client, portal, backend
):
    from search.models import SearchTerm

    page = publish_article(
        portal, "本月农业生产情况", body="今年菠萝蜜喜获丰收，果农收入增加。"
    )
    page.save_revision().publish()

    assert SearchTerm.objects.get(word="菠萝蜜").frequency == 1
    assert api(client, portal, q="菠罗蜜")["suggestion"] == "菠萝蜜"
    assert api(client, portal, q="boluomei")["suggestion"] == "菠萝蜜"

    page.unpublish()

    assert not SearchTerm.objects.filter(word="菠萝蜜").exists()
    assert api(client, portal, q="菠罗蜜")["suggestion"] == ""


def test_initials_mark_the_chinese_words_they_matched(client, portal, report):
    page, marked = 1, {}
    while TITLE not in marked:
        data = api(client, portal, q="zwfw", page=str(page))
        marked |= {
            t: r["title"] for t, r in zip(titles(data), data["results"], strict=True)
        }
        assert page <= data["pages"]
        page += 1

    assert "<mark>政务服务</mark>" in marked[TITLE]


@pytest.fixture
def numbered(portal, backend, monkeypatch):
    """An article known by an index number that appears nowhere in its text."""
    from cms.models import ArticlePage

    original = ArticlePage.search_document

    def with_number(page):
        doc = original(page)
        if page.title == "椰子产业扶持办法":
            doc.identifiers = ["007564044/2019-00012"]
        return doc

    monkeypatch.setattr(ArticlePage, "search_document", with_number)
    return publish_article(portal, "椰子产业扶持办法", date=datetime.date(2024, 1, 5))


def test_an_identifier_only_hit_has_one_page(client, portal, numbered):
    data = api(client, portal, q="007564044/2019-00012")

    assert (data["total"], data["pages"], titles(data)) == (1, 1, ["椰子产业扶持办法"])


def test_pinned_items_obey_filters_and_the_site_scope(client, sites, numbered):
    portal, xingning = sites["nanning"], sites["xingning"]
    local = publish_article(xingning, "兴宁区椰子种植补贴", body="椰子")
    query = Query.get("椰子")
    SearchPromotion.objects.create(query=query, page=numbered, sort_order=0)

    other_year = api(client, portal, q="007564044/2019-00012", year="2020")
    on_xingning = api(client, xingning, q="椰子")
    everywhere = api(client, xingning, q="椰子", scope="all")

    assert (other_year["total"], other_year["results"]) == (0, [])
    assert titles(on_xingning) == [local.title] and on_xingning["total"] == 1
    assert titles(everywhere)[0] == "椰子产业扶持办法"
    assert everywhere["results"][0]["pinned"] is True and everywhere["total"] == 2


def test_a_page_past_the_last_shows_the_last_page(client, portal, backend):
    for n in range(13):
        publish_article(portal, f"槟榔专题第{n}期", date=datetime.date(2020, 1, n + 1))

    for page in ("3", "99", "99999"):
        data = api(client, portal, q="槟榔", sort="date", page=page)
        assert (data["page"], data["pages"], len(data["results"])) == (2, 2, 3), page


def test_organ_and_topic_facets_count_and_filter(client, portal, backend):
    from disclosure.models import Topic
    from tests.disclosure.factories import disclosure_home, make_document

    topic = Topic.objects.filter(parent=None).first()
    publish_article(portal, "百香果种植技术", author_organ="南宁市农业农村局")
    publish_article(portal, "百香果收购公告", author_organ="南宁市农业农村局")
    publish_article(portal, "百香果价格监测", author_organ="南宁市市场监管局")
    make_document(disclosure_home(portal), title="百香果产业规划", topic=topic)

    data = api(client, portal, q="百香果")
    organs = {f["value"]: f["count"] for f in data["facets"]["organ"]}
    topics = {f["value"]: f["count"] for f in data["facets"]["topic"]}

    assert organs == {"南宁市农业农村局": 2, "南宁市市场监管局": 1}
    assert topics == {str(topic): 1}
    assert api(client, portal, q="百香果", organ="南宁市农业农村局")["total"] == 2
    assert titles(api(client, portal, q="百香果", topic=str(topic))) == [
        "百香果产业规划"
    ]


def test_json_results_escape_markup_that_content_spells_out(client, portal, backend):
    publish_article(
        portal,
        "<b>芭蕉</b>种植通知",
        body="&lt;img src=x onerror=alert(1)&gt;芭蕉种植要点<script>alert(2)</script>",
    )

    result = api(client, portal, q="芭蕉")["results"][0]

    assert result["title"] == "&lt;b&gt;<mark>芭蕉</mark>&lt;/b&gt;种植通知"
    assert "<img" not in result["snippet"] and "&lt;img src=x" in result["snippet"]
    assert "alert(2)" not in result["snippet"]
    assert "<mark>芭蕉</mark>种植要点" in result["snippet"]


def test_a_capped_count_is_shown_as_a_lower_bound(client, portal, db, monkeypatch):
    monkeypatch.setattr("search.backends.database.MAX_MATCHES", 2)
    for i in range(3):
        publish_article(portal, f"第{i}份计数上限测试通知")

    data = api(client, portal, q="计数上限")
    page = client.get("/search/", {"q": "计数上限"}, HTTP_HOST=host_of(portal))

    assert (data["total"], data["total_exact"]) == (2, False)
    assert "找到 2 条以上结果" in page.content.decode()
    assert api(client, portal, q="第0份计数上限")["total_exact"] is True


def test_too_many_matches_to_score_list_title_matches_newest_first_and_say_so(
    client, portal, db, monkeypatch
):
    publish_article(
        portal, "榕树榕树保护条例", body="榕树。", date=datetime.date(2020, 1, 1)
    )
    publish_article(portal, "榕树养护简报", date=datetime.date(2024, 1, 1))
    publish_article(
        portal, "城市绿化简报", body="提到榕树一次。", date=datetime.date(2025, 1, 1)
    )
    ranked = api(client, portal, q="榕树")
    monkeypatch.setattr("search.backends.database.MAX_MATCHES", 2)

    listed = api(client, portal, q="榕树")
    page = client.get("/search/", {"q": "榕树"}, HTTP_HOST=host_of(portal))

    assert titles(ranked)[0] == "榕树榕树保护条例" and ranked["total"] == 3
    assert ranked["by_date_instead"] is False
    assert titles(listed) == ["榕树养护简报", "榕树榕树保护条例"]
    assert listed["by_date_instead"] is True
    assert (listed["total"], listed["total_exact"]) == (2, False)
    assert "标题含搜索词的排在前面" in page.content.decode()


def test_newer_entries_with_the_pairs_apart_do_not_use_up_the_listing(
    client, portal, db, monkeypatch
):
    # 木棉 and 棉花 both occur, never as 木棉花: PostgreSQL's index finds
    # these, and the newest-first walk must skip them, not stop at them.
    for year in (2023, 2024, 2025):
        publish_article(
            portal,
            f"{year}年农业简报",
            body="种木棉，收棉花。",
            date=datetime.date(year, 1, 1),
        )
    publish_article(
        portal, "城市绿化简报", body="木棉花开了。", date=datetime.date(2019, 1, 1)
    )
    publish_article(portal, "木棉花观赏指南", date=datetime.date(2018, 1, 1))
    monkeypatch.setattr("search.backends.database.MAX_MATCHES", 1)

    by_date = api(client, portal, q="木棉花", sort="date")
    by_relevance = api(client, portal, q="木棉花")

    assert titles(by_date) == ["城市绿化简报"] and by_date["total_exact"] is False
    assert titles(by_relevance) == ["木棉花观赏指南"]
    assert by_relevance["by_date_instead"] is True


def test_pinyin_and_a_chinese_word_in_one_query_both_apply(client, portal, report):
    publish_article(portal, "南宁市交通简报", body="公交线路调整。")

    found = all_titles(client, portal, q="nanning 政务服务")

    assert TITLE in found and "南宁市交通简报" not in found
    assert api(client, portal, q="nanning 量子纠缠")["total"] == 0


def test_a_phrase_found_nowhere_falls_back_to_all_its_words(client, portal, backend):
    publish_article(portal, "农业简报", body="种植木瓜的农户可获补贴。")
    publish_article(portal, "水果行情", body="木瓜价格上涨，种植面积扩大。")

    assert titles(api(client, portal, q="木瓜种植补贴")) == ["农业简报"]
