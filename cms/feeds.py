"""RSS and Atom feeds of a column, built on Django's syndication framework."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from cms.models import SiteIdentity

FEED_LENGTH = 50


class ColumnRssFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, column):
        return column

    def title(self, column):
        identity = SiteIdentity.for_request(self.request)
        return f"{column.title} - {identity.site_name}".strip(" -")

    def link(self, column):
        return column.get_url(request=self.request)

    def description(self, column):
        return column.intro or column.title

    def items(self, column):
        return column.items().specific()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "feed_summary", "")

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class ColumnAtomFeed(ColumnRssFeed):
    feed_type = Atom1Feed
    subtitle = ColumnRssFeed.description
