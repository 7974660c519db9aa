"""The public pages kept by the registry's version (secretariat.public.cache): 304 to a page's
ETag until something is recorded, a fresh page after it; nothing narrowed served from the cache;
a signed-in user never served the anonymous copy; the statistics computed once per version."""

import datetime
import os
import re
from unittest import mock

import pytest
from django.core.cache import cache as django_cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.test import Client

from secretariat.public import cache, statistics
from submissions.models import Document
from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from workflow import hooks, services

D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _public_cache(settings):
    settings.SEM_PUBLIC_CACHE = True
    django_cache.clear()
    yield
    django_cache.clear()


def letter(title):
    return services.DocumentInput(
        title=title, language="es", file=SimpleUploadedFile(f"{title}.pdf", PDF)
    )


@pytest.fixture
def story(db):
    story = drive(Stage.RESPONSE_DECISION)  # determination 10 April 2023
    story.add("correspondence", D(2023, 4, 12), documents_in=[letter("Carta de la Parte")])
    return story


def case_url(story):
    return f"/en/docket/{story.case.slug}/"


def test_a_page_answers_304_to_its_etag_and_a_fresh_page_after_an_event(
    client, story, django_capture_on_commit_callbacks
):
    url = case_url(story)
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Public-Cache"] == "miss"
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert "Last-Modified" in first
    etag = first["ETag"]

    again = client.get(url)
    assert (again.status_code, again["X-Public-Cache"], again["ETag"]) == (200, "hit", etag)
    assert again.content.count(b"Carta de la Parte") == first.content.count(b"Carta de la Parte")

    unchanged = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304
    assert unchanged["ETag"] == etag
    assert unchanged.content == b""

    with django_capture_on_commit_callbacks(execute=True):
        story.add("correspondence", D(2023, 4, 14), documents_in=[letter("Segunda carta")])

    fresh = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert fresh["X-Public-Cache"] == "miss"
    assert fresh["ETag"] != etag
    assert b"Segunda carta" in fresh.content


def test_an_event_recorded_by_a_person_bumps_the_version_through_the_workflow_hook(
    story, officer, django_capture_on_commit_callbacks
):
    assert cache.event_committed in hooks._committed
    before = cache.version()
    # Only the hook can bump it here: the model signals are disconnected.
    signals = {"save": post_save, "delete": post_delete, "m2m": m2m_changed}
    for name, signal in signals.items():
        assert signal.disconnect(dispatch_uid=f"sem-public-version-{name}")
    try:
        with frozen(D(2023, 4, 13)), django_capture_on_commit_callbacks(execute=True):
            services.record_event(
                story.case,
                "correspondence",
                actor=officer,
                documents_in=[letter("Nota de la Secretaría")],
            )
    finally:
        for name, signal in signals.items():
            signal.connect(cache.changed_model, dispatch_uid=f"sem-public-version-{name}")
    assert cache.version() != before


def test_a_narrowed_document_never_comes_back_from_the_cache(
    client, story, officer, django_capture_on_commit_callbacks
):
    url = case_url(story)
    assert b"Carta de la Parte" in client.get(url).content
    assert client.get(url)["X-Public-Cache"] == "hit"
    document = Document.objects.get(title="Carta de la Parte")
    with frozen(D(2023, 4, 13)), django_capture_on_commit_callbacks(execute=True):
        services.record_event(
            story.case,
            "visibility_changed",
            actor=officer,
            data={
                "document": [document.event.seq - 1, document.position],
                "from": "public",
                "to": "parties",
                "reason": "Datos personales.",
            },
        )
    after = client.get(url)
    assert after.status_code == 200
    assert after["X-Public-Cache"] == "miss"
    assert b"Carta de la Parte" not in after.content
    assert b"Carta de la Parte" not in client.get(url).content  # nor from the new copy


def test_an_edited_public_title_and_a_calendar_change_bump_the_version(
    story, officer, django_capture_on_commit_callbacks
):
    before = cache.version()
    with django_capture_on_commit_callbacks(execute=True):
        services.set_public_texts(
            story.case,
            actor=officer,
            title_en="Logging in the Amazon",
            title_es="Tala en la Amazonía",
            summary_en="",
            summary_es="",
            reason="Clearer title.",
        )
    edited = cache.version()
    assert edited != before
    with django_capture_on_commit_callbacks(execute=True):
        services.set_non_working_day(D(2023, 12, 26), "Cierre de fin de año", actor=officer)
    assert cache.version() != edited


