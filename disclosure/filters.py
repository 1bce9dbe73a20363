"""The filters of every disclosure document list (django-filter)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

import django_filters

from disclosure.models import (
    Category,
    DirectoryNode,
    DisclosureDocumentPage,
    IssuingOrgan,
    Topic,
    Validity,
)
from disclosure.models.documents import GENRES

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class NodeChoiceField(django_filters.fields.ModelChoiceField):
    """Choose a node by code; a duplicated code resolves to the standard node."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        node = (
            self.queryset.filter(code=str(value))
            .order_by(F("site").asc(nulls_first=True), "pk")
            .first()
        )
        if node is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return node


class NodeChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = NodeChoiceField


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_keyword")
    node = NodeChoiceFilter(
        label=_("公开目录"),
        queryset=DirectoryNode.objects.none(),
        to_field_name="code",
        method="filter_node",
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("主题分类"), queryset=Topic.objects.all(), method="filter_topic"
    )
    organ = django_filters.ModelChoiceFilter(
        label=_("发文机关"),
        queryset=IssuingOrgan.objects.all(),
        field_name="issuing_organs",
    )
    year = django_filters.NumberFilter(
        label=_("年份"), field_name="publish_date", lookup_expr="year"
    )
    genre = django_filters.ChoiceFilter(label=_("体裁分类"), choices=GENRES)
    category = django_filters.ChoiceFilter(
        label=_("文件类别"), choices=Category.choices
    )
    validity = django_filters.ChoiceFilter(label=_("有效性"), choices=Validity.choices)
    date_from = django_filters.DateFilter(
        label=_("发布日期起"),
        field_name="publish_date",
        lookup_expr="gte",
        widget=DATE_INPUT,
    )
    date_to = django_filters.DateFilter(
        label=_("发布日期止"),
        field_name="publish_date",
        lookup_expr="lte",
        widget=DATE_INPUT,
    )

    class Meta:
        model = DisclosureDocumentPage
        fields = []

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        nodes = DirectoryNode.for_site(site) if site else DirectoryNode.objects
        self.filters["node"].queryset = nodes.filter(
            Q(site__isnull=True) | Q(site=site)
        ).order_by("sort_order", "code")

    def filter_keyword(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(document_number__icontains=word)
                | Q(index_number__icontains=word)
                | Q(keywords__icontains=word)
            )
        return queryset

    def filter_node(self, queryset, name, node):
        below = Q(code__startswith=f"{node.code}.")
        if node.site_id:
            below &= Q(site=node.site)
        nodes = DirectoryNode.objects.filter(Q(pk=node.pk) | below)
        return queryset.filter(directory_nodes__in=nodes).distinct()

    def filter_topic(self, queryset, name, topic):
        return queryset.filter(Q(topic=topic) | Q(topic__parent=topic))


class CrossSiteDocumentFilter(DocumentFilter):
    site = django_filters.ModelChoiceFilter(
        label=_("站点"),
        queryset=Site.objects.order_by("-is_default_site", "pk"),
        method="filter_site",
    )

    def filter_site(self, queryset, name, site):
        return queryset.descendant_of(site.root_page)
