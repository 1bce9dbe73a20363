"""Demo step: each site's disclosure home, filled from the real corpus."""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import Site

from cms.demo import DemoDataError, register_step
from cms.demo.files import corpus_records
from cms.demo.pages import ensure_page
from cms.models import HomePage
from disclosure.annual_report import generate_annual_report
from disclosure.document_numbers import normalise_document_number
from disclosure.importer import (
    DocumentImporter,
    RowError,
    guess_category,
    import_interpretation,
)
from disclosure.models import (
    AnnualReportPage,
    Category,
    DirectoryNode,
    DisclosureDocumentPage,
    DisclosureIndexPage,
    InterpretationPage,
    Topic,
)
from disclosure.standards import POLICY_NODE_CODE, seed_standards

# Which corpus records each site publishes as its own disclosure documents.
SITE_DOCUMENTS = {
    "nanning": [
        "policy-001",
        "policy-003",
        "policy-005",
        "policy-038",
        *[f"policy-{number:03d}" for number in range(11, 38)],
    ],
    "xingning": ["policy-002", "policy-038"],
    "xixiangtang": ["policy-005", "policy-038"],
    "sfj": ["policy-007", "policy-022", "policy-030"],
}
SITE_INTERPRETATIONS = {
    "nanning": ["interp-003", "interp-004", "interp-005"],
    "sfj": ["interp-001", "interp-002"],
}
# The corpus's own annual reports are Shanghai's; the demo sites get reports
# generated from their own documents instead.
REPORT_YEAR = 2020
# Per-site nodes under the standard 政策文件 node, to show the extension.
SITE_NODES = {
    "nanning": [("国务院文件", ("国务院",)), ("市政府文件", ("市级",))],
    "xingning": [("区政府文件", ("区县级",))],
    "sfj": [("上级文件", ("国务院", "国务院部门"))],
}
# Policy documents that the 政策解读 rule (解读 published with the policy)
# covers, as real sites apply it: the State Council's 国发 and 国办发 policy
# documents, local implementation plans and opinions, and normative documents.
# Replies (国函), regulations (国令) and the holiday notice (国办发明电) are not.
POLICY_NUMBER = re.compile(r"^(国发|国办发)〔")
POLICY_TITLE = re.compile(r"(实施方案|实施意见|实施办法|指导意见)》?$")
GUIDE = (
    "<p>本机关依据《中华人民共和国政府信息公开条例》编制本指南。主动公开的政府信息"
    "在本网站“政府信息公开”栏目发布，自信息形成或变更之日起20个工作日内公开。</p>"
    "<p>公民、法人或者其他组织可以通过本网站、信函或当面提交的方式申请获取政府信息，"
    "本机关自收到申请之日起20个工作日内予以答复。</p>"
)
RULES = (
    "<p>本机关建立健全政府信息公开工作制度，包括公开属性源头认定、保密审查、"
    "政策解读三同步、依申请公开办理和年度报告等制度。</p>"
)


@register_step("disclosure", order=30)
def load_disclosure(ctx):
    # A database emptied by flush has lost what the data migration seeded.
    seed_standards(DirectoryNode, Topic)
    policies = corpus_records("policies", ctx.data_dir)
    interpretations = corpus_records("interpretations", ctx.data_dir)
    portal_records = set(SITE_DOCUMENTS["nanning"])
    for subdomain in ctx.progress(list(SITE_DOCUMENTS), "信息公开"):
        site = Site.objects.filter(hostname=ctx.hostname(subdomain)).first()
        if site is None:
            ctx.skip(f"disclosure {subdomain}", "站点不存在")
            continue
        with transaction.atomic():
            disclosure_home(site)
            nodes = site_nodes(site, subdomain)
            # What is loaded already stays as the site's editors left it.
            loaded = set(
                DisclosureDocumentPage.objects.descendant_of(
                    site.root_page
                ).values_list("import_key", flat=True)
            )
            records = [
                with_nodes(policies[record_id], nodes)
                for record_id in SITE_DOCUMENTS[subdomain]
                if record_id not in loaded
            ]
            # A copy republished by another site gets that organ's own index
            # number; the original number stays with the portal's copy.
            keep = subdomain == "nanning"
            if not keep:
                records = [
                    record
                    if record["id"] not in portal_records
                    else {**record, "index_number": None}
                    for record in records
                ]
            if records:
                report = DocumentImporter(site, keep_index_numbers=True).run(records)
                for row, record_id, message in report.errors:
                    ctx.skip(f"disclosure {subdomain} 第 {row} 条 {record_id}", message)
            for record_id in SITE_INTERPRETATIONS.get(subdomain, []):
                load_interpretation(site, interpretations, record_id)
            reports = AnnualReportPage.objects.descendant_of(site.root_page)
            if not reports.filter(year=REPORT_YEAR).exists():
                generate_annual_report(site, REPORT_YEAR)


def disclosure_home(site):
    home = HomePage.objects.get(pk=site.root_page_id)
    page, _created = ensure_page(
        home,
        DisclosureIndexPage,
        "xxgk",
        title=_("政府信息公开"),
        intro=_("本栏目按主动公开基本目录发布本机关的政府信息。"),
        guide=GUIDE,
        rules=RULES,
        request_url="",
        show_in_menus=True,
    )
    return page


def site_nodes(site, subdomain):
    """Create the site's own nodes; return level -> node code."""
    parent = DirectoryNode.objects.get(site=None, code=POLICY_NODE_CODE)
    codes = {}
    for order, (name, levels) in enumerate(SITE_NODES.get(subdomain, []), start=1):
        node = DirectoryNode.objects.filter(site=site, parent=parent, name=name).first()
        if node is None:
            node = DirectoryNode(site=site, parent=parent, name=name, sort_order=order)
            node.full_clean(exclude=["code"])
            node.save()
        codes.update(dict.fromkeys(levels, node.code))
    return codes


def with_nodes(record, level_codes):
    nodes = [POLICY_NODE_CODE]
    if record.get("doc_type") == "政府规章":
        nodes.append("A01")
    if record.get("level") in level_codes:
        nodes.append(level_codes[record["level"]])
    return {
        **record,
        "nodes": nodes,
        "needs_interpretation": needs_interpretation(record),
    }


def needs_interpretation(record):
    number = normalise_document_number(record.get("document_number") or "")
    title = (record.get("title") or "").removesuffix("的通知")
    return bool(
        POLICY_NUMBER.match(number)
        or POLICY_TITLE.search(title)
        or guess_category(record, number) == Category.NORMATIVE
    )


def load_interpretation(site, interpretations, record_id):
    loaded = InterpretationPage.objects.descendant_of(site.root_page)
    if loaded.filter(import_key=record_id).exists():
        return
    record = interpretations.get(record_id)
    if record is None:
        raise DemoDataError(f"corpus/interpretations.json 中没有 {record_id}")
    try:
        import_interpretation(site, record)
    except RowError as error:
        raise DemoDataError(
            f"corpus/interpretations.json {record_id}: {error}"
        ) from error
