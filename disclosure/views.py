"""Public document lists: per site, per directory node, and across sites."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from wagtail.models import Site

from disclosure.exports import (
    DocumentListFeed,
    csv_response,
    filter_errors_response,
    json_response,
)
from disclosure.filters import CrossSiteDocumentFilter, DocumentFilter
from disclosure.lists import CombinedList
from disclosure.models import (
    Category,
    DirectoryNode,
    DisclosureDocumentPage,
    DisclosureIndexPage,
    InterpretationPage,
    Validity,
    validity_q,
)

PER_PAGE = 20
FORMATS = ("html", "rss", "csv", "json")


def current_site(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


def published_documents():
    return (
        DisclosureDocumentPage.objects.live()
        .public()
        .select_related("topic")
        .prefetch_related("issuing_organs")
        .order_by("-publish_date", "-pk")
    )


def site_documents(site):
    return published_documents().descendant_of(site.root_page)


def published_interpretations(site=None):
    interpretations = InterpretationPage.objects.live().public()
    if site is not None:
        interpretations = interpretations.descendant_of(site.root_page)
    return interpretations


def document_list(request, fmt="html"):
    site = current_site(request)
    return respond(
        request,
        site,
        site_documents(site),
        _("信息公开文件"),
        fmt,
        interpretations=published_interpretations(site),
    )


def node_documents(request, code, fmt="html"):
    site = current_site(request)
    node = DirectoryNode.find(site, code)
    if node is None:
        raise Http404
    data = request.GET.copy()
    data["node"] = node.code
    return respond(
        request,
        site,
        site_documents(site),
        node.name,
        fmt,
        data=data,
        node=node,
        interpretations=published_interpretations(site),
    )


def normative_documents(request, fmt="html"):
    site = current_site(request)
    documents = site_documents(site).filter(
        validity_q(Validity.IN_FORCE),
        category__in=[Category.RULE, Category.NORMATIVE],
    )
    return respond(request, site, documents, _("现行有效规范性文件"), fmt)


def portal_documents(request, fmt="html"):
    site = current_site(request)
    if not site.is_default_site:
        raise Http404
    return respond(
        request,
        site,
        published_documents(),
        _("全市信息公开文件"),
        fmt,
        filter_class=CrossSiteDocumentFilter,
        interpretations=published_interpretations(),
    )


def respond(
    request,
    site,
    documents,
    title,
    fmt,
    data=None,
    node=None,
    filter_class=None,
    interpretations=None,
):
    """Render, feed or export a filtered list; interpretations join if given."""
    filter_class = filter_class or DocumentFilter
    filterset = filter_class(
        data if data is not None else request.GET,
        queryset=documents,
        site=None if filter_class is CrossSiteDocumentFilter else site,
    )
    valid = filterset.is_valid()
    if not valid and fmt != "html":
        return filter_errors_response(filterset.form, fmt)
    # An invalid filter lists nothing rather than everything it could not read.
    pages = filterset.qs if valid else documents.none()
    if valid and interpretations is not None:
        pages = CombinedList(pages, filterset.interpretations(interpretations))
    if fmt == "rss":
        link = request.build_absolute_uri(request.path.removesuffix("rss/"))
        query = request.GET.urlencode()
        link = f"{link}?{query}" if query else link
        return DocumentListFeed()(request, title=title, link=link, pages=pages)
    if fmt == "csv":
        return csv_response(pages, request, "documents")
    if fmt == "json":
        return json_response(pages, request)
    paginator = Paginator(pages, PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "disclosure/document_list.html",
        {
            "title": title,
            "filter": filterset,
            "page_obj": paginator.get_page(request.GET.get("page")),
            "query": query.urlencode(),
            "node": node,
            "disclosure_home": DisclosureIndexPage.objects.descendant_of(site.root_page)
            .live()
            .first(),
            "cross_site": filter_class is CrossSiteDocumentFilter,
        },
        status=200 if valid else 400,
    )
