"""One list of documents and interpretations, newest first, read page by page."""

from django.db.models import F

from disclosure.models import DisclosureDocumentPage, InterpretationPage

CHUNK = 500


class CombinedList:
    """Documents and interpretations sorted together, as a Paginator wants.

    The database sorts the pks of both querysets in one UNION; only the pages
    of the slice asked for are loaded.
    """

    ordered = True

    def __init__(self, documents, interpretations):
        self.documents = documents
        self.interpretations = interpretations

    def _keys(self):
        def keys(queryset):
            return (
                queryset.order_by()
                .annotate(sort_date=F("publish_date"), sort_pk=F("pk"))
                .values_list("sort_date", "sort_pk")
            )

        return (
            keys(self.documents)
            .union(keys(self.interpretations), all=True)
            .order_by("-sort_date", "-sort_pk")
        )

    def count(self):
        return self._keys().count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._load([pk for _date, pk in self._keys()[index]])
        return self._load([self._keys()[index][1]])[0]

    def __iter__(self):
        pks = [pk for _date, pk in self._keys()]
        for start in range(0, len(pks), CHUNK):
            yield from self._load(pks[start : start + CHUNK])

    def _load(self, pks):
        documents = (
            DisclosureDocumentPage.objects.filter(pk__in=pks)
            .select_related("topic__parent")
            .prefetch_related("issuing_organs")
        )
        found = {page.pk: page for page in documents}
        for page in InterpretationPage.objects.filter(pk__in=pks):
            page.is_interpretation = True
            found[page.pk] = page
        return [found[pk] for pk in pks if pk in found]
