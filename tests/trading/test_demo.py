"""The demo step loads the real notices once and then leaves them to editors."""

from django.core.management import call_command

import pytest

from disclosure.trading.models import NoticePage
from tests.conftest import DEMO_PORT

pytestmark = pytest.mark.django_db


def test_loading_the_demo_again_keeps_an_edited_notice(admin_user):
    notice = NoticePage.objects.live().order_by("pk").first()
    notice.title = f"{notice.title}（更正）"
    notice.save_revision(user=admin_user).publish(user=admin_user)
    count = NoticePage.objects.count()

    call_command("load_demo", port=DEMO_PORT, no_progress=True, verbosity=0)

    notice.refresh_from_db()
    assert notice.title.endswith("（更正）")
    assert NoticePage.objects.count() == count
