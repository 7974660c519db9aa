"""The case workspace: what it shows and the actions it offers, recorded through the views."""

import datetime
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from secretariat.workspace.forms.kinds import action_form
from submissions import access, profiles
from submissions.models import Document, Submission
from submissions.storage import DocumentInput
from tests.factories import file_case
from tests.helpers_cases import comments_as_documents_for_the_public, drive
from tests.parties import CRITERIA, SLUG, A, identifier, name
from workflow import services
from workflow.models import Event
from workflow.services.actions import refusal

pytestmark = pytest.mark.django_db


def _action(case, kind):
    return reverse("ws_action", kwargs={"pk": case.pk, "kind": kind})


def _case_url(case):
    return reverse("ws_case", kwargs={"pk": case.pk})


# Whether a response may be decided in admissibility review: only where the profile offers a
# combined determination (the CEC's, Art. 24.27(3); CAFTA-DR's, as in its registry).
COMBINED = {"us-peru-tpa": False, "usmca-cec": True, "cafta-dr": True}[SLUG]


def test_a_new_filing_offers_registration_and_closure(login, officer, new_case):
    page = login(officer).get(_case_url(new_case)).content.decode()
    assert new_case.receipt_number in page
    assert f'action="/en/secretariat/case/{new_case.pk}/act/acknowledged/"' in page
    assert f'action="/en/secretariat/case/{new_case.pk}/act/closed/"' in page
    assert "Closure reason in this stage: Not a submission" in page
    # Not legal in this stage: never offered; nor, before the acknowledgement, a
    # determination (walk 121), the combined one of the CEC and CAFTA-DR included.
    assert "/act/response_decided/" not in page
    assert "/act/admissibility_determined/" not in page
    assert "/act/filed/" not in page and "/act/proposed/" not in page


def _stage_shown(page: str) -> str:
    return page.split('<dd id="case-stage">', 1)[1].split("</dd>", 1)[0]


def test_acknowledging_registers_the_case(login, officer, new_case):
    client = login(officer)
    # Walk 48: the workspace read "Revisión de admisibilidad" before anyone had read it; the
    # queue and the case say it was received, until acknowledged.
    assert _stage_shown(client.get(_case_url(new_case)).content.decode()) == (
        "Received, not yet acknowledged"
    )
    page = client.get(_case_url(new_case)).content.decode()
    # Walk 50: "Public: No: …" above a filing "Visible to: Public", as if on the docket.
    assert "No (not yet acknowledged)" in page
    assert "Public — once the Secretariat acknowledges the submission" in page
    queue = client.get(reverse("ws_queue")).content.decode()
    assert 'data-label="Stage">Received, not yet acknowledged</td>' in queue
    with translation.override("es"):
        spanish = client.get(_case_url(new_case)).content.decode()
    assert _stage_shown(spanish) == "Recibida, aún sin acuse de recibo"
    response = client.post(_action(new_case, "acknowledged"), {"event_count": 1})
    assert response.status_code == 302
    page = client.get(_case_url(new_case)).content.decode()
    assert _stage_shown(page) == "Admissibility review"
    # Now the determinations (under the CEC and CAFTA-DR, the combined one too).
    assert "/act/admissibility_determined/" in page
    assert ("/act/response_decided/" in page) is COMBINED
    new_case.refresh_from_db()
    year = new_case.filed_on.year
    expected = {
        "us-peru-tpa": f"SEM/PE/001/{year}",
        "usmca-cec": f"SEM-{year % 100:02d}-001",
        "cafta-dr": f"CAALA/{year % 100:02d}/001",
    }[SLUG]
    assert new_case.identifier == expected
    assert new_case.registered_on is not None
    assert Event.objects.get(submission=new_case, seq=2).recorded_by == officer


def test_closing_as_not_a_submission_is_proposed_then_approved(
    login, client, officer, director, new_case
):
    login(officer).post(
        _action(new_case, "closed"),
        {"event_count": 1, "closed-note": "Publicidad, no una comunicación."},
    )
    proposal = Event.objects.get(submission=new_case, seq=2)
    assert proposal.kind == "proposed"
    assert proposal.data["proposal"]["reason"] == "not_a_submission"
    new_case.refresh_from_db()
    assert new_case.stage == "admissibility_review"

    client.force_login(director)
    page = client.get(reverse("ws_approvals")).content.decode()
    assert "Case closed" in page and "officer" in page
    response = client.post(
        reverse("ws_approve", kwargs={"pk": new_case.pk, "seq": 2}), {"event_count": 2}
    )
    assert response.status_code == 302
    new_case.refresh_from_db()
    assert (new_case.stage, new_case.closure_reason) == ("closed", "not_a_submission")
    closing = Event.objects.get(submission=new_case, seq=3)
    assert (closing.kind, closing.recorded_by, closing.proposal) == ("closed", director, proposal)
    # Never acknowledged, so never public: not even its closure.
    assert new_case.registered_on is None
    assert not access.public_events(Event.objects.filter(submission=new_case)).exists()
    # Nor offered (walk 176: "Public" offered for its documents, then in a visibility change).
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": new_case.pk})).content.decode()
    form = page[page.index('id="id_visibility_changed-to"') :].split("</select>", 1)[0]
    assert 'value="submitter"' in form and 'value="secretariat"' in form
    assert 'value="public"' not in form and 'value="parties"' not in form


def test_closing_as_not_a_submission_offers_no_public_document(login, officer, new_case):
    page = login(officer).get(_action(new_case, "closed")).content.decode()
    if "id_closed-document_visibility" not in page:  # the action's form is on the case page
        page = login(officer).get(reverse("ws_case", kwargs={"pk": new_case.pk})).content.decode()
    form = page[page.index('id="id_closed-document_visibility"') :].split("</select>", 1)[0]
    assert 'value="submitter"' in form
    assert 'value="public"' not in form and 'value="party_concerned"' not in form


# Every criterion of the profile met (TPA: a–f; CEC: a–e), and all but (c).
ALL_MET = ["met"] * len(CRITERIA)
C_NOT_MET = ["not_met" if letter == "c" else "met" for letter in CRITERIA]


def _checklist(findings, prefix="admissibility_determined"):
    data = {"event_count": 2}
    for letter, finding in zip(CRITERIA, findings, strict=True):
        data[f"{prefix}-{letter}_finding"] = finding
        data[f"{prefix}-{letter}_reasons"] = f"Razones ({letter})."
    return data


def test_the_checklist_derives_meets_when_every_criterion_is_met(login, officer, review_case):
    response = login(officer).post(
        _action(review_case, "admissibility_determined"), _checklist(ALL_MET)
    )
    assert response.status_code == 302
    proposal = Event.objects.get(submission=review_case, seq=3)
    assert proposal.kind == "proposed"
    assert proposal.data["proposal"]["outcome"] == "meets"
    assert proposal.data["proposal"]["criteria"]["c"] == {"met": True, "reasons": "Razones (c)."}


