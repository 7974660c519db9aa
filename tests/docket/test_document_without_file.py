"""A public document with its text but no stored file (seed_demo and the registry make them):
its reading page and the case page offer no download, which would only 404."""

import pytest
from django.test import Client

from submissions.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(public_determination):
    case, decision = public_determination
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
