"""Records made on someone else's behalf (PROCESS.md; REGISTRY-FORMAT.md): what a Party, a
Council member or a submitter did outside the system, recorded by the Secretariat, names who
acted, carries the letter as evidence and waits for the Executive Director; only the actor's own
account records it alone. On import the recorded event stands for the approved decision."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from submissions.stages import Stage
from tests.helpers_cases import FILED_ON, drive, frozen
from tests.parties import OTHERS, SLUG, A, B, council_members, identifier, members_needed, name
from workflow import services
from workflow.exceptions import InvalidInput, NotAllowed, RuleViolation
from workflow.models import Deadline, Event
from workflow.registry.importer import import_registry

D = datetime.date
S = Stage
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# The Party's response period from the request of Sunday 7 May 2023: its due date, the day the
# Director approves a letter dated before it, and the due date after exceptional
# circumstances.
RESPONSE = {
    # 45 days: Wednesday 21 June; approved Friday 23 June; 60 days: Thursday 6 July.
    "us-peru-tpa": {"due": D(2023, 6, 21), "approved": D(2023, 6, 23), "extended": D(2023, 7, 6)},
    # 60 days: Thursday 6 July; approved Friday 7 July; 90 days: Saturday 5 August, moved to
    # Monday 7 August (the Civic Holiday is no holiday in Québec).
    "usmca-cec": {"due": D(2023, 7, 6), "approved": D(2023, 7, 7), "extended": D(2023, 8, 7)},
    # As the TPA's: 45 days: Wednesday 21 June; 60 days: Thursday 6 July (Guatemala's Monday
    # 3 July holiday is before it).
    "cafta-dr": {"due": D(2023, 6, 21), "approved": D(2023, 6, 23), "extended": D(2023, 7, 6)},
}[SLUG]


def letter(name="carta.pdf"):
    return [
        services.DocumentInput(
            title="Carta recibida", language="es", file=SimpleUploadedFile(name, PDF)
        )
    ]


def _deadline(case, kind, party=""):
    return Deadline.objects.filter(submission=case, kind=kind, party=party).latest("id")


# --- Each kind: refused without evidence, proposed with it, approved with the exact result -----


def test_a_paper_response_needs_the_letter_and_waits_for_the_director(officer, director):
    story = drive(S.AWAITING_RESPONSE)  # requested 7 May 2023: response due 21 June (TPA)
    case = story.case
    with frozen(D(2023, 6, 15)):
        with pytest.raises(InvalidInput) as refused:
            services.record_event(case, "party_responded", actor=officer)
        assert refused.value.rule == "evidence"
        assert "letter or email" in str(refused.value)
        case.refresh_from_db()
        assert case.event_count == story.case.event_count  # nothing written

        proposal = services.record_event(
            case, "party_responded", actor=officer, documents_in=letter()
        )
        assert proposal.kind == "proposed"
        assert proposal.author == "secretariat" and proposal.recorded_by == officer
        assert proposal.data["proposal"]["author"] == f"party:{A}"
        case.refresh_from_db()
        assert case.stage == S.AWAITING_RESPONSE
        assert _deadline(case, "party_response").state == "open"
        assert [(d.visibility) for d in proposal.documents.all()] == ["secretariat"]
    assert _deadline(case, "party_response").due_on == RESPONSE["due"]
    with frozen(RESPONSE["approved"]):  # approved after the due date: the letter's date counts
        response = services.approve_proposal(case, proposal.seq, actor=director)
    case.refresh_from_db()
    assert (response.kind, response.author, response.on) == (
        "party_responded",
        f"party:{A}",
        D(2023, 6, 15),
    )
    assert response.recorded_by == director and response.proposal_id == proposal.pk
    assert case.stage == S.FACTUAL_RECORD_DECISION
    met = _deadline(case, "party_response")
    assert (met.state, met.met_on, met.late) == ("met", D(2023, 6, 15), False)
    assert _deadline(case, "factual_record_decision").due_on == D(2023, 8, 14)
    evidence = response.documents.get()
    assert (evidence.title, evidence.visibility, evidence.author) == (
        "Carta recibida",
        "public",
        f"party:{A}",
    )


def test_an_emailed_withdrawal_is_proposed_and_closes_the_case_once_approved(officer, director):
    story = drive(S.AWAITING_RESPONSE)
    case = story.case
    with frozen(D(2023, 5, 20)):
        proposal = services.record_event(case, "withdrawn", actor=officer, documents_in=letter())
        case.refresh_from_db()
        assert (proposal.kind, case.stage) == ("proposed", S.AWAITING_RESPONSE)
        with pytest.raises(NotAllowed):
            services.approve_proposal(case, proposal.seq, actor=officer)
        withdrawn = services.approve_proposal(case, proposal.seq, actor=director)
    case.refresh_from_db()
    assert (withdrawn.author, withdrawn.on) == ("submitter", D(2023, 5, 20))
    assert (case.stage, case.closure_reason) == (S.CLOSED, "withdrawn")
    assert _deadline(case, "party_response").state == "cancelled"


def test_a_council_letter_is_recorded_for_its_own_party_only(officer, director):
    story = drive(S.AWAITING_COUNCIL)  # notified 14 July 2023
    # B's member's letter gives the instruction that reaches the Council's rule: the members
    # needed before it (none under the TPA; A's under the CEC) have instructed.
    for member in ((A,) + OTHERS)[: members_needed() - 1]:
        story.add(
            "council_instructed", D(2023, 8, 1), author=f"council:{member}", data={"party": member}
        )
    case = story.case
    with frozen(D(2023, 8, 1)):
        with pytest.raises(RuleViolation) as refused:
            services.record_event(
                case,
                "council_instructed",
                actor=officer,
                author=f"council:{B}",
                data={"party": A},
                documents_in=letter(),
            )
        assert str(refused.value) == "A Council member acts only for their own Party."
        proposal = services.record_event(
            case, "council_instructed", actor=officer, data={"party": B}, documents_in=letter()
        )
        assert proposal.data["proposal"] == {
            "kind": "council_instructed",
            "party": B,
            "author": f"council:{B}",
            "documents": [{"visibility": "public"}],
        }
        instructed = services.approve_proposal(case, proposal.seq, actor=director)
    case.refresh_from_db()
    assert (instructed.author, case.stage) == (f"council:{B}", S.FACTUAL_RECORD_PREPARATION)
    assert _deadline(case, "draft_factual_record").due_on == D(2023, 11, 29)


def test_both_parties_comments_may_await_the_director_at_once(officer, director):
    story = drive(S.DRAFT_COMMENT_PERIOD)  # comments due 16 November 2023
    case = story.case
    with frozen(D(2023, 10, 20)):
        a = services.record_event(
            case, "draft_commented", actor=officer, data={"party": A}, documents_in=letter()
        )
        b = services.record_event(
            case, "draft_commented", actor=officer, data={"party": B}, documents_in=letter()
        )
        with pytest.raises(RuleViolation) as refused:
            services.record_event(
                case, "draft_commented", actor=officer, data={"party": A}, documents_in=letter()
            )
        assert refused.value.rule == "one pending proposal per decision"
        services.approve_proposal(case, a.seq, actor=director)
        services.approve_proposal(case, b.seq, actor=director)
    states = {
        d.party: (d.state, d.met_on)
        for d in Deadline.objects.filter(submission=case, kind="draft_comments")
    }
    assert states == {
        A: ("met", D(2023, 10, 20)),
        B: ("met", D(2023, 10, 20)),
        # The CEC's Canada has not commented.
        **dict.fromkeys(OTHERS, ("open", None)),
    }
    authors = list(
        Event.objects.filter(submission=case, kind="draft_commented")
        .order_by("seq")
        .values_list("author", flat=True)
    )
    assert authors == [f"party:{A}", f"party:{B}"]


def test_an_extension_letter_and_a_paper_revision(officer, director):
    story = drive(S.AWAITING_RESPONSE)  # 45 days → 21 June 2023 (TPA)
    case = story.case
    with frozen(D(2023, 6, 1)):
        proposal = services.record_event(
            case, "extension_notified", actor=officer, documents_in=letter()
        )
        services.approve_proposal(case, proposal.seq, actor=director)
    assert _deadline(case, "party_response").due_on == RESPONSE["extended"]
    revision = drive(S.AWAITING_REVISION)  # does not meet: 10 April 2023
    with frozen(D(2023, 4, 20)):
        proposal = services.record_event(
            revision.case, "revision_filed", actor=officer, documents_in=letter()
        )
        filed = services.approve_proposal(revision.case, proposal.seq, actor=director)
    revision.case.refresh_from_db()
    assert (filed.author, revision.case.stage) == ("submitter", S.ADMISSIBILITY_REVIEW)


# --- The actor's own account records alone ------------------------------------------------------


def test_the_party_in_its_portal_and_the_council_in_theirs_record_alone(
    a_focal, a_council, b_council
):
    story = drive(S.AWAITING_RESPONSE)
    with frozen(D(2023, 6, 1)):
        event = services.record_event(story.case, "extension_notified", actor=a_focal)
    assert (event.kind, event.author, event.recorded_by) == (
        "extension_notified",
        f"party:{A}",
        a_focal,
    )
    council = drive(S.AWAITING_COUNCIL)
    with frozen(D(2023, 8, 1)):
        with pytest.raises(RuleViolation):
            services.record_event(
                council.case, "council_instructed", actor=b_council, data={"party": A}
            )
        event = services.record_event(
            council.case, "council_instructed", actor=a_council, data={"party": A}
        )
    assert (event.kind, event.author) == ("council_instructed", f"council:{A}")
    # A Party's account cannot put its act in another's name.
    comments = drive(S.DRAFT_COMMENT_PERIOD)
    with frozen(D(2023, 10, 20)), pytest.raises(NotAllowed):
        services.record_event(
            comments.case,
            "draft_commented",
            actor=a_focal,
            author=f"party:{B}",
            data={"party": B},
        )


def test_the_workspace_form_asks_for_the_letter_and_proposes(officer):
    story = drive(S.AWAITING_RESPONSE)
    case = story.case
    client = Client()
    client.force_login(officer)
    url = reverse("ws_action", kwargs={"pk": case.pk, "kind": "party_responded"})
    with frozen(D(2023, 6, 15)):
        page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
        assert "Letter or email received (evidence)" in page
        assert "The record will wait for the Executive Director&#x27;s approval." in page
        refused = client.post(url, {"event_count": case.event_count})
        assert refused.status_code == 200
        assert Event.objects.filter(submission=case).count() == case.event_count
        posted = client.post(
            url,
            {
                "event_count": case.event_count,
                "party_responded-document": SimpleUploadedFile("respuesta.pdf", PDF),
                "party_responded-document_title": f"Respuesta ({name(A, 'es')})",
            },
        )
    assert posted.status_code == 302
    last = Event.objects.filter(submission=case).latest("seq")
    assert (last.kind, last.data["proposal"]["kind"]) == ("proposed", "party_responded")


@override_settings(SEM_FOUR_EYES=False)
def test_with_four_eyes_off_the_record_stands_but_still_needs_the_letter(officer):
    story = drive(S.AWAITING_RESPONSE)
    with frozen(D(2023, 6, 15)):
        with pytest.raises(InvalidInput):
            services.record_event(story.case, "party_responded", actor=officer)
        event = services.record_event(
            story.case, "party_responded", actor=officer, documents_in=letter()
        )
    assert (event.kind, event.author) == ("party_responded", f"party:{A}")


# --- Import: the recorded event stands for the approved record ----------------------------------


def _registry(events):
    return {
        "format": "sem-registry/1",
        "profile": SLUG,
        "submissions": [
            {
                "identifier": identifier(A, 7, 2023),
                "party": A,
                "language": "es",
                "title": {"es": "Caso importado"},
                "summary": {"es": "Resumen."},
                "laws": ["Ley General del Ambiente"],
                "submitters": [{"name": "Asociación", "kind": "organization", "country": A}],
                "events": [
                    {"on": FILED_ON.isoformat(), "kind": "filed"},
                    {"on": "2023-03-13", "kind": "acknowledged"},
                    {
                        "on": "2023-04-10",
                        "kind": "admissibility_determined",
                        "outcome": "meets",
                    },
                    {"on": "2023-05-07", "kind": "response_decided", "outcome": "request"},
                    {"on": "2023-06-15", "kind": "party_responded", "author": f"party:{A}"},
                    {
                        "on": "2023-07-14",
                        "kind": "factual_record_notified",
                        "outcome": "warranted",
                    },
                    *events,
                ],
            }
        ],
    }


def test_import_refuses_a_council_member_acting_for_the_other_party(db):
    report = import_registry(
        _registry(
            [
                {
                    "on": "2023-08-01",
                    "kind": "council_instructed",
                    "party": A,
                    "author": f"council:{B}",
                }
            ]
        )
    )
    assert not report.ok
    (refusal,) = report.refused
    assert (refusal.index, refusal.kind) == (6, "council_instructed")
    assert refusal.message.startswith("A Council member acts only for their own Party.")


def test_import_records_an_on_behalf_event_with_no_proposal(db):
    members = council_members()  # TPA: A's; CEC: A's and B's
    report = import_registry(
        _registry(
            [
                {
                    "on": "2023-08-01",
                    "kind": "council_instructed",
                    "party": member,
                    "author": f"council:{member}",
                }
                for member in members
            ]
        )
    )
    assert report.ok, report.refused
    kinds = list(Event.objects.order_by("seq").values_list("kind", flat=True))
    assert "proposed" not in kinds and kinds[-1] == "council_instructed"
    instructions = Event.objects.filter(kind="council_instructed").order_by("seq")
    assert [event.author for event in instructions] == [f"council:{m}" for m in members]
    event = instructions.last()
    assert (event.author, event.stage_after) == (
        f"council:{members[-1]}",
        S.FACTUAL_RECORD_PREPARATION,
    )


def test_a_case_with_an_on_behalf_proposal_round_trips(officer, director, tmp_path):
    """Walk 19: the audit page's history of a case where the officer proposed a Party's paper
    response (approved by the Director) was refused on import: "event 9 (proposed): Only the
    Party concerned may record this". A restricted export imports into an empty database and
    exports again to the same bytes (REGISTRY-FORMAT.md, Round trip)."""
    import json

    from django.conf import settings

    from submissions.models import Submission
    from workflow.registry import export_registry

    story = drive(S.AWAITING_RESPONSE)
    case = story.case
    with frozen(D(2023, 6, 15)):
        proposal = services.record_event(
            case, "party_responded", actor=officer, documents_in=letter()
        )
        services.approve_proposal(case, proposal.seq, actor=director)
    first = export_registry(restricted=True)
    files = json.loads(first)
    Submission.objects.all().delete()
    report = import_registry(files, base_dir=settings.MEDIA_ROOT)
    assert report.ok, [str(refused) for refused in report.refused]  # every hash re-checked

    def without_paths(text):  # the files are stored anew, under new names
        return re.sub(r'"file": "[^"]*"', '"file": ""', text)

    assert without_paths(export_registry(restricted=True)) == without_paths(first)


def test_the_approvals_list_calls_a_letters_note_a_note(client, officer, director):
    """Walk 100: a Party's comments recorded from its letter, with a note, read "Reasons: …"
    to the Executive Director, as a decision's note does."""
    story = drive(S.AWAITING_RESPONSE)
    with frozen(D(2023, 6, 15)):
        proposal = services.record_event(
            story.case,
            "party_responded",
            actor=officer,
            note="Recibida por correo postal.",
            documents_in=letter(),
        )
    client.force_login(director)
    page = client.get(reverse("ws_approvals")).content.decode()
    item = " ".join(page.split(f'id="proposal-{proposal.pk}"', 1)[1].split("</article>")[0].split())
    assert '<li>Note: <span lang="es">Recibida por correo postal.</span></li>' in item
    assert "Reasons:" not in item