def test_one_criterion_not_met_gives_does_not_meet(login, officer, review_case):
    login(officer).post(
        _action(review_case, "admissibility_determined"),
        _checklist(C_NOT_MET),
    )
    proposal = Event.objects.get(submission=review_case, seq=3)
    assert proposal.data["proposal"]["outcome"] == "does_not_meet"
    assert proposal.data["proposal"]["criteria"]["c"]["met"] is False


# What the checklist shows: the TPA's criterion (f) with its suggestion; the USMCA has no (f)
# (standing moved to Art. 24.27(1)), and its (e) reads "whether".
CHECKLIST = {
    "us-peru-tpa": (
        "Suggested: met. Every submitter is a person of a Party who may file about Peru",
        "(e) indicates that the matter has been communicated in writing",
    ),
    "usmca-cec": ("(e) indicates whether the matter has been communicated in writing",),
    "cafta-dr": (
        "Suggested: met. Every submitter is a person of a Party who may file about Guatemala",
        "(e) indicates that the matter has been communicated in writing",
    ),
}[SLUG]


def test_the_checklist_shows_the_f_suggestion(login, officer, review_case):
    page = login(officer).get(_case_url(review_case)).content.decode()
    for text in CHECKLIST:
        assert text in page
    assert ('name="admissibility_determined-f_finding"' in page) is ("f" in CRITERIA)


# The TPA's criterion 18.8.2(f) with Art. 18.8.3, and CAFTA-DR's 17.7.2(f) with Art. 17.7.3: no
# person of the United States files about it. The USMCA has no such rule.
@pytest.mark.skipif(
    SLUG not in ("us-peru-tpa", "cafta-dr"),
    reason=f"checks the rule of TPA Art. 18.8.3 and CAFTA-DR Art. 17.7.3 (no person of the "
    f"United States files about it); {SLUG} has no counterpart",
)
def test_a_us_person_filing_about_the_us_is_suggested_not_met(login, officer):
    from tests.factories import file_case

    person = services.SubmitterInput(kind="individual", name="Jane Roe", nationality="US")
    case = file_case(
        actor=officer, party="US", language="en", title="Wetlands", submitters=[person]
    )
    # The determination follows the acknowledgement (walk 121).
    services.record_event(case, "acknowledged", actor=None, importing=services.ImportOptions())
    page = login(officer).get(_case_url(case)).content.decode()
    assert "Suggested: not met." in page and "Jane Roe" in page


# How the workspace shows a submitter of no Party: on criterion (f) where the case's text has
# one (TPA 18.8.2(f)), else as a note above the criteria (USMCA 24.27(1), no criterion).
NO_STANDING_ES = {
    "us-peru-tpa": "Sugerencia: no cumple. No es persona de una Parte que pueda presentar "
    "comunicaciones sobre la Parte en cuestión (Perú): Ana Rojas.",
    "usmca-cec": "Quién puede presentar: no es persona de una Parte que pueda presentar "
    "peticiones sobre la Parte en cuestión (México): Ana Rojas.",
    "cafta-dr": "Sugerencia: no cumple. No es persona de una Parte que pueda presentar "
    "comunicaciones sobre la Parte en cuestión (Guatemala): Ana Rojas.",
}[SLUG]
NO_STANDING = {
    "us-peru-tpa": "Suggested: not met. Not a person of a Party who may file about Peru: "
    "Ana Rojas.",
    "usmca-cec": "Who may file: not a person of a Party who may file about Mexico: Ana Rojas.",
    "cafta-dr": "Suggested: not met. Not a person of a Party who may file about Guatemala: "
    "Ana Rojas.",
}[SLUG]
STANDING = {
    "us-peru-tpa": "Suggested: met. Every submitter is a person of a Party who may file about "
    "Peru (Article 18.8.3).",
    "usmca-cec": "Who may file: every submitter is a person of a Party who may file about Mexico.",
    "cafta-dr": "Suggested: met. Every submitter is a person of a Party who may file about "
    "Guatemala (Article 17.7.3).",
}[SLUG]


def test_the_officer_sees_who_may_file_under_either_text(login, officer):
    from tests.factories import file_case

    outsider = services.SubmitterInput(
        kind="individual", name="Ana Rojas", nationality="CL", residence="CL"
    )
    case = file_case(actor=officer, party=A, submitters=[outsider])
    services.record_event(case, "acknowledged", actor=officer)
    page = login(officer).get(_case_url(case)).content.decode()
    assert NO_STANDING in page
    assert STANDING not in page
    assert ("Who may file:" in page) is ("f" not in CRITERIA)
    # One submitter: the singular (the ninth walk read a plural for one person).
    spanish = login(officer).get(_case_url(case).replace("/en/", "/es/", 1)).content.decode()
    assert NO_STANDING_ES in spanish
    translation.activate("en")  # the request left Spanish active for reverse()

    person = services.SubmitterInput(kind="individual", name="Luz Paredes", nationality=A)
    case = file_case(actor=officer, party=A, submitters=[person])
    services.record_event(case, "acknowledged", actor=officer)
    page = login(officer).get(_case_url(case)).content.decode()
    assert STANDING in page
    assert "Ana Rojas" not in page


