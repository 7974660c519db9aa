"""What a proposed publication makes public, shown to the Executive Director before approving
it (walk 68: the approval list named the publication notices only, and approving made the
final factual record's file and its cover letter public too)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from notices import sending
from notices.models import Notice
from submissions.models import Document
from submissions.stages import Stage, Visibility
from tests.helpers_cases import frozen
from tests.parties import A
from tests.test_comments_attached import attaching, ready_to_publish  # noqa: F401 (fixture)
from workflow import services

pytestmark = pytest.mark.django_db

HEADING = "Approving it also makes these documents public:"


def listed(html: str) -> list[str]:
    if HEADING not in html:
        return []
    block = html.split(HEADING, 1)[1].split("</ul>", 1)[0]
    return [item.split(">", 1)[1].split("<", 1)[0] for item in block.split("<li>")[1:]]


def test_the_director_reads_what_a_publication_makes_public(login, officer, director, settings):
    settings.SEM_FOUR_EYES = True
    story = ready_to_publish()
    case = story.case
    final = Document.objects.get(submission=case, title="Expediente final")
    assert final.visibility != Visibility.PUBLIC
    with frozen(datetime.date(2023, 12, 1)):
        proposal = services.record_event(case, "published", actor=officer)
    assert proposal.kind == "proposed"
    client = login(director)
    for url in ("/en/secretariat/approvals/", f"/en/secretariat/case/{case.pk}/"):
        html = client.get(url).content.decode()
        # The record's file, with a link to read it first; the Parties' comments stay with
        # the Parties (the profile attaches none unless asked).
        assert listed(html) == ["Expediente final"], url
        assert f"/secretariat/case/{case.pk}/documents/{final.pk}/" in html
    with frozen(datetime.date(2023, 12, 2)):
        services.approve_proposal(case, proposal.seq, actor=director)
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    final.refresh_from_db()
    assert final.visibility == Visibility.PUBLIC
    # Approved, it is off the list.
    assert listed(client.get("/en/secretariat/approvals/").content.decode()) == []


def test_the_directors_email_names_what_a_publication_makes_public(officer, director, settings):
    """Walk 73: the email asking the Director to approve a publication did not say that the
    record's file and its cover letter become public with it; the approvals page did."""
    settings.SEM_FOUR_EYES = True
    story = ready_to_publish()
    with frozen(datetime.date(2023, 12, 1)):
        services.record_event(story.case, "published", actor=officer)
    notice = Notice.objects.get(message="proposal_awaiting")
    assert notice.context["makes_public"] == ["Expediente final"]
    sending.send_pending()
    (email,) = [m for m in mail.outbox if m.to == [director.email]]
    assert "Approving it also makes these documents public: “Expediente final”." in email.body


@pytest.mark.usefixtures("attaching")
def test_attached_comments_are_listed_with_the_record(login, officer, director, settings):
    settings.SEM_FOUR_EYES = True
    story = ready_to_publish()
    with frozen(datetime.date(2023, 12, 1)):
        services.record_event(story.case, "published", actor=officer, data={"attach_comments": [A]})
    html = login(director).get("/en/secretariat/approvals/").content.decode()
    assert sorted(listed(html)) == sorted([f"Comentarios {A}", "Expediente final"])


def test_a_closing_proposal_says_what_sent_for_the_public_it_leaves_unpublished(
    login, officer, director, settings
):
    """Walk 70: the Director approved the publication that closed a case whose revised
    submission, sent for the public, the public never read; only the case page said so."""
    settings.SEM_FOUR_EYES = True
    story = ready_to_publish()
    case = story.case
    client = login(director)
    with frozen(datetime.date(2023, 12, 1)):
        services.record_event(case, "published", actor=officer)
    note = "Entries sent for the public on this case still await the Secretariat"
    assert note not in client.get("/en/secretariat/approvals/").content.decode()
    # A Party's letter it asked to be public, on which no one has decided.
    letter = story.add(
        "correspondence",
        datetime.date(2023, 12, 1),
        author=f"party:{A}",
        visibility="parties",
        title="Carta del Gobierno",
        data={"publish_requested": True},
    )
    for url in ("/en/secretariat/approvals/", f"/en/secretariat/case/{case.pk}/"):
        html = client.get(url).content.decode()
        assert note in html, url
        # Each entry named, linked (walk 78: "entries … still await", not which).
        entry = f"{letter.seq}. {letter.kind_label}"
        link = f'href="/en/secretariat/case/{case.pk}/#event-{letter.seq}">{entry}<'
        assert link in html, url
    # Its publication proposed too, it is no longer left behind (walk 78).
    with frozen(datetime.date(2023, 12, 1)):
        services.record_event(
            case,
            "visibility_changed",
            actor=officer,
            data={
                "event": letter.seq - 1,
                "fields": ["title"],
                "from": "parties",
                "to": "public",
                "reason": "Pedido por la Parte.",
            },
        )
    assert note not in client.get("/en/secretariat/approvals/").content.decode()


