import io
import json
import shutil

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from wagtail.models import Page, PageLogEntry, Revision, Site

import pytest

from cms.demo.files import DATA_DIR
from cms.models import ColumnPage, SiteIdentity


def load(**options):
    call_command("load_demo", port=80, no_progress=True, verbosity=0, **options)


def counts():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        Site.objects.count(),
        PageLogEntry.objects.count(),
    )


def test_loading_twice_changes_nothing(db):
    before = counts()

    load()

    assert counts() == before


def test_reloading_leaves_an_administrators_edits(db, sites, admin_user):
    article = Page.objects.get(url_path="/portal/policies/policy-038/").specific
    article.title = "南宁市网上政府服务实施方案（修订）"
    article.save_revision(user=admin_user).publish(user=admin_user)
    notice = Page.objects.get(url_path="/portal/notices/policy-033/")
    notice.specific.unpublish(user=admin_user)
    column = ColumnPage.objects.get(url_path="/xingning/policies/")
    column.title = "区政府规范性文件"
    column.save_revision(user=admin_user).publish(user=admin_user)
    identity = SiteIdentity.for_site(sites["nanning"])
    identity.theme, identity.primary_colour = "clear", "#1d5fa8"
    identity.save()
    before = counts()

    load()

    assert counts() == before
    article.refresh_from_db()
    assert article.title == "南宁市网上政府服务实施方案（修订）"
    notice.refresh_from_db()
    assert not notice.live
    column.refresh_from_db()
    assert column.title == "区政府规范性文件"
    identity.refresh_from_db()
    assert (identity.theme, identity.primary_colour) == ("clear", "#1d5fa8")


def test_reloading_creates_only_what_is_missing(db, sites):
    SiteIdentity.objects.filter(site=sites["xingning"]).delete()
    Page.objects.get(url_path="/xingning/policies/").get_children().delete()
    edited = SiteIdentity.for_site(sites["nanning"])
    edited.phone = "0771-2800001"
    edited.save()

    load()

    identity = SiteIdentity.objects.get(site=sites["xingning"])
    assert identity.site_name == "南宁市兴宁区人民政府门户网站"
    assert identity.theme == "clear"
    assert Page.objects.get(url_path="/xingning/policies/").get_children().exists()
    assert SiteIdentity.for_site(sites["nanning"]).phone == "0771-2800001"


def test_loaded_article_keeps_its_real_metadata(db):
    page = Page.objects.get(url_path="/portal/policies/policy-038/").specific

    assert page.title == "南宁市加快推进网上政府服务工作实施方案"
    assert page.publish_date.isoformat() == "2017-03-07"
    assert page.author_organ == "南宁市人民政府"
    assert "互联网+政务服务" in page.body


@pytest.fixture
def data_dir(tmp_path):
    shutil.copytree(DATA_DIR / "corpus", tmp_path / "corpus")
    return tmp_path


def write_sites(data_dir, sites):
    (data_dir / "sites.json").write_text(
        json.dumps({"sites": sites}, ensure_ascii=False)
    )


def site_spec(key, **overrides):
    spec = json.loads((DATA_DIR / "sites.json").read_text())["sites"][1]
    return {**spec, "key": key, "subdomain": key, "is_default": False, **overrides}


def test_malformed_json_names_line_and_column(db, data_dir):
    (data_dir / "sites.json").write_text('{"sites": [\n  {"key": "x",}\n]}')

    with pytest.raises(CommandError, match=r"sites.json: 第 2 行第 \d+ 列"):
        load(data_dir=str(data_dir), domain="example.test")


def test_invalid_identity_and_duplicate_host_are_reported_before_writing(db, data_dir):
    bad = site_spec("bad")
    bad["identity"] = {**bad["identity"], "site_code": "12", "phone": "x"}
    write_sites(data_dir, [site_spec("dup"), site_spec("dup"), bad])
    before = counts()

    with pytest.raises(CommandError) as error:
        load(data_dir=str(data_dir), domain="example.test")

    message = str(error.value)
    assert "第 2 个站点（dup）: 主机名 dup.example.test 与第 1 个站点重复" in message
    assert "第 3 个站点（bad）: 网站标识码（site_code）" in message
    assert "第 3 个站点（bad）: 联系电话（phone）" in message
    assert counts() == before


def test_site_failing_part_way_is_rolled_back_whole(db, data_dir, portal):
    Site.objects.create(
        hostname="broken.example.test", port=80, root_page=portal.root_page
    )
    write_sites(data_dir, [site_spec("good"), site_spec("broken")])

    with pytest.raises(CommandError, match="broken.example.test:80 已被其他站点使用"):
        load(data_dir=str(data_dir), domain="example.test")

    assert Site.objects.filter(hostname="good.example.test").exists()
    assert not Page.objects.filter(slug="broken", depth=2).exists()


def test_unknown_fields_wrong_shapes_and_missing_records_are_named(db, data_dir):
    typo = site_spec("typo")
    typo["identity"] = {**typo["identity"], "colour_typo": "#fff"}
    missing = site_spec("missing", articles={"policies": ["policy-999"]})
    write_sites(data_dir, [typo, 1, missing])
    before = counts()

    with pytest.raises(CommandError) as error:
        load(data_dir=str(data_dir), domain="example.test")

    message = str(error.value)
    assert "第 1 个站点（typo）: identity 含未知字段 colour_typo" in message
    assert "第 2 个站点: 应为对象" in message
    assert (
        "第 3 个站点（missing）: 栏目 policies: corpus/policies.json 中没有 policy-999"
        in message
    )
    assert "未写入任何数据" in message
    assert counts() == before


