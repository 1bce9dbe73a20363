import datetime
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


class CorpusRecords(dict):
    """One corpus file's records keyed by id, remembering each one's row."""

    def __init__(self, name):
        super().__init__()
        self.name = name
        self.rows = {}

    def where(self, record_id):
        """Name the file and row of a record, as error messages should."""
        return f"corpus/{self.name}.json 第 {self.rows[record_id]} 条（{record_id}）"


def corpus_records(name, data_dir=None):
    """Return the records of one corpus file keyed by their id.

    Every record needs an id and a title, and every ``*_date`` field must be
    empty or a date; all problems of the file are reported together.
    """
    records = read_json(f"corpus/{name}.json", data_dir)
    if not isinstance(records, list):
        raise DemoDataError(f"corpus/{name}.json: 顶层应为数组")
    by_id = CorpusRecords(name)
    errors = []
    for row, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            errors.append(f"corpus/{name}.json 第 {row} 条: 应为对象")
            continue
        record_id = record.get("id")
        if not record_id or not isinstance(record_id, str):
            errors.append(f"corpus/{name}.json 第 {row} 条: 缺少 id")
            continue
        if record_id in by_id:
            first = by_id.rows[record_id]
            errors.append(
                f"corpus/{name}.json 第 {row} 条: id {record_id} 与第 {first} 条重复"
            )
            continue
        by_id[record_id] = record
        by_id.rows[record_id] = row
        errors.extend(
            f"{by_id.where(record_id)}: {error}" for error in record_errors(record)
        )
    if errors:
        raise DemoDataError("\n".join(errors))
    return by_id


def record_errors(record):
    """Return what is wrong with the fields every corpus record shares."""
    errors = []
    title = record.get("title")
    if not isinstance(title, str) or not title.strip():
        errors.append("缺少字段 title（标题）")
    body = record.get("body")
    if body is not None and not isinstance(body, str):
        errors.append("字段 body（正文）应为文本")
    for name, value in record.items():
        if name.endswith("_date") and value not in (None, "") and not is_date(value):
            errors.append(f"字段 {name} 的值“{value}”不是有效日期，应为 YYYY-MM-DD")
    return errors


def is_date(value):
    try:
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    # fromisoformat also takes 20170307 and 2017-W10-2; the corpus spells
    # dates one way only.
    return len(value) == len("2017-03-07") and value[4] == "-"


def body_html(text):
    """Turn plain text, one paragraph a line, into escaped rich-text HTML."""
    from django.utils.html import escape

    lines = [line.strip() for line in (text or "").splitlines()]
    return "".join(f"<p>{escape(line)}</p>" for line in lines if line)