def test_an_approval_refused_as_stale_returns_to_the_list_with_why(
    login, officer, director, settings
):
    """Walk 77: the officer added a note while the Director's approvals page was open; the
    approval was refused and the page stayed at the button's address, where reloading would
    post again. It goes back to the list, which says why; approving again works."""
    settings.SEM_FOUR_EYES = True
    story = ready_to_publish()
    case = story.case
    with frozen(datetime.date(2023, 12, 1)):
        proposal = services.record_event(case, "published", actor=officer)
    case.refresh_from_db()
    seen = case.event_count
    with frozen(datetime.date(2023, 12, 1)):
        services.record_event(
            case, "correspondence", actor=officer, visibility="secretariat", note="Nota."
        )
    client = login(director)
    url = reverse("ws_approve", kwargs={"pk": case.pk, "seq": proposal.seq})
    with frozen(datetime.date(2023, 12, 2)):
        stale = client.post(url, {"event_count": seen})
        assert (stale.status_code, stale["Location"]) == (302, reverse("ws_approvals"))
        page = client.get(stale["Location"]).content.decode()
        assert "This case has moved on since you opened it" in page
        case.refresh_from_db()
        fresh = client.post(url, {"event_count": case.event_count})
    assert fresh.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED


def test_a_visibility_proposal_overtaken_is_not_offered_for_approval(
    login, officer, director, settings
):
    """Walk 171: a document's visibility changed after a proposal to change it; the card still
    offered "Approve", and approving failed "The document's visibility is not the one given
    as 'from'". The card says it is out of date, offers only the return, and the engine's
    refusal says what the visibility is now."""
    import html

    from django.core.files.uploadedfile import SimpleUploadedFile

    from submissions.storage import DocumentInput
    from tests.helpers_cases import drive
    from workflow.exceptions import RuleViolation

    settings.SEM_FOUR_EYES = True
    case = drive("admissibility_review").case
    letter = services.record_event(
        case,
        "correspondence",
        actor=officer,
        visibility="submitter",
        note="Carta.",
        documents_in=[
            DocumentInput(
                title="Carta",
                language="es",
                file=SimpleUploadedFile("c.pdf", b"%PDF-1.4 c"),
                visibility="submitter",
            )
        ],
    )
    where = {"document": [letter.seq - 1, 0], "from": "submitter", "reason": "Pedido."}
    case.refresh_from_db()
    proposal = services.record_event(
        case, "visibility_changed", actor=officer, data={**where, "to": "parties"}
    )
    assert proposal.kind == "proposed"
    case.refresh_from_db()
    page = login(director).get(reverse("ws_approvals")).content.decode()
    assert f"Approve proposal no. {proposal.seq}" in page and "Out of date" not in page
    case.refresh_from_db()
    services.record_event(
        case, "visibility_changed", actor=officer, data={**where, "to": "secretariat"}
    )
    for url in (reverse("ws_approvals"), reverse("ws_case", kwargs={"pk": case.pk})):
        page = html.unescape(login(director).get(url).content.decode())
        assert (
            "Out of date: the document's visibility has changed since this was proposed, "
            "and is now “Secretariat only”." in " ".join(page.split())
        )
        assert f"Approve proposal no. {proposal.seq}" not in page
        assert f"Or return proposal no. {proposal.seq}" in page
    case.refresh_from_db()
    with pytest.raises(RuleViolation) as refused:
        services.approve_proposal(case, proposal.seq, actor=director)
    assert "it is now “Secretariat only”" in str(refused.value)