def test_reloading_leaves_an_administrators_alias_site_alone(db, sites):
    home = sites["xingning"].root_page
    alias = Site.objects.create(hostname="alias.localhost", port=80, root_page=home)

    load()

    alias.refresh_from_db()
    assert alias.hostname == "alias.localhost"
    assert Site.objects.filter(hostname="xingning.localhost", root_page=home).exists()


def rewrite_policy(data_dir, record_id, change):
    """Apply ``change`` to one corpus policy; return the record's row number."""
    path = data_dir / "corpus" / "policies.json"
    records = json.loads(path.read_text())
    row = next(n for n, r in enumerate(records, start=1) if r["id"] == record_id)
    change(records[row - 1])
    path.write_text(json.dumps(records, ensure_ascii=False))
    return row


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda record: record.update(publish_date="2017-02-30"),
            "字段 publish_date 的值“2017-02-30”不是有效日期，应为 YYYY-MM-DD",
        ),
        (
            lambda record: record.update(written_date="2017/03/07"),
            "字段 written_date 的值“2017/03/07”不是有效日期",
        ),
        (lambda record: record.pop("title"), "缺少字段 title（标题）"),
        (lambda record: record.update(title="  "), "缺少字段 title（标题）"),
        (lambda record: record.update(body=["第一段"]), "字段 body（正文）应为文本"),
    ],
)
def test_bad_corpus_record_names_file_row_and_field(db, data_dir, change, message):
    row = rewrite_policy(data_dir, "policy-038", change)
    write_sites(data_dir, [site_spec("good")])
    before = counts()

    with pytest.raises(CommandError) as error:
        load(data_dir=str(data_dir), domain="example.test")

    assert f"corpus/policies.json 第 {row} 条（policy-038）: {message}" in str(
        error.value
    )
    assert counts() == before


def test_duplicate_corpus_id_names_both_rows(db, data_dir):
    path = data_dir / "corpus" / "policies.json"
    records = json.loads(path.read_text())
    path.write_text(json.dumps([*records, records[0]], ensure_ascii=False))

    with pytest.raises(CommandError) as error:
        load(data_dir=str(data_dir), domain="example.test")

    assert (
        f"corpus/policies.json 第 {len(records) + 1} 条: "
        f"id {records[0]['id']} 与第 1 条重复"
    ) in str(error.value)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"columns": [{"title": "无名栏目"}]},
            "第 1 个站点（bad）: 第 1 个栏目: 缺少字段 slug",
        ),
        (
            {"columns": [{"slug": "policies"}]},
            "第 1 个站点（bad）: 第 1 个栏目（policies）: 缺少字段 title",
        ),
        (
            {"columns": [{"slug": "文件", "title": "文件"}]},
            "第 1 个栏目（文件）: slug 只能包含小写字母、数字、连字符和下划线",
        ),
        (
            {"columns": [{"slug": "a", "title": "甲"}, {"slug": "a", "title": "乙"}]},
            "第 2 个栏目（a）: slug 与第 1 个栏目重复",
        ),
        (
            {"columns": [{"slug": "a", "title": "甲", "kind": "blog"}]},
            "第 1 个栏目（a）: kind “blog” 不是可选值",
        ),
        ({"columns": "policies"}, "第 1 个站点（bad）: columns 应为栏目对象的数组"),
        (
            {"articles": "policy-001"},
            "第 1 个站点（bad）: articles 应为“栏目 → 记录 id 列表”的对象",
        ),
        (
            {"articles": {"policies": "policy-001"}},
            "第 1 个站点（bad）: articles 中栏目 policies 应为记录 id 的数组",
        ),
        ({"subdomain": "bad_host"}, "第 1 个站点（bad）: subdomain “bad_host”"),
    ],
)
def test_malformed_site_spec_names_site_and_field(db, data_dir, overrides, message):
    write_sites(data_dir, [site_spec("bad", **overrides)])
    before = counts()

    with pytest.raises(CommandError) as error:
        load(data_dir=str(data_dir), domain="example.test")

    assert message in str(error.value)
    assert "未写入任何数据" in str(error.value)
    assert counts() == before


@pytest.fixture
def fresh_admin(db, settings, tmp_path):
    """No demo admin yet, and a var/ folder of the test's own."""
    get_user_model().objects.filter(username="admin").delete()
    settings.BASE_DIR = tmp_path
    return tmp_path / "var" / "demo-admin-password"


def test_chosen_admin_password_is_used_and_never_written(fresh_admin, monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "chosen-secret-1")
    out = io.StringIO()

    call_command("load_demo", port=80, no_progress=True, stdout=out)

    assert (
        get_user_model().objects.get(username="admin").check_password("chosen-secret-1")
    )
    assert not fresh_admin.exists()
    assert "chosen-secret-1" not in out.getvalue()
    assert "见 DEMO_ADMIN_PASSWORD" in out.getvalue()


def test_random_admin_password_is_kept_and_shown(fresh_admin, monkeypatch):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    out = io.StringIO()

    call_command("load_demo", port=80, no_progress=True, stdout=out)

    password = fresh_admin.read_text()
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert f"密码 {password}" in out.getvalue()
