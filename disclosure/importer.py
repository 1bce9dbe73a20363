"""Import disclosure documents and interpretations in the corpus format.

Documents are written in bulk (page rows, then document rows, then links)
because creating 10,000 pages one by one through the page tree takes many
minutes; interpretations are few and go through the normal page API.
"""

import datetime
import logging
import re
import uuid
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page

from cms.demo.files import body_html
from cms.models import SiteIdentity
from disclosure.document_numbers import (
    is_valid_document_number,
    matching_key,
    normalise_document_number,
)
from disclosure.models import (
    Category,
    DirectoryNode,
    DisclosureDocumentPage,
    DisclosureIndexPage,
    InterpretationPage,
    IssuingOrgan,
    Topic,
    Validity,
)
from disclosure.models.documents import GENRES
from disclosure.models.numbering import (
    IndexCounter,
    format_index_number,
    reserve_given_numbers,
)
from disclosure.standards import INTERPRETATION_NODE_CODE, POLICY_NODE_CODE

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
GENRE_NAMES = [name for name, _label in GENRES]
NORMATIVE_NUMBER = re.compile(r"规〔")
COMPARED_FIELDS = [
    "title",
    "document_number",
    "written_date",
    "publish_date",
    "effective_date",
    "expires_on",
    "repealed_on",
    "genre",
    "category",
    "validity",
    "needs_interpretation",
    "keywords",
    "body",
    "topic_id",
]
# Fields whose model rules (length, choices) a row is checked against before
# anything is written: a DataError in the bulk insert would lose every row.
CHECKED_FIELDS = {
    "title",
    "document_number",
    "genre",
    "category",
    "validity",
    "keywords",
    "index_number",
    "import_key",
}
IMPORT_KEY_LENGTH = DisclosureDocumentPage._meta.get_field("import_key").max_length
ORGAN_NAME_LENGTH = IssuingOrgan._meta.get_field("name").max_length
TRUE_WORDS = {"1", "true", "yes", "y", "是", "需要"}
FALSE_WORDS = {"", "0", "false", "no", "n", "否", "不需要"}


class RowError(Exception):
    """A row that cannot be imported; the message says why."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    # Pages created or changed, for whoever keeps copies (the search index).
    changed_pks: list = field(default_factory=list)

    def error(self, row, record_id, message):
        self.errors.append((row, record_id, message))


def blank(value):
    """Treat the corpus's null and CSV's empty cell alike."""
    if value is None:
        return ""
    text = str(value).strip()
    return "" if text in ("None", "null") else text


def parse_date(value, label):
    text = blank(value)
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise RowError(f"{label}“{text}”不是有效日期（应为 YYYY-MM-DD）") from error


def parse_flag(value, label):
    if isinstance(value, bool):
        return value
    text = blank(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise RowError(f"{label}“{text}”应为 是 或 否")


def record_key(record):
    """Return a row's id, checked to fit the import key."""
    record_id = blank(record.get("id"))
    if not record_id:
        raise RowError("缺少 id")
    if len(record_id) > IMPORT_KEY_LENGTH:
        raise RowError(f"id 超过 {IMPORT_KEY_LENGTH} 个字符")
    return record_id


def check_record(record):
    if not isinstance(record, dict):
        raise RowError("该行不是对象（应为 JSON 对象或 CSV 行）")


def rule_errors(instance, fields):
    """Return the model's field and clean rules that ``instance`` breaks."""
    errors = {}
    exclude = [f.name for f in instance._meta.fields if f.name not in fields]
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as error:
        errors.update(error.message_dict)
    own_rules = getattr(instance, "rule_errors", dict)
    for name, messages in own_rules().items():
        errors.setdefault(name, []).extend(messages)
    return errors


def describe_errors(model, errors):
    """Join ``{field: [messages]}`` into one line with the fields' labels."""
    parts = []
    for name, messages in errors.items():
        try:
            label = model._meta.get_field(name).verbose_name
        except LookupError:
            label = name
        parts.append(f"{label}：{''.join(str(message) for message in messages)}")
    return "；".join(parts)


