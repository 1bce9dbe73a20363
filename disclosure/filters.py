"""The filters of every disclosure document list (django-filter)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

import django_filters

from disclosure.document_numbers import normalise_document_number
from disclosure.models import (
    Category,
    DirectoryNode,
    DisclosureDocumentPage,
    InterpretationPage,
    IssuingOrgan,
    Topic,
    Validity,
    validity_q,
)
from disclosure.models.documents import GENRES

DATE_INPUT = forms.DateInput(attrs={"type": "date"})
# Metadata only documents have: a filter on it leaves interpretations out.
DOCUMENT_ONLY_FILTERS = ("topic", "organ", "genre", "category", "validity")
# The People's Republic's government documents start in 1949.
FIRST_YEAR = 1949
# Each word is one more condition in the query; a pasted page of text would
# build a query the database refuses to plan.
MAX_KEYWORD_WORDS = 10
MAX_KEYWORD_LENGTH = 100


def last_year():
    """Return the latest year a list accepts: next year, for dated plans."""
    return timezone.localdate().year + 1


def validate_keyword_words(value):
    if len(value.split()) > MAX_KEYWORD_WORDS:
        raise ValidationError(
            _("关键词最多 %(limit)s 个，请精简后再查。"),
            code="too_many_words",
            params={"limit": MAX_KEYWORD_WORDS},
        )


class YearField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", last_year())
        message = _("年份应为 %(first)s 至 %(last)s 之间的整数。") % {
            "first": kwargs["min_value"],
            "last": kwargs["max_value"],
        }
        kwargs["error_messages"] = dict.fromkeys(
            ("invalid", "min_value", "max_value"), message
        )
        super().__init__(*args, **kwargs)


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


def keyword_filter():
    return django_filters.CharFilter(
        label=_("关键词"),
        method="filter_keyword",
        max_length=MAX_KEYWORD_LENGTH,
        validators=[validate_keyword_words],
        error_messages={
            "max_length": _("关键词不能超过 %(limit_value)d 个字。"),
        },
    )


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
    q = keyword_filter()
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
    year = YearFilter(label=_("年份"), field_name="publish_date", lookup_expr="year")
    genre = django_filters.ChoiceFilter(label=_("体裁分类"), choices=GENRES)
    category = django_filters.ChoiceFilter(
        label=_("文件类别"), choices=Category.choices
    )
    validity = django_filters.ChoiceFilter(
        label=_("有效性"), choices=Validity.choices, method="filter_validity"
    )
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
        for word in value.split():
            # People type 国办发[2018]118号; documents store 〔〕.
            number = normalise_document_number(word)
            title = Q(title__icontains=word) | Q(title__icontains=number)
            if queryset.model is InterpretationPage:
                queryset = queryset.filter(
                    title
                    | Q(author_organ__icontains=word)
                    | Q(pk__in=interpretations_of_number(number))
                )
                continue
            queryset = queryset.filter(
                title
                | Q(document_number__icontains=number)
                | Q(index_number__icontains=word)
                | Q(keywords__icontains=word)
            )
        return queryset

    def interpretations(self, queryset):
        """Apply the same filter to interpretations; call after ``is_valid()``.

        Interpretations have no topic, organ, genre, category or validity, so
        a filter on any of those keeps none of them.
        """
        data = self.form.cleaned_data
        if any(data.get(name) not in (None, "") for name in DOCUMENT_ONLY_FILTERS):
            return queryset.none()
        for name, value in data.items():
            if name not in DOCUMENT_ONLY_FILTERS:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_node(self, queryset, name, node):
        below = Q(code__startswith=f"{node.code}.")
        if node.site_id:
            below &= Q(site=node.site)
        nodes = DirectoryNode.objects.filter(Q(pk=node.pk) | below)
        return queryset.filter(directory_nodes__in=nodes).distinct()

    def filter_validity(self, queryset, name, value):
        return queryset.filter(validity_q(value))

    def filter_topic(self, queryset, name, topic):
        return queryset.filter(Q(topic=topic) | Q(topic__parent=topic))


def interpretations_of_number(number):
    """Return the pks of interpretations of documents whose number matches."""
    links = InterpretationPage.documents.through.objects
    return links.filter(
        disclosuredocumentpage__document_number__icontains=number
    ).values("interpretationpage_id")


class CrossSiteDocumentFilter(DocumentFilter):
    site = django_filters.ModelChoiceFilter(
        label=_("站点"),
        queryset=Site.objects.order_by("-is_default_site", "pk"),
        method="filter_site",
    )

    def filter_site(self, queryset, name, site):
        return queryset.descendant_of(site.root_page)
