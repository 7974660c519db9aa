"""A request declaring a body larger than the attachments' total limit plus the form margin is
refused with 413 before Django reads any of it; a request within the limit goes through."""

import io

import pytest
from django.urls import reverse
from django.utils import translation

from secretariat.limits import request_limit

pytestmark = pytest.mark.django_db


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anyone reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_settings_stream_large_files_and_bound_the_form_fields(settings):
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2 * 1024 * 1024
    assert request_limit() == 100 * 1024 * 1024 + 3 * 1024 * 1024


def test_an_oversized_post_is_refused_with_413_without_reading_the_body(client):
    with translation.override("en"):
        url = reverse("file")
    response = client.generic(
        "POST",
        url,
        b"",
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(request_limit() + 1),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    # The site's own page (walk 76: plain text, and a 500 under runserver from a hop-by-hop
    # "Connection" header, which a WSGI application may not set).
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert not response.has_header("Connection")
    page = " ".join(response.content.decode().split())
    assert "The files sent with one form may total at most 100.0 MB, so nothing was received." in (
        page
    )
    assert "the files must be chosen again" in page


def test_the_refusal_is_in_the_persons_language(client):
    response = client.generic(
        "POST",
        "/es/file/",
        b"",
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(request_limit() + 1),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert 'lang="es"' in response.content.decode()
    assert "Los archivos enviados son demasiado grandes" in response.content.decode()


def test_the_refusal_follows_the_limit_setting(client, settings):
    settings.SEM_FILING_MAX_TOTAL_BYTES = 1000
    settings.SEM_UPLOAD_REQUEST_MARGIN_BYTES = 24
    with translation.override("en"):
        url = reverse("track_lost")
    refused = client.post(url, {"email": "a" * 1100 + "@example.org"})
    assert refused.status_code == 413
    allowed = client.post(url, {"email": "someone@example.org"})
    assert allowed.status_code == 200
    assert b"too large" not in allowed.content


def test_a_get_with_a_large_declared_length_is_not_refused(client):
    with translation.override("en"):
        url = reverse("file")
    response = client.get(url, CONTENT_LENGTH=str(request_limit() + 1))
    assert response.status_code == 200