def split_list(value):
    if isinstance(value, list):
        return [blank(item) for item in value if blank(item)]
    text = blank(value).strip("[]")
    parts = re.split(r"[;；、,，]", text)
    return [part.strip(" '\"") for part in parts if part.strip(" '\"")]


def guess_genre(record, number):
    doc_type = blank(record.get("genre")) or blank(record.get("doc_type"))
    if doc_type in GENRE_NAMES:
        return doc_type
    if "令第" in number or doc_type == "政府规章":
        return "命令（令）"
    title = blank(record.get("title"))
    for name in ("通知", "意见", "决定", "批复", "公告", "通告", "通报", "报告", "函"):
        if title.endswith(name):
            return name
    return "其他"


def guess_category(record, number):
    given = blank(record.get("category"))
    if given in Category.values:
        return given
    if blank(record.get("doc_type")) == "政府规章":
        return Category.RULE
    if "规范性文件" in blank(record.get("topic")) or NORMATIVE_NUMBER.search(number):
        return Category.NORMATIVE
    return Category.OTHER


class DocumentImporter:
    """Import document records into one site's disclosure home."""

    def __init__(self, site, node_codes=None, today=None, keep_index_numbers=True):
        self.site = site
        self.home = DisclosureIndexPage.objects.descendant_of(site.root_page).first()
        if self.home is None:
            raise ValueError(f"站点 {site.hostname} 没有信息公开首页")
        self.organisation_code = SiteIdentity.for_site(site).organisation_code
        self.node_codes = node_codes or [POLICY_NODE_CODE]
        self.today = today or timezone.localdate()
        self.keep_index_numbers = keep_index_numbers
        self.nodes = {}
        # A code a site node took before codes were checked means the standard.
        for node in DirectoryNode.for_site(site).order_by(
            F("site").asc(nulls_first=True), "pk"
        ):
            self.nodes.setdefault(node.code, node)
        self.organs = dict(IssuingOrgan.objects.values_list("name", "pk"))
        self.topics = {}

    def run(self, records, progress=None):
        report = ImportReport()
        existing = {
            page.import_key: page
            for page in DisclosureDocumentPage.objects.child_of(self.home)
            .exclude(import_key="")
            .prefetch_related("issuing_organs", "directory_nodes")
        }
        taken = self._taken_numbers(existing)
        new_rows = []
        seen = set()
        for row, record in enumerate(progress(records) if progress else records, 1):
            record_id = "?"
            try:
                check_record(record)
                record_id = blank(record.get("id")) or "?"
                record_id = record_key(record)
                if record_id in seen:
                    raise RowError("同一文件中 id 重复")
                page = existing.get(record_id)
                values = self.clean_row(record, record_id, page)
                self._check_index_number(values, page, taken)
                changed = page is not None and self._update(page, values)
            except RowError as error:
                report.error(row, record_id, str(error))
                continue
            seen.add(record_id)
            if page is None:
                new_rows.append((record_id, values))
            elif changed:
                report.updated += 1
                report.changed_pks.append(page.pk)
            else:
                report.unchanged += 1
        with transaction.atomic():
            report.changed_pks.extend(self._create(new_rows))
        report.created = len(new_rows)
        logger.info(
            "Imported documents site=%s created=%s updated=%s errors=%s",
            self.site.pk,
            report.created,
            report.updated,
            len(report.errors),
        )
        return report

    def _taken_numbers(self, existing):
        return dict(
            DisclosureDocumentPage.objects.exclude(index_number=None).values_list(
                "index_number", "pk"
            )
        )

    def clean_row(self, record, record_id, page=None):
        """Return the row's field values, checked by the model's own rules."""
        values = self._read_row(record)
        document = DisclosureDocumentPage(
            import_key=record_id,
            index_number=values["index_number"] or None,
            **{name: values[name] for name in COMPARED_FIELDS},
        )
        document.pk = page.pk if page else None
        errors = rule_errors(document, CHECKED_FIELDS)
        if errors:
            raise RowError(describe_errors(DisclosureDocumentPage, errors))
        return values

    def _read_row(self, record):
        title = blank(record.get("title"))
        if not title:
            raise RowError("缺少标题")
        raw_number = blank(record.get("document_number"))
        number = normalise_document_number(raw_number)
        if number and not is_valid_document_number(number):
            raise RowError(f"发文字号“{raw_number}”格式不正确")
        written = parse_date(record.get("written_date"), "成文日期")
        published = parse_date(record.get("publish_date"), "发布日期") or written
        if published is None:
            raise RowError("缺少发布日期和成文日期")
        for label, day in (("成文日期", written), ("发布日期", published)):
            if day and day > self.today:
                raise RowError(f"{label} {day} 晚于今天")
        if written and written > published:
            raise RowError(f"成文日期 {written} 晚于发布日期 {published}")
        validity = blank(record.get("validity")) or Validity.IN_FORCE
        if validity not in Validity.values:
            raise RowError(f"有效性“{validity}”无法识别")
        return {
            "title": title[:255],
            "document_number": number,
            "written_date": written,
            "publish_date": published,
            "effective_date": parse_date(record.get("effective_date"), "施行日期"),
            "expires_on": parse_date(record.get("expires_on"), "失效日期"),
            "repealed_on": parse_date(record.get("repealed_on"), "废止日期"),
            "genre": guess_genre(record, number),
            "category": guess_category(record, number),
            "validity": validity,
            "needs_interpretation": parse_flag(
                record.get("needs_interpretation"), "需要政策解读"
            ),
            "keywords": blank(record.get("keywords"))[:200],
            "body": body_html(blank(record.get("body"))),
            "topic_id": self._topic_id(blank(record.get("topic"))),
            "index_number": (
                blank(record.get("index_number")) if self.keep_index_numbers else ""
            ),
            "organs": self._organ_names(record),
            "nodes": self._nodes(record),
        }

    def _organ_names(self, record):
        names = split_list(record.get("issuing_organ"))
        too_long = [name for name in names if len(name) > ORGAN_NAME_LENGTH]
        if too_long:
            raise RowError(f"发文机关名称超过 {ORGAN_NAME_LENGTH} 个字")
        return names

    def _topic_id(self, label):
        if label not in self.topics:
            topic = Topic.from_label(label)
            self.topics[label] = topic.pk if topic else None
        return self.topics[label]

    def _nodes(self, record):
        codes = split_list(record.get("nodes")) or self.node_codes
        unknown = [code for code in codes if code not in self.nodes]
        if unknown:
            raise RowError(f"公开目录编码 {'、'.join(unknown)} 不存在")
        return [self.nodes[code].pk for code in codes]

    def _check_index_number(self, values, page, taken):
        number = values["index_number"]
        if not number:
            values["index_number"] = page.index_number if page else ""
            return
        holder = taken.get(number)
        if holder is not None and (page is None or holder != page.pk):
            raise RowError(f"索引号 {number} 已被其他文件使用")
        if page is not None and page.index_number and page.index_number != number:
            raise RowError(f"索引号发布后不可更改（现为 {page.index_number}）")
        taken[number] = page.pk if page else -1

    def _organ_ids(self, names):
        missing = [name for name in names if name not in self.organs]
        for name in missing:
            organ, _created = IssuingOrgan.objects.get_or_create(name=name)
            self.organs[name] = organ.pk
        return [self.organs[name] for name in names]

    def _update(self, page, values):
        changed = [
            name for name in COMPARED_FIELDS if getattr(page, name) != values[name]
        ]
        organ_ids = self._organ_ids(values["organs"])
        organs_changed = {o.pk for o in page.issuing_organs.all()} != set(organ_ids)
        nodes_changed = {n.pk for n in page.directory_nodes.all()} != set(
            values["nodes"]
        )
        if not (changed or organs_changed or nodes_changed):
            return False
        for name in changed:
            setattr(page, name, values[name])
        page.draft_title = page.title
        page.issuing_organs = organ_ids
        page.directory_nodes = values["nodes"]
        try:
            with transaction.atomic():
                page.save()
        except ValidationError as error:
            # Put the stored values back so later rows compare against them.
            page.refresh_from_db()
            raise RowError(
                describe_errors(DisclosureDocumentPage, error.message_dict)
            ) from error
        return True

    def _create(self, rows):
        if not rows:
            return []
        self._number_missing(rows)
        pages = self._insert_pages(rows)
        self._insert_documents(rows, pages)
        self._insert_links(rows, pages)
        return [page.pk for page in pages]

    def _number_missing(self, rows):
        reserve_given_numbers(values["index_number"] for _key, values in rows)
        by_year = {}
        for _key, values in rows:
            if not values["index_number"]:
                by_year.setdefault(values["publish_date"].year, []).append(values)
        for year, group in by_year.items():
            counter, _created = IndexCounter.objects.get_or_create(
                organisation_code=self.organisation_code, year=year
            )
            counter = IndexCounter.objects.select_for_update().get(pk=counter.pk)
            prefix = f"{self.organisation_code}/{year}-"
            taken = set(
                DisclosureDocumentPage.objects.filter(
                    index_number__startswith=prefix
                ).values_list("index_number", flat=True)
            )
            serial = counter.last_serial
            for values in group:
                serial += 1
                while (
                    format_index_number(self.organisation_code, year, serial) in taken
                ):
                    serial += 1
                values["index_number"] = format_index_number(
                    self.organisation_code, year, serial
                )
            counter.last_serial = serial
            counter.save(update_fields=["last_serial"])

    def _insert_pages(self, rows):
        home = Page.objects.select_for_update().get(pk=self.home.pk)
        step = self._last_child_step(home)
        content_type = ContentType.objects.get_for_model(DisclosureDocumentPage)
        taken_slugs = set(children(home).values_list("slug", flat=True))
        pages = []
        for key, values in rows:
            step += 1
            slug = unique_slug(key, taken_slugs)
            published = timezone.make_aware(
                datetime.datetime.combine(values["publish_date"], datetime.time(9))
            )
            pages.append(
                Page(
                    path=Page._get_path(home.path, home.depth + 1, step),
                    depth=home.depth + 1,
                    numchild=0,
                    title=values["title"],
                    draft_title=values["title"],
                    slug=slug,
                    url_path=f"{home.url_path}{slug}/",
                    content_type=content_type,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    locale_id=home.locale_id,
                    translation_key=uuid.uuid4(),
                )
            )
        Page.objects.bulk_create(pages, batch_size=BATCH_SIZE)
        Page.objects.filter(pk=home.pk).update(numchild=children(home).count())
        return pages

    def _last_child_step(self, home):
        # Read the children themselves: treebeard's get_last_child() trusts
        # numchild, which an interrupted delete can leave at 0 with children.
        last = children(home).order_by("-path").values_list("path", flat=True)
        last = last.first()
        return Page._str2int(last[-Page.steplen :]) if last else 0

    def _insert_documents(self, rows, pages):
        local_fields = DisclosureDocumentPage._meta.local_concrete_fields
        documents = []
        for (key, values), page in zip(rows, pages, strict=True):
            document = DisclosureDocumentPage(page_ptr_id=page.pk, import_key=key)
            for name in COMPARED_FIELDS:
                setattr(document, name, values[name])
            document.index_number = values["index_number"] or None
            documents.append(document)
        manager = DisclosureDocumentPage._base_manager
        for start in range(0, len(documents), BATCH_SIZE):
            manager._insert(
                documents[start : start + BATCH_SIZE],
                fields=local_fields,
                using=connection.alias,
            )

    def _insert_links(self, rows, pages):
        organ_through = DisclosureDocumentPage.issuing_organs.through
        node_through = DisclosureDocumentPage.directory_nodes.through
        organ_links, node_links = [], []
        for (_key, values), page in zip(rows, pages, strict=True):
            organ_links.extend(
                organ_through(
                    disclosuredocumentpage_id=page.pk, issuingorgan_id=organ_id
                )
                for organ_id in self._organ_ids(values["organs"])
            )
            node_links.extend(
                node_through(disclosuredocumentpage_id=page.pk, directorynode_id=node)
                for node in values["nodes"]
            )
        organ_through.objects.bulk_create(organ_links, batch_size=BATCH_SIZE)
        node_through.objects.bulk_create(node_links, batch_size=BATCH_SIZE)