def test_a_rolled_back_change_does_not_bump_the_version(story, officer):
    # Inside the test's transaction nothing commits: the bump waits for a commit that never comes.
    before = cache.version()
    story.add("correspondence", D(2023, 4, 14), documents_in=[letter("Sin confirmar")])
    assert cache.version() == before


def test_a_signed_in_officer_never_receives_the_cached_anonymous_page(client, story, officer):
    url = case_url(story)
    client.get(url)
    assert client.get(url)["X-Public-Cache"] == "hit"
    client.force_login(officer)
    signed_in = client.get(url)
    assert signed_in.status_code == 200
    assert signed_in["X-Public-Cache"] == "bypass"
    assert "private" in signed_in["Cache-Control"]
    assert "no-store" in signed_in["Cache-Control"]
    assert "Cookie" in signed_in["Vary"]
    assert "ETag" not in signed_in
    assert b"Signed in as" in signed_in.content
    # Nor a 304 to the anonymous page's ETag.
    etag = Client().get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_each_visitor_gets_their_own_csrf_token_from_the_cached_page(story):
    url = case_url(story)
    token = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert first.get(url)["X-Public-Cache"] == "miss"
    page = second.get(url)
    assert page["X-Public-Cache"] == "hit"
    assert b"__SEM_CSRF_TOKEN__" not in page.content
    mine = token.search(page.content).group(1).decode()
    switched = second.post(
        "/i18n/setlang/", {"language": "es", "next": url, "csrfmiddlewaretoken": mine}
    )
    assert switched.status_code == 302  # the language switch accepts the token it was given


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/docket/",
        "/es/docket/?q=carta",
        "/en/statistics/",
        "/en/docket/export.csv",
        "/en/docket/feed/",
        "/api/v1/submissions/",
        "/sitemap.xml",
    ],
)
def test_every_public_page_carries_an_etag_and_answers_304(client, story, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert client.get(url)["X-Public-Cache"] == "hit"
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_the_tracking_pages_are_never_cached(client, db):
    lost = client.get("/en/track/lost/")
    assert lost.status_code == 200
    assert "X-Public-Cache" not in lost
    assert "ETag" not in lost


def test_the_statistics_are_computed_once_per_version(
    client, story, officer, django_capture_on_commit_callbacks
):
    with mock.patch.object(statistics, "compute", wraps=statistics.compute) as compute:
        # Two URLs (two page entries), one version: one computation.
        assert client.get("/en/statistics/").status_code == 200
        assert client.get("/en/statistics/?from=feed").status_code == 200
        assert compute.call_count == 1
        with frozen(D(2023, 4, 14)), django_capture_on_commit_callbacks(execute=True):
            services.record_event(story.case, "correspondence", actor=officer)
        assert client.get("/en/statistics/").status_code == 200
        assert compute.call_count == 2
        # The figures hold translated words: each language has its own.
        assert client.get("/es/statistics/").status_code == 200
        assert compute.call_count == 3


def test_the_test_settings_turn_the_cache_off(client, story, settings):
    settings.SEM_PUBLIC_CACHE = False
    response = client.get(case_url(story))
    assert "X-Public-Cache" not in response
    assert "ETag" not in response


def test_a_new_release_makes_every_page_afresh(client, story, monkeypatch):
    """The cache outlives a restart (Redis; the quick start's file cache): a page kept before
    a release was served after it, its new templates unseen until the next event, and its ETag
    still answered 304. A process that finds other code than the version was made with starts
    a new version; one that finds the same code keeps the pages."""
    url = case_url(story)
    monkeypatch.setattr(cache, "_code_checked", False)
    first = client.get(url)
    assert first["X-Public-Cache"] == "miss"
    monkeypatch.setattr(cache, "_code_checked", False)  # a restart, the same code
    assert client.get(url)["X-Public-Cache"] == "hit"
    monkeypatch.setattr(cache, "_code_checked", False)  # a restart after a release
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "the next release")
    fresh = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert (fresh.status_code, fresh["X-Public-Cache"]) == (200, "miss")
    assert fresh["ETag"] != first["ETag"]
    assert client.get(url)["X-Public-Cache"] == "hit"


def test_the_code_fingerprint_follows_the_files(settings, tmp_path):
    template = tmp_path / "templates" / "page.html"
    template.parent.mkdir()
    template.write_text("<p>before</p>")
    settings.BASE_DIR = tmp_path
    before = cache.code_fingerprint()
    assert cache.code_fingerprint() == before
    template.write_text("<p>before</p>")  # written again, the same: the same code
    os.utime(template, (1, 1))
    assert cache.code_fingerprint() == before
    template.write_text("<p>after!</p>")  # another content of the same length
    assert cache.code_fingerprint() != before
