"""The public list's filters: by project, by notice and by keyword."""

from django import forms
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

import django_filters

from disclosure.trading import stages
from disclosure.trading.amounts import MAX_YUAN
from disclosure.trading.models import TRADING_METHODS, TRADING_TYPES, NoticePage

DATE_INPUT = forms.DateInput(attrs={"type": "date"})
AMOUNT_ERRORS = {
    "invalid": _("金额应为数字（单位：元）。"),
    "min_value": _("金额不能为负数。"),
    "max_value": _("金额过大。"),
}


def amount_filter(label, lookup_expr):
    return django_filters.NumberFilter(
        label=label,
        field_name="money",
        lookup_expr=lookup_expr,
        min_value=0,
        max_value=MAX_YUAN,
        error_messages=AMOUNT_ERRORS,
    )


def notices_for_site(site):
    """Return the live notices a site lists: the portal lists every site's."""
    notices = NoticePage.objects.live().public()
    if site is not None and not site.is_default_site:
        notices = notices.descendant_of(site.root_page)
    return (
        notices.select_related("project")
        .annotate(money=Coalesce("amount", "project__budget"))
        .order_by("-publish_date", "-pk")
    )


def site_choices():
    return [(site.pk, site.site_name or site.hostname) for site in Site.objects.all()]


class NoticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_keyword")
    trading_type = django_filters.ChoiceFilter(
        label=_("交易类型"), field_name="project__trading_type", choices=TRADING_TYPES
    )
    stage = django_filters.ChoiceFilter(
        label=_("公告类型"), choices=stages.STAGE_CHOICES
    )
    trading_method = django_filters.ChoiceFilter(
        label=_("交易方式"),
        field_name="project__trading_method",
        choices=TRADING_METHODS,
    )
    site = django_filters.ChoiceFilter(
        label=_("发布网站"), choices=site_choices, method="filter_site"
    )
    region = django_filters.CharFilter(
        label=_("地区"), field_name="project__region", lookup_expr="icontains"
    )
    date_from = django_filters.DateFilter(
        label=_("发布日期起"), field_name="publish_date", lookup_expr="gte",
        widget=DATE_INPUT,
    )  # fmt: skip
    date_to = django_filters.DateFilter(
        label=_("发布日期止"), field_name="publish_date", lookup_expr="lte",
        widget=DATE_INPUT,
    )  # fmt: skip
    amount_min = amount_filter(_("金额下限（元）"), "gte")
    amount_max = amount_filter(_("金额上限（元）"), "lte")

    class Meta:
        model = NoticePage
        fields = []

    def filter_keyword(self, queryset, name, value):
        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(project__transaction_code__icontains=value)
            | Q(project__purchaser__icontains=value)
            | Q(project__agency__icontains=value)
            | Q(winners__icontains=value)
        )

    def filter_site(self, queryset, name, value):
        site = Site.objects.filter(pk=value).select_related("root_page").first()
        if site is None:
            return queryset.none()
        return queryset.descendant_of(site.root_page, inclusive=False)