def children(page):
    return Page.objects.filter(path__startswith=page.path, depth=page.depth + 1)


def unique_slug(key, taken):
    base = slugify(key, allow_unicode=True) or "document"
    slug, serial = base, 1
    while slug in taken:
        serial += 1
        slug = f"{base}-{serial}"
    taken.add(slug)
    return slug


def find_documents(site, record):
    """Return the documents an interpretation record names, nearest site first."""
    numbers = [blank(record.get("interprets_document_number"))]
    numbers += split_list(record.get("related_document_numbers"))
    keys = {matching_key(number) for number in numbers if number}
    title = blank(record.get("interprets_title"))
    documents = DisclosureDocumentPage.objects.live()
    for scope in (documents.descendant_of(site.root_page), documents):
        found = (
            [
                page
                for page in scope.exclude(document_number="")
                if matching_key(page.document_number) in keys
            ]
            if keys
            else []
        )
        if not found and title:
            found = list(scope.filter(title=title)) or list(
                scope.filter(title__contains=title)
            )
        if found:
            return found
    return []


@dataclass
class InterpretationReport:
    imported: int = 0
    errors: list = field(default_factory=list)
    # (row, record id) of interpretations whose documents were not found.
    unlinked: list = field(default_factory=list)


def import_interpretations(site, records, progress=None, today=None, node_codes=None):
    """Import interpretation records one by one; a bad row is only reported."""
    report = InterpretationReport()
    for row, record in enumerate(progress(records) if progress else records, 1):
        record_id = blank(record.get("id")) if isinstance(record, dict) else ""
        try:
            _page, documents = import_interpretation(
                site, record, today=today, node_codes=node_codes
            )
        except RowError as error:
            report.errors.append((row, record_id or "?", str(error)))
            continue
        report.imported += 1
        if not documents:
            report.unlinked.append((row, record_id))
    logger.info(
        "Imported interpretations site=%s imported=%s errors=%s",
        site.pk,
        report.imported,
        len(report.errors),
    )
    return report


