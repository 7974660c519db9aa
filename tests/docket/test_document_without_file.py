"""A public document with its text but no stored file (seed_demo and the registry make them):
its reading page and the case page offer no download, which would only 404."""

import datetime

import pytest
from django.test import Client

from notices import services as documents
from submissions.models import Document
from tests.helpers_cases import drive, frozen
from tests.parties import CRITERIA
from workflow import services

pytestmark = pytest.mark.django_db

# Every criterion of the profile met (the TPA's a–f, the USMCA's a–e).
MET = {c: {"met": True, "reasons": f"({c}) se cumple."} for c in CRITERIA}


@pytest.fixture
def decided(officer, director):
    case = drive("admissibility_review").case
    with frozen(datetime.date(2023, 4, 10)):
        proposal = documents.record_with_documents(
            case,
            "admissibility_determined",
            actor=officer,
            data={"outcome": "meets", "criteria": MET},
        )
    with frozen(datetime.date(2023, 4, 12)):
        decision = services.approve_proposal(case, proposal.seq, actor=director)
    case.refresh_from_db()
    return case, decision.documents.get(language="es")


def test_a_document_with_a_file_offers_its_download(decided):
    case, document = decided
    assert document.file
    page = Client().get(f"/es/docket/{case.slug}/documents/{document.pk}/read/")
    assert page.status_code == 200
    assert f"/docket/{case.slug}/documents/{document.pk}/" in page.content.decode()


def test_a_document_without_a_file_offers_no_download(decided):
    case, document = decided
    Document.objects.filter(pk=document.pk).update(file="")
    download = f"/es/docket/{case.slug}/documents/{document.pk}/"
    assert Client().get(download).status_code == 404
    page = Client().get(f"{download}read/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="{download}"' not in html
    assert "()" not in html
    case_page = Client().get(f"/es/docket/{case.slug}/").content.decode()
    assert f'href="{download}"' not in case_page
    assert f'href="{download}read/"' in case_page


def test_the_api_links_a_file_only_where_there_is_one_and_the_reading_page(decided):
    """Walk 69: the API linked every public document's download, and those without a file
    answered 404; the reading pages, which do work, were not given."""
    case, document = decided
    client = Client()

    def listed():
        data = client.get(f"/api/v1/submissions/{case.slug}/").json()
        documents = [d for e in data["events"] for d in e.get("documents", ())]
        return next(d for d in documents if d["title"] == document.title)

    with_file = listed()
    assert client.get(with_file["url"]).status_code == 200
    assert client.get(with_file["read_url"]).status_code == 200
    assert with_file["read_url"].endswith(f"/es/docket/{case.slug}/documents/{document.pk}/read/")
    Document.objects.filter(pk=document.pk).update(file="")
    without = listed()
    assert without["url"] is None
    assert client.get(without["read_url"]).status_code == 200
