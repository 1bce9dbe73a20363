import json

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from disclosure.models import DirectoryNode, Topic
from disclosure.standards import STANDARDS_DIR, standard_nodes
from tests.cms.factories import site_editor
from tests.disclosure.factories import disclosure_home, path_of

pytestmark = pytest.mark.django_db


def test_standard_has_the_fifteen_article_20_items_and_local_nodes():
    categories = json.loads(
        (STANDARDS_DIR / "proactive-disclosure-categories.json").read_text("utf-8")
    )["items"]
    standard = DirectoryNode.objects.filter(site=None)

    assert standard.filter(code__startswith="A").count() == len(categories) == 15
    assert set(standard.values_list("name", flat=True)) >= {
        "政策文件",
        "政策解读",
        "政府信息公开年报",
        "依申请公开",
        categories[0]["text"],
    }
    assert standard.count() == len(standard_nodes())


def test_topics_are_seeded_from_the_taxonomy():
    taxonomy = json.loads((STANDARDS_DIR / "topic-taxonomy.json").read_text("utf-8"))

    top = Topic.objects.filter(parent=None).values_list("name", flat=True)

    assert set(taxonomy["top_level"]) <= set(top)


def test_standard_code_cannot_be_changed():
    node = DirectoryNode.objects.get(site=None, code="B02")
    node.code = "X02"

    with pytest.raises(ValidationError) as error:
        node.full_clean()

    assert "code" in error.value.message_dict


def test_site_node_gets_a_code_under_its_standard_parent(sites):
    parent = DirectoryNode.objects.get(site=None, code="B05")
    first = DirectoryNode(site=sites["xingning"], parent=parent, name="部门预算")
    first.full_clean(exclude=["code"])
    first.save()
    second = DirectoryNode(site=sites["xingning"], parent=parent, name="部门决算")
    second.save()

    assert (first.code, second.code) == ("B05.01", "B05.02")


def test_site_node_must_hang_under_the_standard(sites):
    orphan = DirectoryNode(site=sites["xingning"], name="自建根节点")

    with pytest.raises(ValidationError) as error:
        orphan.full_clean(exclude=["code"])

    assert "parent" in error.value.message_dict


def test_site_node_cannot_hang_under_another_sites_node(sites):
    parent = DirectoryNode.objects.get(site=None, code="B05")
    foreign = DirectoryNode.objects.create(
        site=sites["sfj"], parent=parent, name="司法局预算"
    )
    node = DirectoryNode(site=sites["xingning"], parent=foreign, name="兴宁区子节点")

    with pytest.raises(ValidationError):
        node.full_clean(exclude=["code"])


def snippet_url(action, *args):
    return reverse(f"wagtailsnippets_disclosure_directorynode:{action}", args=args)


def test_site_editor_cannot_change_a_standard_node(client, sites):
    editor = site_editor(sites["xingning"])
    editor.user_permissions.add(
        *Permission.objects.filter(codename__endswith="directorynode")
    )
    client.force_login(editor)
    node = DirectoryNode.objects.get(site=None, code="B02")

    response = client.post(
        snippet_url("edit", node.pk),
        {"name": "被改的名称", "code": "B02", "sort_order": 1, "site": ""},
    )

    node.refresh_from_db()
    assert node.name == "政策文件"
    assert "标准目录节点只能由平台管理员维护" in response.content.decode()


def test_disclosure_home_links_nodes_to_lists_and_sections(client, sites):
    home = disclosure_home(sites["nanning"])

    html = client.get(path_of(home), HTTP_HOST=sites["nanning"].hostname)

    text = html.content.decode()
    assert reverse("disclosure:node-list", args=["B02.01"]) in text
    assert 'href="#guide"' in text
    assert "南宁市人民政府办公室2020年政府信息公开工作年度报告" in text


def site_node(site, parent_code, code, name="站点节点"):
    parent = DirectoryNode.objects.get(site=None, code=parent_code)
    return DirectoryNode(site=site, parent=parent, code=code, name=name)


@pytest.mark.parametrize("code", ["A01", "B02", "B0201", "B02.", "B02.0 1", "A01.01"])
def test_site_node_code_must_extend_its_parents_code(sites, code):
    node = site_node(sites["xingning"], "B02", code)

    with pytest.raises(ValidationError) as error:
        node.full_clean()

    assert "code" in error.value.message_dict


def test_site_node_code_under_its_parent_is_accepted(sites):
    node = site_node(sites["xingning"], "B02", "B02.7a")

    node.full_clean()


def test_site_node_cannot_take_a_standard_code(sites):
    parent = DirectoryNode.objects.get(site=None, code="B05")
    DirectoryNode.objects.create(site=None, parent=parent, code="B05.90", name="标准")
    node = site_node(sites["xingning"], "B05", "B05.90")

    with pytest.raises(ValidationError) as error:
        node.full_clean()

    assert "标准目录节点" in str(error.value.message_dict["code"])


def test_standard_node_cannot_take_a_code_a_site_uses(sites):
    site_node(sites["xingning"], "B05", "B05.91").save()
    parent = DirectoryNode.objects.get(site=None, code="B05")
    standard = DirectoryNode(site=None, parent=parent, code="B05.91", name="标准")

    with pytest.raises(ValidationError) as error:
        standard.full_clean()

    assert "code" in error.value.message_dict


def test_site_node_code_is_unique_per_site(sites):
    site_node(sites["xingning"], "B05", "B05.92").save()
    other_site = site_node(sites["sfj"], "B05", "B05.92")
    same_site = site_node(sites["xingning"], "B05", "B05.92", name="重复")

    other_site.full_clean()
    with pytest.raises(ValidationError) as error:
        same_site.full_clean()

    assert "code" in error.value.message_dict


def test_lists_survive_a_site_node_saved_with_a_standard_code(client, sites):
    site = sites["xingning"]
    # Written around clean(), as data from before the check could be.
    bad = site_node(site, "B02", "A01", name="错误编码节点")
    super(DirectoryNode, bad).save()
    host = site.hostname

    by_path = client.get("/disclosure/directory/A01/", HTTP_HOST=host)
    by_filter = client.get("/disclosure/documents/?node=A01", HTTP_HOST=host)
    exported = client.get("/disclosure/directory/A01/export.json", HTTP_HOST=host)

    assert by_path.status_code == by_filter.status_code == 200
    assert exported.status_code == 200
    standard_name = DirectoryNode.objects.get(site=None, code="A01").name
    assert f"<h1>{standard_name}</h1>" in by_path.content.decode()


@pytest.mark.parametrize(
    "address",
    ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "//evil.test/",
     "/\\evil.test", "ftp://example.gov.cn/", "ysqgk"],
)  # fmt: skip
def test_request_address_must_be_http_or_a_site_path(sites, address):
    home = disclosure_home(sites["xingning"])
    home.request_url = address

    with pytest.raises(ValidationError) as error:
        home.full_clean()

    assert "request_url" in error.value.message_dict


@pytest.mark.parametrize("address", ["https://www.nanning.gov.cn/ysqgk/", "/ysqgk/"])
def test_request_address_accepts_http_and_site_paths(sites, address):
    home = disclosure_home(sites["xingning"])
    home.request_url = address

    home.full_clean()


def test_stored_script_address_is_not_rendered_as_a_link(client, sites):
    home = disclosure_home(sites["xingning"])
    type(home).objects.filter(pk=home.pk).update(request_url="javascript:alert(1)")

    html = client.get(path_of(home), HTTP_HOST=sites["xingning"].hostname)

    assert "javascript:" not in html.content.decode()
