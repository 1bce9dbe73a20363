import datetime

from django.core.management import call_command

import pytest

from disclosure.annual_report import generate_annual_report
from disclosure.models import AnnualReportPage, Validity
from disclosure.standards import annual_report_format
from tests.disclosure.factories import disclosure_home, make_document, path_of

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def sfj_documents(sites):
    """Rules and normative documents of 南宁市司法局 over 2021-2023."""
    home = disclosure_home(sites["sfj"])
    make_document(home, category="rule", publish_date=D(2023, 3, 1))
    make_document(
        home,
        category="normative",
        publish_date=D(2023, 5, 1),
        validity=Validity.REPEALED,
        repealed_on=D(2023, 11, 1),
    )
    make_document(home, category="normative", publish_date=D(2022, 6, 1))
    make_document(
        home,
        category="normative",
        publish_date=D(2022, 1, 10),
        expires_on=D(2024, 2, 1),
    )
    make_document(
        home,
        category="normative",
        publish_date=D(2021, 1, 1),
        validity=Validity.EXPIRED,
        expires_on=D(2022, 7, 1),
    )
    make_document(home, category="other", publish_date=D(2023, 6, 1))
    make_document(home, category="normative", publish_date=D(2023, 7, 1), publish=False)
    return home


def test_document_table_matches_hand_counted_figures(sites, sfj_documents):
    report = generate_annual_report(sites["sfj"], 2023)

    assert report.tables["documents"] == {
        "规章": {"made": 1, "repealed": 0, "in_force": 1},
        "行政规范性文件": {"made": 1, "repealed": 1, "in_force": 2},
    }
    assert report.tables["previous"] == {
        "规章": {"made": 0, "repealed": 0, "in_force": 0},
        "行政规范性文件": {"made": 2, "repealed": 1, "in_force": 2},
    }


def test_request_table_has_every_row_of_the_2021_format_at_zero(sites, sfj_documents):
    spec = annual_report_format()["table_requests"]
    report = generate_annual_report(sites["sfj"], 2023)

    rows = report.tables["requests"]["rows"]
    reasons = sum(len(outcome["reasons"]) for outcome in spec["outcomes"])
    assert len(rows) == 2 + len(spec["outcomes"]) + reasons + 1 + 1
    assert all(values == [0] * 7 for _label, values in rows)
    assert report.tables["requests"]["columns"] == spec["columns"]


def test_report_page_shows_six_sections_tables_and_chart(client, sites, sfj_documents):
    report = generate_annual_report(sites["sfj"], 2023)

    html = client.get(path_of(report), HTTP_HOST=sites["sfj"].hostname)

    text = html.content.decode()
    for section in annual_report_format()["sections"]:
        assert section in text
    assert '<table class="report-table proactive">' in text
    assert "<svg" in text and "2022年" in text
    assert "属于国家秘密" in text


def test_regenerating_refreshes_tables_and_keeps_edited_text(sites, sfj_documents):
    report = generate_annual_report(sites["sfj"], 2023)
    report.overview = "<p>编辑写的总体情况</p>"
    report.save_revision().publish()
    make_document(sfj_documents, category="rule", publish_date=D(2023, 8, 1))

    call_command("generate_annual_report", site="sfj", year=2023, verbosity=0)

    report = AnnualReportPage.objects.get(pk=report.pk)
    assert report.overview == "<p>编辑写的总体情况</p>"
    assert report.tables["documents"]["规章"]["made"] == 2
    assert AnnualReportPage.objects.filter(year=2023).count() == 1
