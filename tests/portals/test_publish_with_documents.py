"""One decision publishes a Party's entry and the documents it sent for the public (walks 40
and 41: Guatemala's response, with a public annex, took three decisions, its words, its letter
and its annex; the annex was forgotten and the page said the response still awaited review)."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from submissions.models import Submission, Submitter
from submissions.stages import Visibility
from tests.helpers_cases import drive, frozen
from tests.portals.test_party import RESPONSE_TITLE, respond_post
from workflow import services
from workflow.exceptions import RuleViolation
from workflow.models import Event
from workflow.registry import export_registry, import_registry

pytestmark = pytest.mark.django_db

D = datetime.date


def _responded(client, a_focal):
    """A case whose Party responded with its letter and an annex, both for the public, and a
    second annex for the Party concerned only."""
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(D(2023, 6, 10)):
        client.post(
            reverse("party_respond", kwargs={"pk": case.pk}),
            respond_post(
                case,
                **{
                    "attachments-TOTAL_FORMS": "2",
                    "attachments-0-visibility": "public",
                    "attachments-1-file": respond_post(case)["attachments-0-file"],
                    "attachments-1-title": "Anexo reservado",
                    "attachments-1-language": "es",
                    "attachments-1-visibility": "party_concerned",
                },
            ),
        )
    case.refresh_from_db()
    return case, Event.objects.get(submission=case, kind="party_responded")


def test_one_decision_publishes_the_words_and_the_documents_sent_for_the_public(
    client, a_focal, officer, director, tmp_path
):
    case, event = _responded(client, a_focal)
    assert event.data["for_public"] == [0, 1]
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk}) + f"?publish={event.seq}")
    form = page.content.decode().split('id="action-visibility_changed"', 1)[1]
    box = form.split('name="visibility_changed-with_documents"', 1)[1].split(">", 1)[0]
    assert box.endswith(" checked")
    prefix = "visibility_changed-"
    with frozen(D(2023, 6, 12)):
        posted = client.post(
            reverse("ws_action", kwargs={"pk": case.pk, "kind": "visibility_changed"}),
            {
                "event_count": case.event_count,
                prefix + "event": event.pk,
                prefix + "fields_of_text": ["title", "note"],
                prefix + "with_documents": "on",
                prefix + "to": "public",
                prefix + "reason": "Pedido por la Parte.",
            },
        )
    assert posted.status_code == 302, posted.content.decode()[:2000]
    proposal = case.events.get(kind="proposed")
    assert proposal.data["proposal"]["with_documents"] == [0, 1]
    # While it waits, the entry says so and offers no link to a form the engine would refuse
    # (walk 43: "there is already a proposal of this kind pending").
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    entry = page.split(f'id="event-{event.seq}"', 1)[1].split("</li>", 1)[0]
    assert "Its publication is proposed and awaits the Executive Director's approval." in entry
    assert f"?publish={event.seq}" not in page
    assert "Record, or propose a wider audience" in page
    client.force_login(director)
    approvals = client.get(reverse("ws_approvals")).content.decode()
    assert f"Documents published with it: {RESPONSE_TITLE} (entry no. {event.seq}); " in approvals
    with frozen(D(2023, 6, 12)):
        services.approve_proposal(case, proposal.seq, actor=director)
    levels = dict(event.documents.values_list("position", "visibility"))
    assert levels == {0: "public", 1: "public", 2: "party_concerned"}
    # The receipt says what was sent as it was sent (walk 43: after publication it listed the
    # documents as "Public" under "awaits the Secretariat's review"), and that it was published
    # since, in the past (walk 59: "waits for the Secretariat's review" above "Since then").
    client.force_login(a_focal)
    receipt = client.get(reverse("party_receipt", kwargs={"pk": case.pk, "seq": event.seq}))
    receipt = receipt.content.decode()
    sent = (
        "Secretariat, Parties and Council — sent for the public, the Secretariat has published it"
    )
    assert receipt.count(sent) == 2
    assert "awaits" not in receipt and "waits for the Secretariat" not in receipt
    assert "What you sent for the public was to wait for the Secretariat&#x27;s review" in receipt
    # And that it has been published since (walk 46: it read as still waiting, months on).
    assert "Since then, the Secretariat published it on 12 June 2023." in receipt
    # The Party's case page names each document's audience, the public ones too (walk 110:
    # a published document carried no label, a reserved one did).
    page = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
    listed = page.split(f"{RESPONSE_TITLE}</a>", 1)[1].split("</ul>", 1)[0]
    published_here = (
        '<span class="badge">Public</span> — sent for the public, the Secretariat has published it'
    )
    assert listed.count(published_here) == 2, listed  # the letter and its first annex
    assert '<span class="badge">Secretariat and the Party concerned</span>' in listed
    public = Client().get(f"/en/docket/{case.slug}/").content.decode()
    assert RESPONSE_TITLE in public and "Anexo 1" in public and "Anexo reservado" not in public
    assert "Acción de amparo disponible" in public
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    assert "Sent for the public, awaiting your review" not in page
    # The history verifies, and exports and imports again as it is.
    out = io.StringIO()
    call_command("verify_history", stdout=out)
    assert "1 case(s) checked, 0 broken" in out.getvalue()
    first = export_registry(restricted=True)
    decision = json.loads(first)["submissions"][0]["events"][-1]
    assert (decision["kind"], decision["with_documents"]) == ("visibility_changed", [0, 1])
    (tmp_path / "export.json").write_text(first, encoding="utf-8")
    Submission.objects.all().delete()
    Submitter.objects.all().delete()
    report = import_registry(json.loads(first), base_dir=tmp_path)
    assert report.ok, [str(r) for r in report.refused]
    assert export_registry(restricted=True) == first


def test_the_engine_checks_the_documents_it_publishes_with_a_text(officer, a_focal, client):
    case, event = _responded(client, a_focal)

    def decide(documents, to=Visibility.PUBLIC):
        return services.record_event(
            case,
            "visibility_changed",
            actor=officer,
            data={
                "event": event.seq - 1,
                "fields": ["note"],
                "from": Visibility.PARTIES if to == Visibility.PUBLIC else Visibility.PUBLIC,
                "to": to,
                "reason": "Prueba.",
                "with_documents": documents,
            },
        )

    with frozen(D(2023, 6, 12)):
        with pytest.raises(RuleViolation, match="No such document"):
            decide([7])
        with pytest.raises(RuleViolation, match="positions of documents"):
            decide([0, 0])
        with pytest.raises(RuleViolation, match="not withheld with it"):
            decide([0], to=Visibility.PARTIES)


def test_the_directors_email_names_the_documents_a_decision_publishes(
    client, a_focal, officer, director, django_capture_on_commit_callbacks
):
    """Walk 122: publishing a Party's response with its letter was emailed to the Director as
    "Visibility of an entry's text changed" alone; a proposed publication of the record
    names what it makes public."""
    from django.core import mail

    director.email = "director@sem.example.org"
    director.save()
    case, event = _responded(client, a_focal)
    mail.outbox.clear()
    with frozen(D(2023, 6, 12)), django_capture_on_commit_callbacks(execute=True):
        services.record_event(
            case,
            "visibility_changed",
            actor=officer,
            data={
                "event": event.seq - 1,
                "fields": ["title", "note"],
                "with_documents": [0, 1],
                "from": "parties",
                "to": "public",
                "reason": "Pedido por la Parte.",
            },
        )
    (message,) = [m for m in mail.outbox if m.to == ["director@sem.example.org"]]
    said = " ".join(message.body.split())
    assert f"Approving it also makes these documents public: “{RESPONSE_TITLE}” and" in said
    assert "Anexo 1" in said and "Anexo reservado" not in said
