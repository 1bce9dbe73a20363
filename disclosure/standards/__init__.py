"""Legal lists as data, shipped with the app (a user's machine has no shared/)."""

import json
from pathlib import Path

STANDARDS_DIR = Path(__file__).resolve().parent

# Common local nodes of a disclosure directory beside the Article 20 items.
LOCAL_NODES = [
    ("B01", "机构职能"),
    ("B02", "政策文件"),
    ("B03", "政策解读"),
    ("B04", "规划计划"),
    ("B05", "财政资金"),
    ("B06", "人事信息"),
    ("B07", "重大项目"),
    ("B08", "公共资源交易"),
    ("B09", "政府信息公开指南"),
    ("B10", "政府信息公开制度"),
    ("B11", "政府信息公开年报"),
    ("B12", "依申请公开"),
]
POLICY_NODE_CODE = "B02"
INTERPRETATION_NODE_CODE = "B03"
NORMATIVE_NODE_CODE = "A01"


def load(name):
    with (STANDARDS_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def standard_nodes():
    """Return ``(code, name)`` of every standard node in display order."""
    categories = load("proactive-disclosure-categories.json")["items"]
    article_20 = [(f"A{item['item']:02d}", item["text"]) for item in categories]
    return article_20 + LOCAL_NODES


def top_level_topics():
    return load("topic-taxonomy.json")["top_level"]


def annual_report_format():
    return load("annual-report-2021.json")


def seed_standards(directory_node_model, topic_model):
    """Create the standard nodes and top-level topics that are missing."""
    for order, (code, name) in enumerate(standard_nodes(), start=1):
        directory_node_model.objects.get_or_create(
            site=None, code=code, defaults={"name": name, "sort_order": order}
        )
    for name in top_level_topics():
        topic_model.objects.get_or_create(parent=None, name=name)
