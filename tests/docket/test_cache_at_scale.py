"""With the public cache on, as in production: a page made afresh (the first visitor after an
event) runs the same number of queries at 10 and at 200 cases, a kept page runs none, and the
statistics of a new version are made by the worker before anyone asks."""

import datetime
import re
from unittest import mock

import pytest
from django.core.cache import cache as django_cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from secretariat.public import cache, statistics
from submissions.models import Submission
from tests.docket.test_queries import URLS, cases
from tests.filing.conftest import filing_data
from tests.helpers_cases import TIMELINE, drive, frozen
from tests.parties import SLUG, A, B, es
from workflow import services
from workflow.registry import import_registry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _public_cache(settings):
    settings.SEM_PUBLIC_CACHE = True
    django_cache.clear()
    yield
    django_cache.clear()


def fetch(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries), response.get("X-Public-Cache", "")


def test_fresh_pages_run_the_same_queries_at_21_and_200_cases_and_kept_ones_none(client):
    # 21: a second page to read (a page past the last is a 404, walk 69).
    assert import_registry(cases(0, 21)).ok
    cache.bump()  # as the import's commit would
    small, kept = {}, []
    for url in URLS:
        small[url], status = fetch(client, url)
        assert status == "miss", (url, status)
        queries, status = fetch(client, url)
        if status == "hit":
            assert queries == 0, url
            kept.append(url)
    assert kept == URLS
    assert import_registry(cases(21, 179)).ok
    cache.bump()
    large = {url: fetch(client, url)[0] for url in URLS}
    assert large == small


def test_the_worker_makes_a_new_versions_statistics_before_anyone_asks(client, settings):
    assert import_registry(cases(0, 3)).ok
    settings.CELERY_TASK_ALWAYS_EAGER = False  # as with a worker
    with mock.patch.object(statistics.warm_figures, "apply_async") as queued:
        current = cache.bump()
    queued.assert_called_once_with(args=[current], countdown=statistics.WARM_DELAY_SECONDS)

    with mock.patch.object(statistics, "compute", wraps=statistics.compute) as compute:
        statistics.warm_figures(current)  # what the worker runs
        # English and Spanish (and, under the CEC, French).
        languages = {"us-peru-tpa": 2, "usmca-cec": 3, "cafta-dr": 2}[SLUG]
        assert compute.call_count == languages
        assert fetch(client, "/en/statistics/")[1] == "miss"  # the page, not the figures
        assert fetch(client, "/es/statistics/")[1] == "miss"
        assert compute.call_count == languages


def test_a_task_for_an_older_version_computes_nothing(client, settings):
    assert import_registry(cases(0, 3)).ok
    older = cache.bump()
    cache.bump()
    with mock.patch.object(statistics, "compute", wraps=statistics.compute) as compute:
        statistics.warm_figures(older)
    assert compute.call_count == 0


def test_without_a_worker_nothing_is_queued_and_the_first_visitor_makes_them(
    client, settings, officer, django_capture_on_commit_callbacks
):
    story = drive("admissibility_review")
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with (
        mock.patch.object(statistics.warm_figures, "apply_async") as queued,
        frozen(datetime.date(2023, 4, 14)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.record_event(story.case, "correspondence", actor=officer)
    queued.assert_not_called()
    with mock.patch.object(statistics, "compute", wraps=statistics.compute) as compute:
        assert fetch(client, "/en/statistics/")[1] == "miss"
    assert compute.call_count == 1


def test_a_visitor_served_the_kept_filing_form_files_with_their_own_token(db):
    token = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert first.get("/es/file/")["X-Public-Cache"] == "miss"
    page = second.get("/es/file/")
    assert page["X-Public-Cache"] == "hit"
    tokens = set(token.findall(page.content))
    assert len(tokens) == 1  # the form's and the language switcher's: the visitor's own
    assert tokens != set(token.findall(first.get("/es/file/").content))
    data = filing_data(csrfmiddlewaretoken=tokens.pop().decode())
    response = second.post("/es/file/", data)
    assert response.status_code == 302, response.content[:2000]
    assert Submission.objects.get().title == data["f-title"]


def test_a_filing_changes_no_public_page_until_it_is_acknowledged(
    client, django_capture_on_commit_callbacks
):
    assert import_registry(cases(0, 3)).ok
    before = cache.bump()
    page = client.get("/en/docket/")
    assert page["X-Public-Cache"] == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        story = drive("admissibility_review", acknowledged=False)  # filed, with its submitter
    assert cache.version() == before
    assert client.get("/en/docket/")["X-Public-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        story.add("acknowledged", TIMELINE["acknowledged"])
    assert cache.version() != before
    assert client.get("/en/docket/")["X-Public-Cache"] == "miss"


@pytest.mark.parametrize("base", [f"/en/docket/?party={A}", f"/api/v1/submissions/?party={A}"])
def test_the_pages_of_one_search_count_the_results_once_per_version(client, base):
    assert import_registry(cases(0, 65)).ok  # 43 of them on A: three pages
    cache.bump()
    first, _status = fetch(client, base)
    second, _status = fetch(client, base + "&page=2")
    assert second == first - 1  # the COUNT, kept from the first page
    cache.bump()
    assert fetch(client, base + "&page=3")[0] == first


def test_a_new_url_of_the_blank_filing_form_reuses_its_body_with_the_visitors_own_token(db):
    """The blank form's body is kept per version and language; the page around it (and its
    CSRF token) is each visitor's, and a Spanish page never gets the English body."""
    token = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
    first, second = Client(), Client()
    english = first.get("/en/file/")
    assert english["X-Public-Cache"] == "miss"
    with mock.patch("secretariat.public.filing_views.render_to_string", side_effect=AssertionError):
        again = second.get("/en/file/?from=newsletter")  # a new URL: the page is made afresh
    assert again["X-Public-Cache"] == "miss"
    form = re.compile(rb'<form method="post" enctype.*?</form>', re.DOTALL)
    kept = form.search(token.sub(b"T", again.content)).group()
    assert kept == form.search(token.sub(b"T", english.content)).group()
    assert b'name="f-title"' in kept
    assert token.findall(again.content) != token.findall(english.content)
    spanish = second.get("/es/file/").content.decode()
    assert es("Enviar mi comunicación") in spanish and "Send my submission" not in spanish


def test_the_docket_filters_are_kept_per_choice_and_drawn_afresh_after_an_event(client):
    assert import_registry(cases(0, 3)).ok
    cache.bump()
    selected = re.compile(r"<option value=\"([A-Z]{2})\" selected>")
    assert selected.findall(client.get(f"/en/docket/?party={A}").content.decode()) == [A]
    assert selected.findall(client.get(f"/en/docket/?party={B}").content.decode()) == [B]
    assert selected.findall(client.get(f"/en/docket/?party={A}&cold=1").content.decode()) == [A]
    with mock.patch("secretariat.public.docket_views.render_to_string") as draw:
        draw.return_value = "<fieldset>drawn</fieldset>"
        client.get(f"/en/docket/?party={A}&cold=2")
        assert not draw.called  # kept under this version
        cache.bump()
        assert "drawn" in client.get(f"/en/docket/?party={A}&cold=3").content.decode()
        assert draw.called
