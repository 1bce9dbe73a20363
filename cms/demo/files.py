import json
from pathlib import Path

from cms.demo import DemoDataError

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_json(relative_path, data_dir=None):
    """Read a demo file, turning a syntax error into one that names the spot."""
    path = Path(data_dir or DATA_DIR) / relative_path
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError as error:
        raise DemoDataError(f"{relative_path}: 文件不存在") from error
    except json.JSONDecodeError as error:
        raise DemoDataError(
            f"{relative_path}: 第 {error.lineno} 行第 {error.colno} 列"
            f" JSON 格式错误：{error.msg}"
        ) from error


def corpus_records(name, data_dir=None):
    """Return the records of one corpus file keyed by their id."""
    records = read_json(f"corpus/{name}.json", data_dir)
    if not isinstance(records, list):
        raise DemoDataError(f"corpus/{name}.json: 顶层应为数组")
    by_id = {}
    for row, record in enumerate(records, start=1):
        if not isinstance(record, dict) or not record.get("id"):
            raise DemoDataError(f"corpus/{name}.json 第 {row} 条: 缺少 id")
        by_id[record["id"]] = record
    return by_id


def body_html(text):
    """Turn plain text, one paragraph a line, into escaped rich-text HTML."""
    from django.utils.html import escape

    lines = [line.strip() for line in (text or "").splitlines()]
    return "".join(f"<p>{escape(line)}</p>" for line in lines if line)