def interpretation_nodes(site, record, node_codes=None):
    """Return the nodes a record files under: its own, the given, or 政策解读."""
    codes = split_list(record.get("nodes")) or node_codes or [INTERPRETATION_NODE_CODE]
    nodes = {code: DirectoryNode.find(site, code) for code in codes}
    unknown = [code for code, node in nodes.items() if node is None]
    if unknown:
        raise RowError(f"公开目录编码 {'、'.join(unknown)} 不存在")
    return list(nodes.values())


def import_interpretation(site, record, today=None, node_codes=None):
    """Create or update one interpretation page; return ``(page, documents)``."""
    from cms.demo.pages import upsert_page

    check_record(record)
    record_id = record_key(record)
    home = DisclosureIndexPage.objects.descendant_of(site.root_page).first()
    if home is None:
        raise RowError(f"站点 {site.hostname} 没有信息公开首页")
    title = blank(record.get("title"))
    if not title:
        raise RowError("缺少标题")
    published = parse_date(record.get("publish_date"), "发布日期")
    if published is None:
        raise RowError("缺少发布日期")
    if published > (today or timezone.localdate()):
        raise RowError(f"发布日期 {published} 晚于今天")
    fields = {
        "title": title[:255],
        "publish_date": published,
        "author_organ": blank(record.get("organ"))[:100],
        "body": body_html(blank(record.get("body"))),
        "import_key": record_id,
    }
    errors = rule_errors(InterpretationPage(**fields), set(fields))
    if errors:
        raise RowError(describe_errors(InterpretationPage, errors))
    nodes = interpretation_nodes(site, record, node_codes)
    documents = find_documents(site, record)
    try:
        with transaction.atomic():
            page, _changed = upsert_page(
                home, InterpretationPage, unique_key_slug(record_id), **fields
            )
            if not (
                same_pks(page.documents.all(), documents)
                and same_pks(page.directory_nodes.all(), nodes)
            ):
                page.documents = documents
                page.directory_nodes = nodes
                page.save_revision().publish()
    except ValidationError as error:
        raise RowError(
            describe_errors(InterpretationPage, error.message_dict)
        ) from error
    return page, documents


def same_pks(first, second):
    return {item.pk for item in first} == {item.pk for item in second}


def unique_key_slug(key):
    return slugify(key, allow_unicode=True) or "interpretation"