def test_an_incomplete_checklist_is_shown_again_with_its_errors(login, officer, review_case):
    # The server says what is missing, in the page's language (walk 34: the browser's own
    # check stopped the post with a bubble a headless walker, and a screen reader, missed).
    page = login(officer).get(_case_url(review_case)).content.decode()
    forms = re.findall(r"<form [^>]*class=\"form\"[^>]*>", page)
    assert forms and all(" novalidate" in form for form in forms), forms
    data = _checklist(ALL_MET)
    del data["admissibility_determined-d_reasons"]
    response = login(officer).post(_action(review_case, "admissibility_determined"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert 'href="#id_admissibility_determined-d_reasons"' in page
    assert (
        'aria-describedby="id_admissibility_determined-d_reasons-help '
        'id_admissibility_determined-d_reasons-error"'
    ) in page
    assert Event.objects.filter(submission=review_case).count() == 2


def test_a_stale_page_is_told_the_case_has_moved_on(login, officer, review_case):
    client = login(officer)
    client.post(
        _action(review_case, "correspondence"),
        {
            "event_count": 2,
            "correspondence-event_author": "secretariat",
            "correspondence-event_visibility": "secretariat",
            "correspondence-note": "Nota interna.",
        },
    )
    response = client.post(
        _action(review_case, "admissibility_determined"), _checklist(ALL_MET), follow=True
    )
    assert "This case has moved on since you opened it" in response.content.decode()
    assert not Event.objects.filter(submission=review_case, kind="proposed").exists()


def test_assignment_is_an_event(login, officer, officer2, review_case):
    # Walk 65: a case went through to publication unassigned: the facts link the form, which
    # offers the officer reading it first.
    page = login(officer).get(_case_url(review_case)).content.decode()
    assert '<a href="#action-assigned">assign it</a>' in page
    form = page.split('id="action-assigned"', 1)[1].split("</select>", 1)[0]
    assert '<option value="officer" selected>' in form
    login(officer).post(
        _action(review_case, "assigned"), {"event_count": 2, "assigned-officer": "officer2"}
    )
    review_case.refresh_from_db()
    assert review_case.assigned_officer == officer2
    event = Event.objects.get(submission=review_case, seq=3)
    assert (event.kind, event.data, event.visibility) == (
        "assigned",
        {"officer": "officer2"},
        "secretariat",
    )
    # The history names the officer as a person (walk 77: "Officer: officer").
    officer2.first_name, officer2.last_name = "Ana", "Torres"
    officer2.save()
    page = " ".join(login(officer).get(_case_url(review_case)).content.decode().split())
    assert "Officer: Ana Torres (officer2)" in page


def test_officers_named_are_read_once_per_history(login, officer, officer2, review_case):
    # The officers' names came by one query per assignment entry (describe, session 23).
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(officer)

    def page_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_case_url(review_case)).status_code == 200
        return len(queries)

    def assign(username):
        count = Event.objects.filter(submission=review_case).count()
        response = client.post(
            _action(review_case, "assigned"),
            {"event_count": count, "assigned-officer": username},
        )
        assert response.status_code == 302

    assign("officer2")
    once = page_queries()
    for username in ("officer", "officer2", "officer"):
        assign(username)
    assert page_queries() == once
    page = " ".join(client.get(_case_url(review_case)).content.decode().split())
    assert page.count(f"Officer: {officer2.signature}") == 2


def test_a_paper_response_is_recorded_with_its_date_and_reason(login, officer, settings):
    from tests.helpers_cases import drive, frozen

    # About the date and its reason: the four eyes of a record made on the Party's behalf are
    # tested in tests/process/test_on_behalf.py.
    settings.SEM_FOUR_EYES = False
    case = drive("awaiting_response").case
    with frozen(__import__("datetime").date(2023, 6, 20)):
        response = login(officer).post(
            _action(case, "party_responded"),
            {
                "event_count": case.event_count,
                "party_responded-on": "2023-06-15",
                "party_responded-date_reason": "Recibida por correo postal.",
                "party_responded-pending_proceeding": "on",
                "party_responded-document": SimpleUploadedFile("nota.pdf", b"%PDF-1.4 nota"),
                "party_responded-document_title": "Nota diplomática",
            },
        )
    assert response.status_code == 302
    event = Event.objects.get(submission=case, kind="party_responded")
    assert (str(event.on), event.author, event.data["pending_proceeding"]) == (
        "2023-06-15",
        f"party:{A}",
        True,
    )
    assert event.data["date_reason"] == "Recibida por correo postal."


def test_upload_with_translation_and_redacted_version_then_download(login, officer, review_case):
    client = login(officer)
    response = client.post(
        _action(review_case, "correspondence"),
        {
            "event_count": 2,
            "correspondence-event_author": f"party:{A}",
            "correspondence-event_visibility": "party_concerned",
            "correspondence-document": SimpleUploadedFile("carta.pdf", b"%PDF-1.4 carta"),
            "correspondence-document_title": "Carta del Ministerio",
            "correspondence-document_language": "es",
            "correspondence-document_visibility": "party_concerned",
            "correspondence-translation": SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter"),
            # Asked only where the profile has three languages (the CEC's); ignored otherwise.
            "correspondence-translation_language": "en",
            "correspondence-translation_official": "on",
            "correspondence-redacted": SimpleUploadedFile("carta-r.pdf", b"%PDF-1.4 tachada"),
        },
    )
    assert response.status_code == 302
    original, translation, redacted = Document.objects.filter(submission=review_case).order_by(
        "position"
    )
    assert (translation.translation_of, translation.official_translation, translation.language) == (
        original,
        True,
        "en",
    )
    assert (redacted.redacted_version_of, redacted.visibility) == (original, "public")
    assert original.visibility == "party_concerned"
    download = client.get(
        reverse("ws_download", kwargs={"pk": review_case.pk, "document_pk": original.pk})
    )
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="carta.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == b"%PDF-1.4 carta"


def test_changing_a_documents_visibility_keeps_the_file(login, officer, review_case):
    client = login(officer)
    client.post(
        _action(review_case, "correspondence"),
        {
            "event_count": 2,
            "correspondence-event_author": "secretariat",
            "correspondence-event_visibility": "public",
            "correspondence-document": SimpleUploadedFile("nota.pdf", b"%PDF-1.4 nota"),
            "correspondence-document_title": "Nota",
            "correspondence-document_language": "es",
        },
    )
    document = Document.objects.get(submission=review_case)
    assert document.visibility == "public"
    response = client.post(
        _action(review_case, "visibility_changed"),
        {
            "event_count": 3,
            "visibility_changed-target": document.pk,
            "visibility_changed-to": "secretariat",
            "visibility_changed-reason": "Contiene datos personales.",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.visibility, document.initial_visibility) == ("secretariat", "public")
    assert document.file.read() == b"%PDF-1.4 nota"
    event = Event.objects.get(submission=review_case, seq=4)
    assert event.data == {
        "document": [2, 0],
        "from": "public",
        "to": "secretariat",
        "reason": "Contiene datos personales.",
    }
    assert [h.visibility for h in document.history.order_by("history_date")] == [
        "public",
        "secretariat",
    ]


def test_the_timeline_marks_visibility_and_actors(login, officer, review_case):
    page = login(officer).get(_case_url(review_case)).content.decode()
    assert "Acknowledgement of receipt" in page
    assert re.search(r"Visible to</dt><dd[^>]*>Public", page)
    assert "Deadlines" in page and "30 calendar days from filing on 10 March 2023" in page


def test_the_audit_view_verifies_the_chain_and_shows_row_history(login, auditor, review_case):
    page = login(auditor).get(reverse("ws_audit", kwargs={"pk": review_case.pk})).content.decode()
    assert "The chain is intact: 2 events, each hash verified." in page
    assert (
        "<code>stage</code>" in page and "Admissibility review" not in page.split("Row history")[0]
    )


def test_the_audit_view_reports_a_tampered_chain(login, auditor, review_case):
    Event.objects.filter(submission=review_case, seq=1).update(note="altered")
    page = login(auditor).get(reverse("ws_audit", kwargs={"pk": review_case.pk})).content.decode()
    assert "The history does not agree with itself: 1 problem." in page
    assert '<a href="#event-1">event 1</a>: content changed after it was recorded' in page
    assert '<tr id="event-1">' in page


def test_the_audit_view_lists_every_problem_in_the_readers_language(login, auditor, review_case):
    """Walk 18: the French page gave one problem of two, in English, with stage codes."""
    Event.objects.filter(submission=review_case, seq=1).update(note="altered")
    Submission.objects.filter(pk=review_case.pk).update(stage="final_factual_record")
    url = reverse("ws_audit", kwargs={"pk": review_case.pk}).replace("/en/", "/es/")
    page = login(auditor).get(url).content.decode()
    assert "El historial no concuerda consigo mismo: 2 problemas." in page
    assert (
        '<a href="#event-1">actuación 1</a>: el contenido cambió después de su registro: «nota»'
        in (page)
    )
    assert (
        "caso: el caso muestra la etapa «Expediente de hechos final» (sin motivo de cierre) pero "
        "sus actuaciones llevan a «Revisión de admisibilidad» (sin motivo de cierre)"
    ) in page
    assert "final_factual_record" not in page.split("Historial de cambios del registro")[0]


def test_the_auditor_downloads_the_whole_history_and_reads_references_by_name(
    login, auditor, officer, review_case
):
    """Walk 18: no export for the auditor; the row history read "assigned_officer_id: — → 1"
    and "kind: acknowledgement"."""
    import json

    from workflow import services

    services.record_event(
        review_case, "assigned", actor=officer, data={"officer": officer.get_username()}
    )
    client = login(auditor)
    page = client.get(reverse("ws_audit", kwargs={"pk": review_case.pk})).content.decode()
    export_url = reverse("ws_audit_export", kwargs={"pk": review_case.pk})
    assert f'href="{export_url}"' in page
    # The access log names the page a view was of (walk 19: "viewed —").
    assert f"<code>{reverse('ws_audit', kwargs={'pk': review_case.pk})}</code>" in page
    rows = page.split("Row history")[1]
    assert f"{officer.get_username()} ({officer.pk})" in rows
    assert "Acknowledgement of receipt (acknowledgement)" in rows  # a deadline's kind
    response = client.get(export_url)
    assert response["Content-Disposition"].startswith("attachment")
    history = json.loads(response.content)
    [case] = history["submissions"]
    assert case["identifier"] == review_case.identifier
    assert all(event["hash"] and "recorded_by" in event for event in case["events"])


def test_an_auditor_reads_but_is_offered_no_action(login, auditor, review_case):
    client = login(auditor)
    page = client.get(_case_url(review_case)).content.decode()
    assert "What can be done now" not in page
    assert client.post(_action(review_case, "correspondence"), {}).status_code == 403


def test_an_actions_address_read_goes_to_its_form_on_the_case_page(login, officer, review_case):
    """Walk 37: a form sent back with its errors stays at its own address; "English" in the
    language switcher then read it, and met an empty 405 (Chromium's English error page). It
    now goes to the case page, at the form; no other method is taken."""
    client = login(officer)
    url = _action(review_case, "correspondence").replace("/en/", "/es/")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/es/secretariat/case/{review_case.pk}/#action-correspondence"
    assert client.put(url).status_code == 405
    assert not review_case.events.filter(kind="correspondence").exists()


def test_an_unknown_action_is_404(login, officer, review_case):
    assert login(officer).post(_action(review_case, "filed"), {}).status_code == 404
    assert login(officer).post(_action(review_case, "nonsense"), {}).status_code == 404


def test_a_second_proposal_of_a_pending_kind_replaces_it(login, officer, officer2, review_case):
    """Staff may replace a proposal (a generated draft, say) by an edited one before approval:
    the page says so and the history keeps both."""
    login(officer).post(_action(review_case, "admissibility_determined"), _checklist(ALL_MET))
    client = login(officer2)
    page = client.get(_case_url(review_case)).content.decode()
    assert "Proposing it again replaces proposal no. 3" in page
    data = _checklist(C_NOT_MET)
    data.update(event_count=3, replaces="3")
    response = client.post(_action(review_case, "admissibility_determined"), data)
    assert response.status_code == 302
    second = Event.objects.get(submission=review_case, seq=4)
    assert second.kind == "proposed" and second.proposal.seq == 3
    assert second.data["proposal"]["outcome"] == "does_not_meet"
    pending = services.Context(review_case).pending_proposals()
    assert [fact["seq"] for fact in pending] == [4]


def test_the_officer_reads_what_the_submitters_wrote(login, officer, new_case):
    """The second walk: the officer's page showed the title and laws but not the facts, the
    communication with the authorities or the harm the criteria are weighed on."""
    Submission = type(new_case)
    Submission.objects.filter(pk=new_case.pk).update(
        facts="La tala ilegal continúa en la zona.",
        harm="Pérdida de bosque primario.",
        relies_on_media_only=False,
    )
    page = login(officer).get(f"/es/secretariat/case/{new_case.pk}/").content.decode()
    assert "<h3>Hechos</h3>" in page or "<h3>Hechos" in page
    assert "La tala ilegal continúa en la zona." in page
    assert "<h3>Daño alegado</h3>" in page
    assert "Pérdida de bosque primario." in page
    assert "<p>No</p>" in page  # relies only on mass media reports: no


def test_the_visibility_form_tells_every_document_apart(login, officer):
    """A decision's language versions share its code: each option also names its title and its
    language (the helper's walk found four documents offered as "SEM/PE/005/2026/D2", the same
    code)."""
    from submissions.storage import DocumentInput
    from tests.helpers_cases import drive
    from tests.portals.conftest import stored_pdf

    story = drive("awaiting_response", party=A)
    story.add(
        "correspondence",
        visibility="public",
        documents_in=[
            DocumentInput("Determinación", "es", stored_pdf("d.pdf"), "public"),
            DocumentInput("Determination", "en", stored_pdf("d-en.pdf"), "public"),
        ],
    )
    Document.objects.filter(submission=story.case).update(code=identifier(A, 1, 2026) + "/D2")
    page = login(officer).get(_case_url(story.case)).content.decode()
    select = re.search(
        r'<select name="visibility_changed-target".*?</select>', page, re.DOTALL
    ).group()
    labels = re.findall(r"<option value=\"\d+\"[^>]*>(.*?)</option>", select, re.DOTALL)
    assert len(labels) == Document.objects.filter(submission=story.case).count()
    assert len(set(labels)) == len(labels), labels
    assert any("— Spanish (event" in label for label in labels)
    assert any("— English (event" in label for label in labels)
    # Walk 61: the French form said "acte" of what its other fields call "une entrée"; the
    # Spanish says "actuación" everywhere (docs/glossary.md; walk 80 read both words).
    for language, entry, event in (
        ("fr", "(entrée ", "(acte "),
        ("es", "(actuación ", "(entrada "),
    ):
        if language not in profiles.installed().languages:
            continue
        with translation.override(language):
            page = login(officer).get(_case_url(story.case)).content.decode()
        assert entry in page and event not in page, language
        assert "la note d’un acte" not in page  # walk 63: the field's help, too


def test_the_officer_sees_where_a_submitter_lives_when_it_decides_eligibility(login, officer):
    """A person of a Party by nationality or by permanent residence (TPA Art. 18.8.1; the CEC
    reads residence); the second walk found the officer's list showed the nationality alone."""
    import datetime

    from tests.factories import file_case

    case = file_case(
        on=datetime.date(2023, 3, 10),
        submitters=[
            services.SubmitterInput(
                kind="individual",
                name="Ana Quispe",
                nationality="BO",
                residence=A,
                email="ana@example.org",
            ),
            services.SubmitterInput(
                kind="individual", name="Luis Rojas", nationality=A, email="luis@example.org"
            ),
        ],
    )
    page = login(officer).get(_case_url(case)).content.decode()
    country = {"us-peru-tpa": "Peru", "usmca-cec": "Mexico", "cafta-dr": "Guatemala"}[SLUG]
    assert f"Ana Quispe (Individual, Bolivia; permanent residence: {country})" in page
    assert f"Luis Rojas (Individual, {country})" in page


RULE_MET = (
    "The Council's rule is already met for this instruction. A further member's instruction "
    "is recorded on the case and changes nothing in its course."
)


def test_a_further_council_instruction_is_offered_with_a_notice(login, officer):
    """A letter from a member who instructs after the Council's rule is met can still be
    recorded (REGISTRY-FORMAT.md allows it in the later stages), but the form says it changes
    nothing; while the Council's decision waits, the form says nothing of the kind."""
    from tests.helpers_cases import drive

    waiting = drive("awaiting_council")
    page = unescape(login(officer).get(_case_url(waiting.case)).content.decode())
    assert "/act/council_instructed/" in page
    assert RULE_MET not in page
    preparing = drive("factual_record_preparation")
    page = unescape(login(officer).get(_case_url(preparing.case)).content.decode())
    form = page[page.index('id="action-council_instructed"') :].split("</details>", 1)[0]
    assert RULE_MET in form


def test_withholding_is_offered_for_the_submitters_not_yet_withheld(client, officer):
    """Walk 23: the form listed a submitter already withheld, and saving recorded a second
    event saying nothing new."""
    case = file_case(
        on=datetime.date(2023, 3, 10),
        submitters=[
            services.SubmitterInput(
                kind="individual", name="Rosa Quispe", nationality=A, confidential=True
            ),
            services.SubmitterInput(kind="organization", name="Red Amazónica", nationality=A),
        ],
    )
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    form = page.split('id="action-identity_withheld"', 1)[1].split("</form>", 1)[0]
    assert ">Red Amazónica</option>" in form
    assert "Rosa Quispe" not in form
    services.record_event(case, "identity_withheld", actor=officer, data={"submitter": 1})
    assert refusal(case, officer, "identity_withheld") is not None
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    assert 'id="action-identity_withheld"' not in page


def _add_letter(case, officer, title: str) -> None:
    """A Secretariat-only letter with one document (no code of its own)."""
    services.record_event(
        case,
        "correspondence",
        actor=officer,
        documents_in=[
            DocumentInput(
                title=title,
                language="es",
                file=SimpleUploadedFile("n.pdf", b"%PDF-1.4 n"),
                visibility="secretariat",
            )
        ],
    )


def _section(page: str, kind: str) -> str:
    """The case page's form for ``kind``, with its summary."""
    start = page.index(f'/act/{kind}/"')
    return page[page.rindex("<summary>", 0, start) : page.index("</form>", start)]


def test_the_edited_documents_help_says_where_the_draft_is_only_for_a_proposal(
    login, officer, new_case, review_case, settings
):
    """Walk 27: the acknowledgement's form (recorded at once) said to take the draft from "the
    pending proposal"; the visibility change did not say it is proposed when it widens."""
    client = login(officer)
    acknowledgement = _section(client.get(_case_url(new_case)).content.decode(), "acknowledged")
    assert "pending proposal" not in acknowledgement
    assert "generated from this form in each of the case&#x27;s working languages" in (
        acknowledgement
    )
    page = client.get(_case_url(review_case)).content.decode()
    determination = _section(page, "admissibility_determined")
    # Not before there is a proposal (walk 52), and once there is one, where its draft is.
    assert "pending proposal" not in determination
    proposed = client.post(_action(review_case, "admissibility_determined"), _checklist(ALL_MET))
    assert proposed.status_code == 302
    page = client.get(_case_url(review_case)).content.decode()
    determination = _section(page, "admissibility_determined")
    assert "download the draft from the pending proposal" in determination
    with_documents = drive("response_decision").case
    _add_letter(with_documents, officer, "Nota")
    widening = _section(
        client.get(_case_url(with_documents)).content.decode(), "visibility_changed"
    )
    assert "a wider audience: proposed to the Executive Director" in widening
    settings.SEM_FOUR_EYES = False  # the officer records alone: no proposal, no draft
    page = client.get(_case_url(review_case)).content.decode()
    assert "pending proposal" not in _section(page, "admissibility_determined")
    assert "proposed to the Executive Director" not in page


def test_a_document_without_a_code_is_named_once_in_its_entry(login, officer, review_case):
    """Walk 27: "Carta del peticionario (PDF, 45 bytes) — Carta del peticionario (Español;
    Público)": a document with no code of its own was named twice."""
    _add_letter(review_case, officer, "Nota única")
    page = login(officer).get(_case_url(review_case)).content.decode()
    entries = [block.split("</ul>", 1)[0] for block in page.split('<ul class="documents">')[1:]]
    (entry,) = [block for block in entries if "Nota única" in block]
    assert entry.count("Nota única") == 1


def _publish_text(story, event, fields):
    """The Secretariat's decision that publishes ``fields`` of ``event``'s own text."""
    data = {"event": event.seq - 1, "fields": fields, "from": "parties", "to": "public"}
    story.add("visibility_changed", data={**data, "reason": "Revisada."})


def _held_letter(story, documents_in=(), title="Carta para el registro público", note="", **data):
    """A Party's letter sent for the public, held at *parties* for the Secretariat's review."""
    return story.add(
        "correspondence",
        author=f"party:{A}",
        visibility="parties",
        title=title,
        note=note,
        data={"publish_requested": True, **data},
        documents_in=list(documents_in),
    )


def test_change_its_visibility_beside_a_held_item_chooses_that_item(login, officer):
    """Walk 33: the link beside a Party's letter held for review opened the visibility form
    with nothing chosen; it now chooses that letter's title and note, to be public."""
    story = drive("awaiting_response", party=A)
    letter = _held_letter(story)
    client = login(officer)
    page = client.get(_case_url(story.case)).content.decode()
    link = f'href="?publish={letter.seq}#action-visibility_changed"'
    assert link in page
    chosen = client.get(_case_url(story.case), {"publish": letter.seq}).content.decode()
    form = chosen.split('id="action-visibility_changed"', 1)[1].split("</form>", 1)[0]
    assert re.search(rf'<option value="{letter.pk}" selected>', form)
    # Its title, the only words it has (walk 98: the empty note was ticked too).
    assert re.search(r'value="title"[^>]*checked', form)
    assert not re.search(r'value="note"[^>]*checked', form)
    assert re.search(r'<option value="public" selected>', form)
    for nonsense in ("999", "x", ""):  # nothing chosen, and no error
        page = client.get(_case_url(story.case), {"publish": nonsense}).content.decode()
        assert f'<option value="{letter.pk}" selected>' not in page


def test_once_its_words_are_public_the_link_chooses_the_held_document(login, officer):
    """Walk 35: after the officer published a Party's response text from the link, the entry
    stayed held for its document, and the link chose the (public) text again."""
    story = drive("awaiting_response", party=A)
    letter = _held_letter(
        story,
        for_public=[0],
        documents_in=[
            DocumentInput("Anexo", "es", SimpleUploadedFile("a.pdf", b"%PDF-1.4 a"), "parties")
        ],
    )
    _publish_text(story, letter, ["title", "note"])
    document = letter.documents.get()
    client = login(officer)
    page = client.get(_case_url(story.case)).content.decode()
    assert f'href="?document={document.pk}#action-visibility_changed"' in page
    assert "a document sent for the public reaches the public docket only once" in page
    chosen = client.get(_case_url(story.case), {"document": document.pk}).content.decode()
    form = chosen.split('id="action-visibility_changed"', 1)[1].split("</form>", 1)[0]
    assert re.search(rf'<option value="{document.pk}" selected>', form)
    assert re.search(r'<option value="public" selected>', form)


def test_a_responses_words_beside_its_note_are_held_until_published(login, officer):
    """Walk 36: a Party's response carried its words as information (18.8.5(b)), not as a
    note; the link chose its document, and publishing that left the words unpublished with
    nothing to say so."""
    story = drive("awaiting_response", party=A)
    response = story.add(
        "party_responded",
        author=f"party:{A}",
        data={
            "pending_proceeding": False,
            "information": {"i": "La OEFA sancionó a la empresa en 2024."},
            "publish_requested": True,
            "for_public": [0],
        },
        documents_in=[
            DocumentInput("Respuesta", "es", SimpleUploadedFile("r.pdf", b"%PDF-1.4 r"), "parties")
        ],
    )
    client = login(officer)
    page = client.get(_case_url(story.case)).content.decode()
    assert f'href="?publish={response.seq}#action-visibility_changed"' in page
    # What "public" means for it yet, in words (walk 37: «Público — que se envió; su texto…»).
    assert "Public — the public sees that it was sent, and its text once it is published" in page
    _publish_text(story, response, ["note"])
    page = client.get(_case_url(story.case)).content.decode()
    document = response.documents.get()
    assert f'href="?document={document.pk}#action-visibility_changed"' in page


def test_the_forms_lists_set_the_french_colon():
    """Walk 38: «2. Accusé de réception: Le Secrétariat…» in the visibility form's list of
    entries; French sets a no-break space before the colon, English none."""
    story = drive("awaiting_response")
    story.add("correspondence", title="Carta", visibility="public")
    entry = story.case.events.get(kind="correspondence")
    form = action_form("visibility_changed", story.case)
    with translation.override("fr"):
        assert (
            form.fields["event"]
            .label_from_instance(entry)
            .endswith("\u00a0: Carta (actuellement\u00a0: publique)")
        )
    with translation.override("en"):
        assert form.fields["event"].label_from_instance(entry) == (
            f"{entry.seq}. Correspondence: Carta (now: public)"
        )
    # Another author's entry is named by it (walk 59: two Parties' comments read alike).
    story.add("correspondence", author=f"party:{A}", title="Carta de la Parte")
    theirs = story.case.events.get(title="Carta de la Parte")
    with translation.override("en"):
        assert form.fields["event"].label_from_instance(theirs) == (
            f"{theirs.seq}. Correspondence ({theirs.get_author_display()}): Carta de la Parte"
            " (now: not public)"
        )
        assert name(A) in theirs.get_author_display()
    # A long note is cut at a word, marked so (walk 97: "…dentro del plazo de (ahora: …)").
    long = story.add(
        "correspondence", note="Uno dos tres cuatro cinco seis siete ocho nueve diez once doce."
    )
    with translation.override("en"):
        assert form.fields["event"].label_from_instance(long) == (
            f"{long.seq}. Correspondence: Uno dos tres cuatro cinco seis siete ocho nueve diez…"
            " (now: not public)"
        )


def test_the_text_to_publish_or_withhold_is_ticked_by_the_officer():
    """Walk 93: with title and note ticked in advance, withholding a decision's reasons alone
    withheld its public note too. Nothing is ticked in advance; posted without a tick, the
    form says what to tick (walk 58: refused, "Choose the title, the note or both", without
    saying the response's words are its note); opened from an item held for review, it ticks
    the title and the note."""
    story = drive("awaiting_response")
    case = story.case
    form = action_form("visibility_changed", case)
    assert "checked" not in str(form["fields_of_text"])
    assert "Tick each part to publish or to withhold." in str(form["fields_of_text"].help_text)
    response = story.add("party_responded", author=f"party:{A}", data={"party": A}, note="R.")
    posted = action_form(
        "visibility_changed",
        case,
        data={
            "visibility_changed-event": response.pk,
            "visibility_changed-to": "public",
            "visibility_changed-reason": "Publicada.",
        },
    )
    assert not posted.is_valid()
    assert posted.errors["fields_of_text"] == [
        "Choose the title, the note, the reasons, or several."
    ]
    held = action_form("visibility_changed", case)
    held.choose_event(response)
    assert str(held["fields_of_text"]).count("checked") == 2


def test_each_deadline_says_whether_its_date_is_due_or_a_target(login, officer):
    """Walk 48: the workspace headed every date "Due on", the Secretariat's own target dates
    too; the public pages and the portals tell them apart (``Deadline.is_target``)."""
    case = drive("awaiting_response").case
    page = login(officer).get(_case_url(case)).content.decode()
    table = page.split('id="deadlines-heading"', 1)[1].split("</table>", 1)[0]
    assert "Due on" not in table
    targets = [d.is_target for d in case.deadlines.all()]
    assert set(targets) == {True, False}
    assert table.count("(target date)") == targets.count(True)
    assert table.count("(due date)") == targets.count(False)


def test_a_closed_case_says_why_once(login, officer):
    """Walk 51: "Stage: Closed (No response merited)" then "Closure reason: No response
    merited" on the next line."""
    case = drive("closed").case
    page = login(officer).get(_case_url(case)).content.decode()
    reason = str(case.get_closure_reason_display())
    # Walk 62: "Cerrado (Expediente de hechos publicado)": no capital inside the brackets.
    assert _stage_shown(page) == f"Closed ({reason[0].lower()}{reason[1:]})"
    facts = page.split('id="facts-heading"', 1)[1].split("</dl>", 1)[0]
    assert facts.lower().count(reason.lower()) == 1


def test_a_further_response_is_not_offered_once_the_case_moved_on(login, officer):
    """Walk 52: after the case closed with its record published, the workspace still offered
    "Response of the Party — recorded from a letter", and a second response went public. As
    in the portal, a response is offered while it is awaited, or late when none is on
    record; not once one is and the case has moved on."""
    client = login(officer)
    moved_on = drive("factual_record_decision").case
    page = client.get(_case_url(moved_on)).content.decode()
    assert "/act/party_responded/" not in page
    refused = client.post(_action(moved_on, "party_responded"), {}, follow=True)
    assert "the Party&#x27;s response is on record and the case has moved on" in (
        refused.content.decode()
    )
    assert moved_on.events.filter(kind="party_responded").count() == 1
    awaiting = drive("awaiting_response").case
    assert "/act/party_responded/" in client.get(_case_url(awaiting)).content.decode()
    # Closed while the response was awaited: a late one is still taken (PROCESS.md).
    closed = drive("closed").case
    assert "/act/party_responded/" in client.get(_case_url(closed)).content.decode()


def test_a_translation_is_filed_in_the_language_chosen_where_there_are_three(
    login, officer, review_case
):
    """Walk 73: under the CEC a French document's translation was filed as Spanish whatever
    its language; the form now asks which, where the profile has more than two."""
    from submissions import profiles

    client = login(officer)
    three = len(profiles.installed().languages) > 2
    page = client.get(reverse("ws_case", kwargs={"pk": review_case.pk})).content.decode()
    assert ('name="correspondence-translation_language"' in page) == three
    if not three:
        return

    def post(**extra):
        return client.post(
            _action(review_case, "correspondence"),
            {
                "event_count": review_case.events.count(),
                "correspondence-event_author": "secretariat",
                "correspondence-event_visibility": "secretariat",
                "correspondence-document": SimpleUploadedFile("lettre.pdf", b"%PDF-1.4 lettre"),
                "correspondence-document_title": "Lettre",
                "correspondence-document_language": "fr",
                "correspondence-translation": SimpleUploadedFile("letter.pdf", b"%PDF-1.4 en"),
                **extra,
            },
        )

    assert "Say which language the translation is in." in post().content.decode()
    same = post(**{"correspondence-translation_language": "fr"}).content.decode()
    assert "A translation is in another language than the document." in same
    assert post(**{"correspondence-translation_language": "en"}).status_code == 302
    original, translation = Document.objects.filter(submission=review_case).order_by("position")
    assert (original.language, translation.language, translation.translation_of) == (
        "fr",
        "en",
        original,
    )


def test_each_document_sent_for_the_public_is_marked_while_held(login, officer):
    """Walk 99: a Party's response held for review listed the annex it sent for the public as
    "Secretariat, Parties and Council" and nothing more; the annex it sent to the Parties only
    reads the same. The first is now marked, with a link choosing it; once published, neither."""
    story = drive("awaiting_response", party=A)

    def annex(name):
        file = SimpleUploadedFile(f"{name}.pdf", b"%PDF-1.4 " + name.encode())
        return DocumentInput(name, "es", file, "parties")

    letter = _held_letter(story, for_public=[0], documents_in=[annex("Público"), annex("Partes")])
    public, parties = letter.documents.order_by("position")
    client = login(officer)
    page = client.get(_case_url(story.case)).content.decode()
    entry = page.split(f'id="event-{letter.seq}"', 1)[1].split("</li>\n</li>", 1)[0]
    items = entry.split('<ul class="documents">', 1)[1].split("</ul>", 1)[0].split("<li>")[1:]
    marked, unmarked = (next(i for i in items if f"/{d.pk}/" in i) for d in (public, parties))
    assert "sent for the public, awaiting your review" in marked
    # Walk 103: a name reused in the view printed "[<Document: …>]" as the page's notice.
    assert "&lt;Document" not in page and '<p class="notice">[' not in page
    assert f'href="?document={public.pk}#action-visibility_changed"' in marked
    assert "sent for the public" not in unmarked
    _publish_text(story, letter, ["title", "note"])
    data = {"document": [letter.seq - 1, 0], "from": "parties", "to": "public"}
    story.add("visibility_changed", data={**data, "reason": "Revisado."})
    page = client.get(_case_url(story.case)).content.decode()
    assert "sent for the public, awaiting your review" not in page


def _ticked(client, case, event) -> set:
    page = client.get(_case_url(case), {"publish": event.seq}).content.decode()
    form = page.split('id="action-visibility_changed"', 1)[1].split("</form>", 1)[0]
    return {
        part
        for part in ("title", "note", "reasons")
        if re.search(rf'value="{part}"[^>]*checked', form)
    }


def test_the_link_beside_a_held_item_ticks_only_its_held_words(login, officer):
    """Walk 98: the form opened from a Party's letter whose note alone was still held ticked
    its (public) title too, and the decision read "title, note"."""
    story = drive("awaiting_response", party=A)
    letter = _held_letter(story, note="Texto de la carta.")
    client = login(officer)
    assert _ticked(client, story.case, letter) == {"title", "note"}
    _publish_text(story, letter, ["title"])
    assert _ticked(client, story.case, letter) == {"note"}
    untitled = _held_letter(story, title="", note="Solo una nota.")
    assert _ticked(client, story.case, untitled) == {"note"}


def test_comments_sent_as_documents_alone_are_published_in_one_decision(login, officer, settings):
    """Walk 100: a Party's comments on the draft, sent for the public as two documents and no
    words, were linked by their first document: each document took a proposal and an approval
    of its own. The link opens the entry, with its documents, and one decision publishes it."""
    settings.SEM_FOUR_EYES = False
    story = drive("draft_comment_period", party=A)
    comments = comments_as_documents_for_the_public(story)
    client = login(officer)
    page = client.get(_case_url(story.case)).content.decode()
    assert f'href="?publish={comments.seq}#action-visibility_changed"' in page
    chosen = client.get(_case_url(story.case), {"publish": comments.seq}).content.decode()
    form = chosen.split('id="action-visibility_changed"', 1)[1].split("</form>", 1)[0]
    assert re.search(r'name="visibility_changed-with_documents"[^>]*checked', form)
    story.case.refresh_from_db()
    response = client.post(
        reverse("ws_action", kwargs={"pk": story.case.pk, "kind": "visibility_changed"}),
        {
            "event_count": story.case.event_count,
            "visibility_changed-event": comments.pk,
            "visibility_changed-fields_of_text": ["title", "note"],
            "visibility_changed-with_documents": "on",
            "visibility_changed-to": "public",
            "visibility_changed-reason": "Publicación pedida por la Parte.",
        },
    )
    assert response.status_code == 302
    assert set(comments.documents.values_list("visibility", flat=True)) == {"public"}
    assert story.case.events.filter(kind="visibility_changed").count() == 1
    page = client.get(_case_url(story.case)).content.decode()
    assert "sent for the public, awaiting your review" not in page
    assert 'id="held-heading"' not in page


@pytest.mark.skipif("f" not in CRITERIA, reason=f"{SLUG}'s text has no criterion (f)")
def test_criterion_f_found_met_against_the_suggestion_is_confirmed_and_shown(
    login, officer, director
):
    """Walk 135: (f) found met for submitters who by their details may not file about the
    Party concerned went to the Director without a word of the form's suggestion."""
    outsider = services.SubmitterInput(
        kind="individual", name="Ana Rojas", nationality="CL", residence="CL"
    )
    case = file_case(actor=officer, party=A, submitters=[outsider])
    services.record_event(case, "acknowledged", actor=officer)
    case.refresh_from_db()
    data = _checklist(ALL_MET)
    data["event_count"] = case.event_count
    client = login(officer)
    response = client.post(_action(case, "admissibility_determined"), data)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert 'href="#id_admissibility_determined-f_confirmed"' in page
    assert "Tick this box to confirm it, or correct the finding." in page
    assert not Event.objects.filter(submission=case, kind="proposed").exists()
    # Found not met, as suggested: nothing to confirm.
    as_suggested = {**data, "admissibility_determined-f_finding": "not_met"}
    form = action_form("admissibility_determined", case, as_suggested)
    assert form.is_valid(), form.errors

    data["admissibility_determined-f_confirmed"] = "on"
    assert client.post(_action(case, "admissibility_determined"), data).status_code == 302
    assert Event.objects.filter(submission=case, kind="proposed").exists()
    approvals = " ".join(unescape(login(director).get(reverse("ws_approvals")).text).split())
    warning = (
        "It finds criterion (f) met, though by the submitters' details this is not a person "
        f"of a Party who may file about {name(A)}: Ana Rojas."
    )
    assert warning in approvals
    case_page = " ".join(unescape(login(director).get(_case_url(case)).text).split())
    assert warning in case_page
    # One person, in the singular (walk 137: «estas personas no son personas…» for one).
    spanish = unescape(login(director).get(reverse("ws_approvals").replace("/en/", "/es/")).text)
    assert " Ana Rojas no es persona de una Parte que pueda presentar" in spanish
    translation.activate("en")  # the request left Spanish active for reverse()


def test_a_decisions_note_is_labelled_as_it_is_read_after(officer, settings):
    """Walk 176: typed under "Note", a determination's general text read "Reasons" on the
    Director's card, the docket and the generated document; its form says "Reasons" too. A
    record that is not a decision keeps "Note"."""
    from workflow.describe import describe

    settings.SEM_FOUR_EYES = True
    case = drive("admissibility_review").case
    for language, reasons, note in (("en", "Reasons", "Note"), ("es", "Razones", "Nota")):
        with translation.override(language):
            assert action_form("admissibility_determined", case).fields["note"].label == reasons
            assert action_form("correspondence", case).fields["note"].label == note
    data = {"outcome": "meets", "criteria": {c: {"met": True, "reasons": "Sí."} for c in CRITERIA}}
    proposal = services.record_event(
        case, "admissibility_determined", actor=officer, data=data, note="En general, sí."
    )
    assert proposal.kind == "proposed"  # the Director's card
    assert ("Reasons", "En general, sí.") in [(str(k), str(v)) for k, v in describe(proposal)]


def test_after_the_final_record_only_a_party_that_never_commented_is_offered(officer):
    """Walk 168: in FF the officer was offered "Comments of a Party on the draft" for every
    Party, where the Party's portal offers late comments only to a Party that never
    commented; once every Party has, it is not offered at all."""
    from tests.parties import OTHERS, B

    story = drive("final_factual_record", comments=(A,))
    form = action_form("draft_commented", story.case)
    offered = [value for value, _label in form.fields["party"].choices if value]
    assert sorted(offered) == sorted([B, *OTHERS]) and form.offerable
    assert "only a Party that had not commented" in str(form.notice_text)
    everyone = drive("final_factual_record")
    assert not action_form("draft_commented", everyone.case).offerable
    during = drive("draft_comment_period", comments=(A,))
    assert A in [
        value
        for value, _label in action_form("draft_commented", during.case).fields["party"].choices
    ]


def test_the_top_box_stays_when_no_deadline_runs_and_names_what_awaits_review(client, officer):
    """Walk 179: after the final record no deadline runs, and the box at the top vanished;
    a Council member's text sent for the public stayed unreviewed to the end, said only in
    the queue's badge and far down the page."""
    from workflow.models import Deadline

    story = drive("final_factual_record")
    assert not Deadline.objects.filter(submission=story.case, state="open").exists()
    story.add(
        "correspondence",
        author=f"party:{A}",
        visibility="parties",
        data={"publish_requested": True},
        note="Carta para el público.",
    )
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": story.case.pk})).content.decode()
    top = unescape(page.split('id="next-step">', 1)[1].split("</div>", 1)[0])
    assert "No deadline is running." in top and 'href="#actions-heading"' in top
    assert "1 entry sent for the public awaits the Secretariat's review." in top
    assert 'href="#held-heading"' in top
    # Walk 180: a two-line {# … #} comment above the box was printed on the page.
    assert "{#" not in page and "walk 179" not in page


def test_the_top_box_names_a_pending_proposal_and_forgets_a_review_proposed(
    client, officer, settings
):
    """Walk 181: a proposal awaiting the Director was said only several screens down; and once
    the officer proposed publishing an entry sent for the public, the box still asked for its
    review."""
    settings.SEM_FOUR_EYES = True
    story = drive("final_factual_record")
    letter = story.add(
        "correspondence",
        author=f"party:{A}",
        visibility="parties",
        data={"publish_requested": True},
        note="Carta para el público.",
    )
    story.case.refresh_from_db()
    services.record_event(
        story.case,
        "visibility_changed",
        actor=officer,
        data={
            "event": letter.seq - 1,
            "fields": ["note"],
            "from": "parties",
            "to": "public",
            "reason": "Pedido.",
        },
    )
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": story.case.pk})).content.decode()
    top = unescape(page.split('id="next-step">', 1)[1].split("</div>", 1)[0])
    assert "1 proposal awaits the Executive Director's approval." in top
    assert 'href="#pending-heading"' in top
    assert "awaits the Secretariat's review" not in top


def test_a_closed_cases_page_offers_no_assignment_link(client, officer):
    """Walk 180: "Unassigned — assign it" on a closed case linked a form that is not there."""
    closed = drive("closed").case
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": closed.pk})).content.decode()
    assert 'href="#action-assigned"' not in page and 'id="action-assigned"' not in page
    open_case = drive("admissibility_review").case
    page = client.get(reverse("ws_case", kwargs={"pk": open_case.pk})).content.decode()
    assert 'href="#action-assigned"' in page and 'id="action-assigned"' in page
