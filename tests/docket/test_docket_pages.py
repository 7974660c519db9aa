"""The docket list, case page, downloads, CSV, statistics and sitemap, through the public gate."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from submissions.models import Submission
from tests.docket.conftest import (
    CALL_SLUG,
    PUBLIC_DOCUMENT,
    SACA_1,
    SACA_2,
    SACA_2_SLUG,
    SECRET_DOCUMENT,
    SECRET_ID,
    SECRET_NAME,
    SECRET_SLUG,
    for_profile,
)
from tests.parties import SLUG, A, B, es, name, slug
from workflow.registry import import_registry

# What the docket says when nothing matches (the CEC's Spanish says "petición").
NO_MATCH = {
    "us-peru-tpa": "Ninguna comunicación coincide con la búsqueda.",
    "usmca-cec": "Ninguna petición coincide con la búsqueda.",
    "cafta-dr": "Ninguna comunicación coincide con la búsqueda.",
}[SLUG]

pytestmark = pytest.mark.django_db

# The article under which the Secretariat determines whether a submission meets the criteria.
ADMISSIBILITY_ARTICLE = {
    "us-peru-tpa": "18.8.2",
    "usmca-cec": "24.27(2)",
    "cafta-dr": "17.7.2",
}[SLUG]


def test_docket_lists_registered_cases_with_counts(client, saca, secret_case):
    response = client.get("/en/docket/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "3 submissions found." in body
    assert SACA_2 in body
    # Walk 27: "Se encontraron 0 comunicaciones." when nothing matched.
    with translation.override("es"):
        url = reverse("docket")
    empty = client.get(url, {"q": "xq7zz nada"}).content.decode()
    assert NO_MATCH in empty and "0 comunicaciones" not in empty and "0 peticiones" not in empty
    assert "Forest Concessions in Indigenous Reserves" in body
    assert "Name withheld at the submitter&#x27;s request" in body
    assert SECRET_NAME not in body
    # Walk 28: an English case's laws on the Spanish list were marked as Spanish.
    with translation.override("es"):
        spanish = client.get(reverse("docket")).content.decode()
    assert '<dd lang="en">General Environmental Law (Law No. 28611) (Art. 1)</dd>' in spanish


def test_spanish_docket_shows_spanish_titles_and_marks_the_fallback(client, saca, db):
    from tests.factories import file_case
    from workflow import services

    case = file_case(on=datetime.date(2024, 1, 2), language="en", title="Only English title")
    services.record_event(
        case,
        "acknowledged",
        actor=None,
        on=datetime.date(2024, 1, 3),
        importing=services.ImportOptions(),
    )
    body = client.get("/es/docket/").content.decode()
    assert "Concesiones forestales en reservas indígenas" in body
    assert '<span lang="en">Only English title</span> <span class="fallback">' in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=concesiones+forestales", [SACA_2]),
        ("q=forest+concessions", [SACA_2]),
        (f"party={B}", []),
        ("status=closed", [SACA_1]),
        ("year=2024", [SECRET_ID]),
        ("law=28611", [SECRET_ID]),
        ("stage=response_decision", [SECRET_ID]),
    ],
)
def test_filters_mean_the_same_on_page_api_and_csv(client, saca, secret_case, query, expected):
    api = client.get(f"/api/v1/submissions/?{query}").json()
    assert sorted(r["identifier"] for r in api["results"]) == sorted(expected)
    assert api["count"] == len(expected)
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"/en/docket/export.csv?{query}").content.decode("utf-8-sig"))
        )
    )
    assert sorted(r["identifier"] for r in rows) == sorted(expected)
    body = client.get(f"/en/docket/?{query}").content.decode()
    for identifier in expected:
        assert f'<span class="case__reference">{identifier}</span>' in body


def test_invalid_parameters_are_a_400_with_a_message(client):
    response = client.get("/en/docket/?party=XX&year=abc")
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    api = client.get("/api/v1/submissions/?party=XX")
    assert api.status_code == 400
    assert "party" in api.json()["errors"]
    assert client.get("/en/docket/export.csv?year=1").status_code == 400


# A law the profile's cases cite, the law filter's example (walk 18: the CEC's docket offered
# Peru's Law No. 29763).
LAW_EXAMPLE = {"us-peru-tpa": "29763", "usmca-cec": "LGEEPA", "cafta-dr": "104-93"}[SLUG]


def test_the_law_filter_and_the_queue_speak_of_the_profiles_parties(client, officer):
    page = client.get("/es/docket/").content.decode()
    assert f"Parte del nombre o del número de la norma; por ejemplo, {LAW_EXAMPLE}." in page
    client.force_login(officer)
    queue = client.get("/es/secretariat/").content.decode()
    # The queue's Party filter: any of two, three or seven (it said "Ambas").
    assert '<option value="" selected>Cualquiera de las Partes</option>' in queue
    assert "Ambas" not in queue


def test_a_case_address_typed_as_the_identifier_is_printed_leads_to_it(client, saca):
    """Walk 18: /fr/docket/SEM-17-001/, the identifier as printed, was a 404."""
    case = Submission.objects.filter(registered_on__isnull=False).first()
    typed = case.slug.upper()
    response = client.get(f"/es/docket/{typed}/")
    assert response.status_code == 302
    assert response["Location"] == f"/es/docket/{case.slug}/"
    assert client.get(response["Location"]).status_code == 200
    assert client.get(f"/es/docket/{slug(A, 999, 2024).upper()}/", follow=True).status_code == 404


def test_sorting_by_last_update(client, saca, secret_case):
    newest = [r["identifier"] for r in client.get("/api/v1/submissions/").json()["results"]]
    assert newest[0] == SECRET_ID
    updated = client.get("/api/v1/submissions/?sort=updated").json()["results"]
    dates = [r["last_update"] for r in updated]
    assert dates == sorted(dates, reverse=True)


def test_pagination_keeps_filters(client, saca):
    from tests.factories import file_case
    from workflow import services

    for n in range(22):
        case = file_case(on=datetime.date(2024, 1, 2), title=f"Caso {n}")
        services.record_event(
            case,
            "acknowledged",
            actor=None,
            on=datetime.date(2024, 1, 3),
            importing=services.ImportOptions(),
        )
    body = client.get(f"/en/docket/?party={A}").content.decode()
    assert "24 submissions found." in body
    assert f'href="?party={A}&amp;page=2#results"' in body
    second = client.get(f"/en/docket/?party={A}&page=2").content.decode()
    assert "Page 2 of 2" in second


def test_case_page_shows_what_process_md_lists(client, saca, secret_case):
    body = client.get(f"/en/docket/{SECRET_SLUG}/").content.decode()
    for text in [
        SECRET_ID,
        "Mercury in the Madre de Dios river",
        "Mercurio en el río",  # the other language's title
        name(A),
        '<time datetime="2024-02-05">',
        "Open",
        "Deciding whether to request a response",
        "Name withheld at the submitter&#x27;s request; Derecho Ambiental Abierto",
        "General Environmental Law (Law No. 28611) (Art. 1)",
        f"Determination under Article {ADMISSIBILITY_ARTICLE}</strong> ({SECRET_ID}/D1)",
        PUBLIC_DOCUMENT,
        "official translation by the Secretariat",
        "Decision on requesting a response",
        "30 calendar days from the determination on 1 March 2024",
        f'href="/en/docket/{SACA_2_SLUG}/"',
        secret_case.chain_head,
    ]:
        assert text in body, text
    assert SECRET_NAME not in body
    assert SECRET_DOCUMENT not in body


def test_the_chain_hash_says_it_covers_entries_the_public_does_not_see(client, secret_case):
    """Walks 46 and 47: the hash moved when nothing new was public, and a citizen could read
    that as tampering. The page says the chain holds every entry, and how many, as the signed
    statements count them."""
    from submissions import access
    from workflow import services

    services.record_event(
        secret_case,
        "correspondence",
        actor=None,
        title="Nota interna",
        visibility="secretariat",
        importing=services.ImportOptions(),
    )
    secret_case.refresh_from_db()
    body = client.get(f"/en/docket/{SECRET_SLUG}/").content.decode()
    assert "fingerprint of the case's whole history, entries the public does not see" in body
    public = access.public_events(secret_case.events.all()).count()
    assert public < secret_case.event_count
    assert f'<p class="chain-count">Entries in the chain: {secret_case.event_count}</p>' in body
    spanish = client.get(f"/es/docket/{SECRET_SLUG}/").content.decode()
    assert f"Actuaciones de la cadena: {secret_case.event_count}</p>" in spanish


def test_case_page_in_spanish_marks_the_fallback(client, saca):
    body = client.get(f"/es/docket/{SACA_2_SLUG}/").content.decode()
    # The summary of this case exists in English only.
    assert "The submitters assert" in body
    assert 'lang="en"' in body


def test_unregistered_case_is_not_on_the_docket(client, db):
    from tests.factories import file_case

    case = file_case(on=datetime.date(2024, 1, 2))
    assert case.registered_on is None
    assert client.get("/en/docket/").content.decode().count('class="case"') == 0
    assert client.get("/api/v1/submissions/").json()["count"] == 0


def test_public_download_is_an_attachment(client, secret_case):
    from submissions.models import Document

    document = Document.objects.get(title=PUBLIC_DOCUMENT)
    response = client.get(f"/en/docket/{SECRET_SLUG}/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:4] == b"%PDF"


def test_public_pages_answer_head_requests(client, secret_case):
    """Walk 50: a link checker's HEAD on a document got 405. The public pages, downloads,
    exports and API answer HEAD as GET; they still refuse POST."""
    from submissions.models import Document

    document = Document.objects.get(title=PUBLIC_DOCUMENT)
    for url in (
        "/en/docket/",
        f"/en/docket/{SECRET_SLUG}/",
        f"/en/docket/{SECRET_SLUG}/documents/{document.pk}/",
        "/en/docket/export.csv",
        f"/api/v1/submissions/{SECRET_SLUG}/",
    ):
        head = client.head(url)
        assert head.status_code == 200, url
        assert client.post(url).status_code in (403, 405), url
    assert client.head(f"/en/docket/{SECRET_SLUG}/documents/{document.pk}/")[
        "Content-Disposition"
    ].startswith("attachment;")


def test_confidential_document_cannot_be_downloaded(client, secret_case):
    from submissions.models import Document

    document = Document.objects.get(title=SECRET_DOCUMENT)
    assert document.file
    response = client.get(f"/en/docket/{SECRET_SLUG}/documents/{document.pk}/")
    assert response.status_code == 404


def test_document_of_another_case_by_slug_is_404(client, saca, secret_case):
    from submissions.models import Document

    document = Document.objects.get(title=PUBLIC_DOCUMENT)
    response = client.get(f"/en/docket/{SACA_2_SLUG}/documents/{document.pk}/")
    assert response.status_code == 404


def test_csv_withholds_names_and_guards_formulas(client, secret_case):
    response = client.get("/en/docket/export.csv")
    day = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="docket-{day}.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["submitters"] == (
        "Name withheld at the submitter's request; Derecho Ambiental Abierto"
    )
    assert rows[0]["chain_hash"] == secret_case.chain_head
    assert rows[0]["url"] == f"http://testserver/en/docket/{SECRET_SLUG}/"


def test_statistics_counts_public_cases(client, saca, secret_case):
    body = client.get("/en/statistics/").content.decode()
    assert "Figures on the 3 submissions on the public docket." in body
    assert "<svg" in body
    assert "Admissibility review" in body or "Deciding whether" in body
    spanish = client.get("/es/statistics/")
    assert spanish.status_code == 200


def test_statistics_figures(saca, secret_case):
    from secretariat.public import statistics

    figures = statistics.compute()
    assert figures["total"] == 3
    assert {b["label"]: b["value"] for b in figures["by_party"]} == {
        "us-peru-tpa": {"Peru": 3, "United States": 0},
        "usmca-cec": {"Canada": 0, "Mexico": 3, "United States": 0},
        "cafta-dr": {
            "Costa Rica": 0,
            "Dominican Republic": 0,
            "El Salvador": 0,
            "Guatemala": 3,
            "Honduras": 0,
            "Nicaragua": 0,
            "United States": 0,
        },
    }[SLUG]
    assert {b["label"]: b["value"] for b in figures["by_year"]} == {"2023": 2, "2024": 1}
    admissibility = next(s for s in figures["steps"] if s["kind"] == "admissibility")
    # 22 days (001/2023), 31 days (002/2023), 25 days (007/2024) against a 30-day target.
    assert (admissibility["count"], admissibility["median"]) == (3, 25)
    assert (admissibility["min"], admissibility["max"], admissibility["target"]) == (22, 31, 30)
    assert admissibility["on_time"] == 3
    # The one Party response on record (002/2023), on Thursday 6 July 2023, to the request of
    # Sunday 7 May 2023: late against the TPA's 45 days (due Wednesday 21 June), on time against
    # the CEC's 60 (due Thursday 6 July); CAFTA-DR's 45 days as the TPA's (21 June is no
    # holiday in Guatemala).
    on_time, share = {"us-peru-tpa": (0, 0), "usmca-cec": (1, 100), "cafta-dr": (0, 0)}[SLUG]
    assert (figures["responses_total"], figures["responses_on_time"]) == (1, on_time)
    assert figures["responses_share"] == share


def test_sitemap_lists_public_cases_in_both_languages(client, saca, secret_case):
    body = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver/en/docket/{SECRET_SLUG}/" in body
    assert f"http://testserver/es/docket/{SECRET_SLUG}/" in body
    assert "http://testserver/en/statistics/" in body


def test_open_call_for_information_links_to_the_form(client, call_case):
    from django.urls import reverse

    body = client.get(f"/en/docket/{CALL_SLUG}/").content.decode()
    assert "Open call for information" in body
    assert f'href="{reverse("information_submit", args=[call_case.slug])}"' in body
    assert "Preparing the factual record" in body
    # It says when it closes (walk 68: a call dated to close later vanished with the draft's
    # final record, without a word).
    assert (
        "The call closes when the final factual record is submitted, unless the Secretariat "
        "closes it earlier." in body
    )


def _page_of_a_call_closing_on(client, closes_on: str) -> str:
    """The case page of the imported call, its closing date changed."""
    import copy

    from tests.docket.conftest import CALL_CASE

    case = copy.deepcopy(CALL_CASE)
    case["events"][-1]["closes_on"] = closes_on
    assert import_registry(for_profile({"format": "sem-registry/1", "submissions": [case]})).ok
    return client.get(f"/en/docket/{CALL_SLUG}/").content.decode()


def test_a_dated_call_says_the_final_record_may_close_it_first(client, db):
    assert (
        "The call closes on 10 June 2099, or when the final factual record is submitted if that "
        "comes first." in _page_of_a_call_closing_on(client, "2099-06-10")
    )


def test_a_call_past_its_closing_date_is_not_shown(client, db):
    assert "Open call for information" not in _page_of_a_call_closing_on(client, "2024-06-10")


def test_a_closed_case_says_closed_once_with_its_reason(client, db):
    from tests.helpers_cases import drive

    case = drive("closed").case
    page = client.get(f"/es/docket/{case.slug}/").content.decode()
    facts = page.split('class="case__facts', 1)[-1] if 'class="case__facts' in page else page
    assert "<dt>Etapa</dt>" not in facts
    assert "<dt>Estado</dt><dd>Cerrado</dd>" in facts
    assert "<dt>Motivo de cierre</dt>" in facts


def test_a_record_found_not_warranted_is_not_called_a_notification_to_the_council(client, db):
    """The second walk: the determination that no record is warranted was shown everywhere as
    "Notification to the Council under Article 18.9.1", though nothing goes to the Council."""
    from tests.helpers_cases import TIMELINE, drive

    story = drive("factual_record_decision")
    story.add(
        "factual_record_notified",
        TIMELINE["factual_record_notified"],
        data={"outcome": "not_warranted"},
    )
    page = client.get(f"/es/docket/{story.case.slug}/").content.decode()
    assert es("Determinación de que la comunicación no amerita un expediente de hechos") in page
    assert "Notificación al Consejo" not in page
    membership = story.case.memberships.get()
    track = client.get(f"/es/track/{membership.tracking_token}/", follow=True).content.decode()
    assert es("Determinación de que la comunicación no amerita un expediente de hechos") in track


def test_several_withheld_names_are_listed_as_one(client, secret_case):
    """Walk 62: with two filers' names withheld the docket listed "Nombre reservado …;
    Nombre reservado …". They are one item where the first stood, in the list, on the case
    page and in the CSV."""
    from submissions.models import SubmissionSubmitter, Submitter

    other = Submitter.objects.create(
        name="Rosa Quispe Huamán", kind="individual", confidential=True
    )
    SubmissionSubmitter.objects.create(
        submission=secret_case, submitter=other, position=2, joined_on=secret_case.filed_on
    )
    two = "2 names withheld at the submitter"  # then "s' request", escaped in the pages
    listed = client.get(reverse("docket")).content.decode()
    page = client.get(f"/en/docket/{SECRET_SLUG}/").content.decode()
    rows = list(
        csv.DictReader(io.StringIO(client.get("/en/docket/export.csv").content.decode("utf-8-sig")))
    )
    assert rows[0]["submitters"] == (
        "2 names withheld at the submitters' request; Derecho Ambiental Abierto"
    )
    for text in (listed, page):
        assert two in text and "Name withheld at the submitter" not in text
        assert "Rosa Quispe" not in text
    with translation.override("es"):
        spanish = client.get(f"/es/docket/{SECRET_SLUG}/").content.decode()
    assert "2 nombres reservados a solicitud de las personas interesadas" in spanish
