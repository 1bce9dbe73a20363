import datetime
import uuid

from disclosure.models import DisclosureDocumentPage, DisclosureIndexPage


def disclosure_home(site):
    return DisclosureIndexPage.objects.descendant_of(site.root_page).get()


def make_document(home, publish=True, **fields):
    """Add a document under ``home`` as a draft, then publish it if asked."""
    values = {
        "title": "测试文件",
        "publish_date": datetime.date(2024, 5, 6),
        "slug": f"test-{uuid.uuid4().hex[:10]}",
        "live": False,
        **fields,
    }
    page = DisclosureDocumentPage(**values)
    home.add_child(instance=page)
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def path_of(page):
    """Return the page's path on its own site, as links on that site show it."""
    return page.get_url_parts()[2]
