"""The search index kept in the database, its vocabulary, synonyms and logs."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, Site
from wagtail.snippets.models import register_snippet


class SearchEntry(models.Model):
    """One searchable item, denormalised so a query needs no content table.

    The database backend matches the segmented columns (through SQLite FTS5
    or a PostgreSQL tsvector, both created by migrations); OpenSearch indexes
    the same rows.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    url = models.CharField(max_length=500)
    kind = models.CharField(_("类型"), max_length=50, blank=True, db_index=True)
    title = models.TextField(_("标题"))
    body = models.TextField(_("正文"), blank=True)
    date = models.DateField(_("日期"), null=True, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    organ = models.CharField(_("发布机构"), max_length=200, blank=True, db_index=True)
    topic = models.CharField(_("主题"), max_length=100, blank=True, db_index=True)
    identifiers = models.TextField(blank=True)  # "|id|id|", normalised
    title_seg = models.TextField(blank=True)
    body_seg = models.TextField(blank=True)
    pinyin = models.TextField(blank=True)
    initials = models.TextField(blank=True)
    # The entry's words counted in SearchTerm, kept so a change or removal
    # can take back exactly what it added.
    vocabulary = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("搜索索引条目")
        verbose_name_plural = _("搜索索引条目")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_entry_unique_object"
            )
        ]
        indexes = [
            # Lists matches newest first with their facets without reading
            # the wide rows (search.backends.database.LISTING_INDEX).
            models.Index(
                fields=["date", "id", "site", "kind", "year", "organ", "topic"],
                name="search_entry_listing",
            )
        ]

    def __str__(self):
        return self.title


class SearchTerm(models.Model):
    """A word of indexed titles and bodies, for "did you mean" and pinyin.

    ``frequency`` is the number of entries whose vocabulary holds the word;
    a word no entry holds any more is deleted.
    """

    word = models.CharField(max_length=50, unique=True)
    pinyin = models.CharField(max_length=200, db_index=True)
    frequency = models.PositiveIntegerField(default=1)

    def __str__(self):
        return self.word


@register_snippet
class Synonym(models.Model):
    """A colloquial word and the official words a search should also find."""

    word = models.CharField(_("口语词"), max_length=50, unique=True)
    synonyms = models.CharField(
        _("规范词"), max_length=300, help_text=_("多个词用空格或逗号分隔。")
    )

    class Meta:
        verbose_name = _("搜索同义词")
        verbose_name_plural = _("搜索同义词")

    def __str__(self):
        return f"{self.word} → {self.synonyms}"


class QueryLog(models.Model):
    """A query as typed and how many results it got; nothing about who asked."""

    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    query = models.CharField(_("搜索词"), max_length=100, db_index=True)
    results = models.PositiveIntegerField(_("结果数"))
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("搜索记录")
        verbose_name_plural = _("搜索记录")

    def __str__(self):
        return self.query


class PendingIndexTask(models.Model):
    """Index work the search engine could not take; replayed when it is back."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    action = models.CharField(max_length=10)  # "index" or "delete"
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_pending_unique"
            )
        ]

    def __str__(self):
        return f"{self.action} {self.content_type_id}:{self.object_id}"
