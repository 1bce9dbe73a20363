"""Demo step: the sites of the platform, their identity, columns and articles."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms.demo import DemoDataError, register_step
from cms.demo.files import body_html, corpus_records, read_json
from cms.demo.pages import ensure_page
from cms.models import ArticlePage, ColumnPage, HomePage, SiteIdentity
from cms.models.pages import COLUMN_KINDS
from cms.validators import validate_hostname

STOCK_WELCOME_TITLE = "Welcome to your new Wagtail site!"
# Wagtail's own slugs may be Unicode; the demo's are ASCII, as its URLs show.
SLUG_RE = re.compile(r"^[a-z0-9_-]+$", re.ASCII)


def site_specs(ctx, policies):
    spec = read_json("sites.json", ctx.data_dir)
    sites = spec.get("sites") if isinstance(spec, dict) else None
    if not isinstance(sites, list) or not sites:
        raise DemoDataError("sites.json: 缺少 sites 数组")
    validate_site_specs(sites, policies, ctx)
    return sites


def validate_site_specs(sites, policies, ctx):
    """Check every site before anything is written; name each bad field."""
    errors = []
    seen_hosts = {}
    for row, site in enumerate(sites, start=1):
        if not isinstance(site, dict):
            errors.append(f"sites.json 第 {row} 个站点: 应为对象")
            continue
        where = f"sites.json 第 {row} 个站点（{site.get('key', '?')}）"
        for required in ("key", "subdomain", "title", "identity", "columns"):
            if not site.get(required):
                errors.append(f"{where}: 缺少字段 {required}")
        hostname = ctx.hostname(site.get("subdomain", ""))
        if hostname in seen_hosts:
            first = seen_hosts[hostname]
            errors.append(f"{where}: 主机名 {hostname} 与第 {first} 个站点重复")
        seen_hosts[hostname] = row
        errors.extend(f"{where}: {error}" for error in name_errors(site, ctx))
        errors.extend(f"{where}: {error}" for error in identity_errors(site))
        errors.extend(f"{where}: {error}" for error in column_errors(site))
        errors.extend(f"{where}: {error}" for error in article_errors(site, policies))
    if errors:
        raise DemoDataError("\n".join([*errors, "（未写入任何数据）"]))


def name_errors(site, ctx):
    """Check the key (the home page's slug) and the subdomain."""
    errors = []
    key = site.get("key")
    if key and not (isinstance(key, str) and SLUG_RE.match(key)):
        errors.append(f"key “{key}” 只能包含小写字母、数字、连字符和下划线")
    subdomain = site.get("subdomain")
    if subdomain:
        try:
            validate_hostname(ctx.hostname(subdomain))
        except ValidationError as error:
            errors.append(f"subdomain “{subdomain}”: {' '.join(error.messages)}")
    return errors


def column_errors(site):
    columns = site.get("columns")
    if not columns:
        return []
    if not isinstance(columns, list):
        return ["columns 应为栏目对象的数组"]
    errors = []
    seen = {}
    kinds = [kind for kind, _label in COLUMN_KINDS]
    for number, column in enumerate(columns, start=1):
        where = f"第 {number} 个栏目"
        if not isinstance(column, dict):
            errors.append(f"{where}: 应为对象")
            continue
        slug = column.get("slug")
        if slug:
            where = f"{where}（{slug}）"
        for required in ("slug", "title"):
            value = column.get(required)
            if not isinstance(value, str) or not value.strip():
                errors.append(f"{where}: 缺少字段 {required}")
        if isinstance(slug, str) and slug and not SLUG_RE.match(slug):
            errors.append(f"{where}: slug 只能包含小写字母、数字、连字符和下划线")
        if slug in seen:
            errors.append(f"{where}: slug 与第 {seen[slug]} 个栏目重复")
        elif isinstance(slug, str):
            seen[slug] = number
        if column.get("kind", "other") not in kinds:
            errors.append(
                f"{where}: kind “{column.get('kind')}” 不是可选值（{', '.join(kinds)}）"
            )
        if not isinstance(column.get("home", False), bool):
            errors.append(f"{where}: home 应为 true 或 false")
    return errors


def identity_errors(site):
    values = site.get("identity")
    if not isinstance(values, dict):
        return ["identity 应为对象"]
    known = {field.name for field in SiteIdentity._meta.concrete_fields}
    unknown = sorted(set(values) - known)
    if unknown:
        return [f"identity 含未知字段 {', '.join(unknown)}"]
    try:
        SiteIdentity(**values).clean_fields(exclude=["site"])
    except ValidationError as error:
        return [
            f"{field_label(name)}（{name}）: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        ]
    return []


def article_errors(site, policies):
    articles = site.get("articles", {})
    if not isinstance(articles, dict):
        return ["articles 应为“栏目 → 记录 id 列表”的对象"]
    columns = site.get("columns")
    slugs = {
        column.get("slug")
        for column in (columns if isinstance(columns, list) else [])
        if isinstance(column, dict)
    }
    errors = []
    for slug, record_ids in articles.items():
        if slug not in slugs:
            errors.append(f"articles 指向不存在的栏目 {slug}")
        if not isinstance(record_ids, list) or not all(
            isinstance(rid, str) for rid in record_ids
        ):
            errors.append(
                f'articles 中栏目 {slug} 应为记录 id 的数组，如 ["policy-001"]'
            )
            continue
        missing = [rid for rid in record_ids if rid not in policies]
        if missing:
            errors.append(
                f"栏目 {slug}: corpus/policies.json 中没有 {', '.join(missing)}"
            )
    return errors


def field_label(name):
    return SiteIdentity._meta.get_field(name).verbose_name


@register_step("sites", order=10)
def load_sites(ctx):
    policies = corpus_records("policies", ctx.data_dir)
    sites = site_specs(ctx, policies)
    remove_stock_site()
    for spec in ctx.progress(sites, "站点"):
        with transaction.atomic():
            load_site(spec, policies, ctx)


def remove_stock_site():
    """Drop the welcome site that Wagtail's migrations create, if untouched."""
    for site in Site.objects.filter(root_page__title=STOCK_WELCOME_TITLE):
        page = site.root_page
        if type(page.specific) is Page and not page.get_children().exists():
            site.delete()
            page.delete()


def tree_root():
    """Return the page tree's root, creating it in a database emptied by flush."""
    root = Page.get_first_root_node()
    if root is None:
        locale, _created = Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", locale=locale))
    return root


def load_site(spec, policies, ctx):
    root = tree_root()
    home, _created = ensure_page(
        root, HomePage, spec["key"], title=spec["title"], intro=spec.get("intro", "")
    )
    site = ensure_site(home, spec, ctx)
    save_identity(site, spec["identity"])
    for column_spec in spec["columns"]:
        column, _created = ensure_page(
            home,
            ColumnPage,
            column_spec["slug"],
            title=column_spec["title"],
            kind=column_spec.get("kind", "other"),
            show_on_home=column_spec.get("home", False),
            show_in_menus=True,
        )
        for record_id in spec.get("articles", {}).get(column_spec["slug"], []):
            load_article(column, record_id, policies, ctx)
    return site


def ensure_site(home, spec, ctx):
    """Return the site rooted at ``home``, moved to the requested host:port."""
    hostname = ctx.hostname(spec["subdomain"])
    taken = Site.objects.filter(hostname=hostname, port=ctx.port).exclude(
        root_page=home
    )
    if taken.exists():
        raise DemoDataError(
            f"sites.json 站点 {spec['key']}: "
            f"主机名 {hostname}:{ctx.port} 已被其他站点使用"
        )
    is_default = spec.get("is_default", False)
    if is_default:
        Site.objects.filter(is_default_site=True).exclude(root_page=home).update(
            is_default_site=False
        )
    # The demo's own site has the demo subdomain; other sites on the same home
    # page are aliases that an administrator added, and are left alone.
    own = Site.objects.filter(root_page=home)
    site = (
        own.filter(hostname=hostname).first()
        or own.filter(hostname__startswith=f"{spec['subdomain']}.").first()
    )
    if site is None:
        return Site.objects.create(
            hostname=hostname,
            port=ctx.port,
            root_page=home,
            site_name=spec["identity"]["site_name"],
            is_default_site=is_default,
        )
    if (site.hostname, site.port, site.is_default_site) != (
        hostname,
        ctx.port,
        is_default,
    ):
        site.hostname, site.port, site.is_default_site = hostname, ctx.port, is_default
        site.save()
    return site


def save_identity(site, values):
    """Fill the site's identity once; what an administrator set stays.

    Only empty fields are filled, so an identity row that a page view created
    blank gets the demo values while an edited one is left alone.
    """
    identity = SiteIdentity.objects.filter(site=site).first() or SiteIdentity(site=site)
    missing = {
        name: value
        for name, value in values.items()
        if identity.pk is None or getattr(identity, name) in ("", None)
    }
    if not missing:
        return
    for name, value in missing.items():
        setattr(identity, name, value)
    identity.full_clean()
    identity.save()


def load_article(column, record_id, policies, ctx):
    record = policies[record_id]
    where = f"sites.json {column.url_path} {record_id}"
    date = record.get("publish_date") or record.get("written_date")
    if not date:
        ctx.skip(where, "没有发布日期或成文日期，未导入")
        return
    ensure_page(
        column,
        ArticlePage,
        record_id,
        title=record["title"],
        publish_date=datetime.date.fromisoformat(date),
        source=record.get("issuing_organ") or "",
        author_organ=record.get("issuing_organ") or "",
        body=body_html(record.get("body")),
    )
