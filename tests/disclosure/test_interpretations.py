import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest

from disclosure.interpretation_report import (
    interpretation_deadline,
    missing_interpretations,
)
from disclosure.models import InterpretationPage
from tests.disclosure.factories import disclosure_home, make_document, path_of

pytestmark = pytest.mark.django_db

# 2024-09-27 is a Friday; Sunday 2024-09-29 is a make-up working day and
# 1-7 October is the National Day holiday.
FRIDAY_BEFORE_NATIONAL_DAY = datetime.date(2024, 9, 27)


def test_deadline_counts_make_up_day_and_skips_holiday(sites):
    home = disclosure_home(sites["xingning"])
    page = make_document(
        home, publish_date=FRIDAY_BEFORE_NATIONAL_DAY, needs_interpretation=True
    )

    # 29 Sep (make-up), 30 Sep, then 8 Oct after the holiday.
    assert interpretation_deadline(page) == datetime.date(2024, 10, 8)


def test_report_lists_document_only_after_the_deadline(sites):
    home = disclosure_home(sites["xingning"])
    page = make_document(
        home, publish_date=FRIDAY_BEFORE_NATIONAL_DAY, needs_interpretation=True
    )

    on_deadline = missing_interpretations(today=datetime.date(2024, 10, 8))
    after = missing_interpretations(today=datetime.date(2024, 10, 9))

    assert page not in [document for document, _deadline in on_deadline]
    assert page in [document for document, _deadline in after]


def test_published_interpretation_clears_the_report(sites):
    home = disclosure_home(sites["xingning"])
    page = make_document(
        home, publish_date=FRIDAY_BEFORE_NATIONAL_DAY, needs_interpretation=True
    )
    interpretation = InterpretationPage(
        title="解读", slug="jd", publish_date=datetime.date(2024, 9, 28), live=False
    )
    home.add_child(instance=interpretation)
    interpretation.documents = [page]
    interpretation.save_revision().publish()

    late = missing_interpretations(today=datetime.date(2024, 12, 1))

    assert page not in [document for document, _deadline in late]


def test_document_not_marked_as_needing_one_is_never_reported(sites):
    home = disclosure_home(sites["xingning"])
    page = make_document(home, publish_date=FRIDAY_BEFORE_NATIONAL_DAY)

    late = missing_interpretations(today=datetime.date(2025, 1, 1))

    assert page not in [document for document, _deadline in late]


def test_admin_report_page_lists_late_documents(client, sites):
    home = disclosure_home(sites["xingning"])
    make_document(
        home,
        title="待解读的文件",
        publish_date=FRIDAY_BEFORE_NATIONAL_DAY,
        needs_interpretation=True,
    )
    client.force_login(get_user_model().objects.create_superuser("root", "", "x"))

    response = client.get(reverse("disclosure_missing_interpretations"))

    assert response.status_code == 200
    assert "待解读的文件" in response.content.decode()


def test_interpretation_and_document_show_each_other(client, sites):
    host = sites["sfj"].hostname
    interpretation = InterpretationPage.objects.get(import_key="interp-001")
    document = interpretation.documents.get()

    document_html = client.get(path_of(document), HTTP_HOST=host).content.decode()
    interpretation_html = client.get(
        path_of(interpretation), HTTP_HOST=host
    ).content.decode()

    assert document.document_number == "国办发〔2018〕118号"
    assert path_of(interpretation) in document_html
    assert path_of(document) in interpretation_html
