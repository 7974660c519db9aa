"""The privacy notice: in both languages, linked from every page's footer."""

import pytest

pytestmark = pytest.mark.django_db


def test_privacy_notice_in_english(client, settings):
    settings.SEM_IDENTITY_RETENTION_DAYS = 365
    page = client.get("/en/privacy/").content.decode()
    assert "<h1>Privacy notice</h1>" in page
    for heading in ("What we collect", "Who sees it", "How long it is kept"):
        assert f">{heading}</h2>" in page
    assert "Your identity document is deleted 365 days after every case" in page


def test_privacy_notice_in_spanish(client):
    response = client.get("/es/privacy/")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "es"
    body = response.content.decode()
    assert '<html lang="es"' in body
    assert "Aviso de privacidad" in body
    assert "Su documento de identidad se elimina 365 días después" in body
    assert "What we collect" not in body


def test_every_page_links_to_the_notice(client):
    for path, link in (("/en/", "/en/privacy/"), ("/es/docket/", "/es/privacy/")):
        assert f'<a href="{link}">' in client.get(path).content.decode()


def test_the_notice_says_what_the_open_data_give_of_each_submitter(client):
    """Walk 134: the JSON API gave each submitter's kind and country (the registry format's
    fields) where the notice promised the public only the submitters' names."""
    from tests.helpers_cases import drive

    case = drive("admissibility_review").case
    (submitter,) = client.get(f"/api/v1/submissions/{case.slug}/").json()["submitters"]
    assert set(submitter) >= {"name", "kind", "country"}
    for language, words in (
        ("en", "whether each submitter is a person or an organization, and of which country"),
        ("es", "es una persona o una organización, y de qué país"),
    ):
        for path in ("privacy", "data"):
            page = " ".join(client.get(f"/{language}/{path}/").content.decode().split())
            assert words in page, (language, path)
    # Nor of a withheld submitter (walk 138: only the name was said to be withheld).
    page = " ".join(client.get("/en/privacy/").content.decode().split())
    assert "instead of your name, and nothing else about you." in page
