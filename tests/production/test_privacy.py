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
