import datetime
import html
import re
import smtplib
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from notices import sending
from notices.models import Notice
from tests.factories import make_filing
from tests.helpers_cases import TIMELINE, drive, frozen
from tests.parties import SLUG, A, B, es, members_needed, name
from workflow import services
from workflow.actors import Actor
from workflow.table import TABLE
from workflow.treaty import criteria_for

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 5, 6)
# What each profile writes for Party A's case of drive() (filed in 2023) and for the Party's
# response requested on Monday 6 May 2024, in Spanish (TPA and CAFTA-DR: 45 days, a
# Thursday; CEC: 60 days, Friday 5 July 2024).
CASE, RESPONSE_DUE_ES, COMMENTS_ES = {
    "us-peru-tpa": (
        "SEM/PE/001/2023",
        "20 de junio de 2024",
        "las observaciones del Perú sobre el borrador",
    ),
    "usmca-cec": (
        "SEM-23-001",
        "5 de julio de 2024",
        "las observaciones de México sobre el proyecto",
    ),
    # 45 days, as the TPA's: Thursday 20 June 2024, no holiday in Guatemala.
    "cafta-dr": (
        "CAALA/23/001",
        "20 de junio de 2024",
        "las observaciones de Guatemala sobre el borrador",
    ),
}[SLUG]


def file_live(**kwargs):
    return services.file_submission(make_filing(**kwargs), actor=Actor.public())


@frozen(TODAY)
def test_filing_writes_the_receipt_and_sends_it_after_commit(
    officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = file_live(language="es")
        # Written with the event, not yet sent.
        assert Notice.objects.filter(state="pending").count() == 2
        assert mail.outbox == []
    receipt = Notice.objects.get(message="receipt")
    assert receipt.state == "sent" and receipt.attempts == 1
    assert receipt.recipient_email == "amazonica@example.org"
    staff = Notice.objects.get(message="new_filing")
    assert staff.recipient_email == "officer@example.org"
    by_to = {m.to[0]: m for m in mail.outbox}
    email = by_to["amazonica@example.org"]
    assert case.receipt_number == "R-2024-000001"
    assert "R-2024-000001" in email.subject
    token = case.memberships.get().tracking_token
    assert f"http://127.0.0.1:8000/es/track/{token}/" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://127.0.0.1:8000/es/track/{token}/"' in html
    assert "Concesiones forestales" in email.body
    english = by_to["officer@example.org"]
    assert english.subject == "R-2024-000001: new submission filed"
    assert f"concerning {name(A)}, was filed on 6 May 2024" in english.body


@frozen(TODAY)
def test_a_rolled_back_event_leaves_no_notice(officer):
    with pytest.raises(RuntimeError), transaction.atomic():
        file_live()
        assert Notice.objects.count() == 2
        raise RuntimeError
    assert Notice.objects.count() == 0


@frozen(TODAY)
def test_import_never_emails():
    drive("awaiting_response")
    assert Notice.objects.count() == 0


@frozen(TODAY)
def test_sending_twice_sends_once(officer):
    file_live()
    pk = Notice.objects.get(message="receipt").pk
    assert sending.send_one(pk) is sending.Outcome.SENT
    assert sending.send_one(pk) is sending.Outcome.SKIPPED
    assert [m.to for m in mail.outbox] == [["amazonica@example.org"]]


@frozen(TODAY)
def test_a_claimed_row_is_not_sent_by_a_second_worker(officer):
    file_live()
    pk = Notice.objects.get(message="receipt").pk
    first = sending.claim(pk)
    assert first is not None and first.state == "sending"
    assert sending.claim(pk) is None
    assert sending.send_one(pk) is sending.Outcome.SKIPPED
    assert mail.outbox == []


def test_smtp_down_the_row_waits_then_goes_once(settings, time_machine):
    settings.SEM_NOTICE_RETRY_SECONDS = 60
    time_machine.move_to(datetime.datetime(2024, 5, 6, 12, tzinfo=datetime.UTC), tick=False)
    file_live()
    pk = Notice.objects.get(message="receipt").pk
    down = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=down):
        assert sending.send_one(pk) is sending.Outcome.DEFERRED
    row = Notice.objects.get(pk=pk)
    assert (row.state, row.attempts) == ("pending", 1)
    assert row.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert row.next_attempt_at == datetime.datetime(2024, 5, 6, 12, 1, tzinfo=datetime.UTC)
    # Not due yet: the sweep leaves it.
    assert sending.send_pending()["sent"] == 0
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError):
        time_machine.move_to(datetime.datetime(2024, 5, 6, 12, 1, tzinfo=datetime.UTC))
        assert sending.send_one(pk) is sending.Outcome.DEFERRED
    row.refresh_from_db()
    assert row.attempts == 2
    assert row.next_attempt_at == datetime.datetime(2024, 5, 6, 12, 3, tzinfo=datetime.UTC)
    time_machine.move_to(datetime.datetime(2024, 5, 6, 12, 3, tzinfo=datetime.UTC))
    call_command("send_pending_notices")
    call_command("send_pending_notices")
    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == ("sent", 3, "")
    assert [m.to for m in mail.outbox].count(["amazonica@example.org"]) == 1
    assert row.history.count() >= 6  # created, claimed, deferred, claimed, deferred, …, sent


@frozen(TODAY)
def test_who_is_told_what_along_the_process(
    officer, director, a_focal_es, b_focal, a_council, b_council
):
    story = drive("response_decision")
    case = story.case
    proposed = services.record_event(
        case, "response_decided", actor=officer, data={"outcome": "request"}
    )
    proposal = Notice.objects.get()
    assert (proposal.message, proposal.recipient_email) == (
        "proposal_awaiting",
        "director@example.org",
    )
    assert "makes_public" not in proposal.context  # a publication's proposal alone lists some
    services.approve_proposal(case, proposed.seq, actor=director)
    told = sorted(Notice.objects.exclude(pk=proposal.pk).values_list("message", "recipient_email"))
    assert told == [
        # Its officer learns of the approval (walk 77: of a return and a lapse only).
        ("proposal_approved", "officer@example.org"),
        ("request_sent", "amazonica@example.org"),
        ("request_to_party", "a_focal_es@example.org"),
    ]
    request = Notice.objects.get(message="request_to_party")
    assert request.language == "es"
    sending.send_pending()
    approved = next(m for m in mail.outbox if m.to == ["officer@example.org"])
    assert approved.subject == f"{CASE}: your proposal was approved"
    assert (
        f"The Executive Director approved your proposal no. {proposed.seq}, "
        f"“{TABLE['response_decided'].label_for('request')}”, on case {CASE}." in approved.body
    )
    email = next(m for m in mail.outbox if m.to == ["a_focal_es@example.org"])
    assert CASE in email.subject
    assert RESPONSE_DUE_ES in email.body
    # The submitters are told the date too (walk 145: the Party alone was), in Spanish.
    told_submitter = next(m for m in mail.outbox if m.to == ["amazonica@example.org"])
    assert RESPONSE_DUE_ES in told_submitter.body
    # Its link opens that case in the Party's portal (walk 46: it opened the portal's list).
    link = f"/es/portal/cases/{case.pk}/"
    assert link in email.body
    client = Client()
    client.force_login(a_focal_es)
    assert client.get(link)["Location"] == f"/es/party/cases/{case.pk}/"


@frozen(TODAY)
def test_a_submitters_row_keeps_no_token_and_a_revoked_link_is_not_sent(officer):
    case = file_live(language="es")  # written, not yet sent: nothing ran after commit
    membership = case.memberships.get()
    receipt = Notice.objects.get(message="receipt")
    assert membership.tracking_token not in str(receipt.context)
    assert receipt.context["membership"] == membership.pk

    assert sending.send_one(receipt.pk) is sending.Outcome.SENT
    token = membership.tracking_token
    assert f"http://127.0.0.1:8000/es/track/{token}/" in mail.outbox[-1].body

    # A later notice whose link was revoked before it went out carries no link at all.
    staff = Notice.objects.get(message="new_filing")
    late = Notice.objects.create(
        submission=case,
        audience=receipt.audience,
        message="receipt",
        recipient_email=receipt.recipient_email,
        language="es",
        context=receipt.context,
    )
    membership.token_revoked_at = datetime.datetime(2024, 5, 6, 12, tzinfo=datetime.UTC)
    membership.save()
    assert sending.send_one(late.pk) is sending.Outcome.SENT
    assert token not in mail.outbox[-1].body
    assert "/track/" not in mail.outbox[-1].body
    assert staff.context["link"].endswith(f"/en/secretariat/case/{case.pk}/")


@frozen(datetime.date(2023, 8, 1))
def test_the_secretariat_hears_of_what_a_party_or_a_council_member_did(
    client, officer, director, b_council, a_focal
):
    """The helper's walk: a Party's response, its comments and a Council member's instructions
    told no one in the Secretariat until the next day's digest; nor was the submitter told that
    a factual record would be prepared. Each is in the staff's language, naming who acted."""
    from django.urls import reverse

    officer.preferred_language = "es"
    officer.save()
    story = drive("awaiting_council", party=A)
    # B's member gives the instruction that reaches the Council's rule: the members needed
    # before it (none under the TPA; A's under the CEC) instructed earlier, with no notice.
    for member in (A,)[: members_needed() - 1]:
        story.add(
            "council_instructed",
            TIMELINE["council_instructed"] - datetime.timedelta(days=1),
            author=f"council:{member}",
            data={"party": member},
        )
    case = story.case
    client.force_login(b_council)
    response = client.post(
        reverse("council_instruct", kwargs={"pk": case.pk}),
        {"event_count": case.event_count, "reasons": "", "confirm": "on"},
    )
    assert response.status_code == 302
    told = sorted(Notice.objects.values_list("message", "recipient_email"))
    assert ("instruction_to_staff", "officer@example.org") in told
    assert ("instruction_to_staff", "director@example.org") in told
    instructed = Notice.objects.filter(message="record_instructed")
    assert instructed.get().recipient_email == "amazonica@example.org"  # public: the submitter
    sending.send_pending()
    by_to = {m.to[0]: m for m in mail.outbox if "Council" in m.subject or "Consejo" in m.subject}
    # Walk 47: "Un miembro del Consejo de los Estados Unidos" read as a US council's member.
    # Walk 61: where the rule asks for several, the Council's decision names the last member.
    if members_needed() == 1:
        spanish = "El representante de los Estados Unidos en el Consejo"
        english = "A member of the Council from the United States"
    else:
        spanish = "por el representante de los Estados Unidos en el Consejo, 2 miembros"
        english = "by the Council member of the United States, 2 members"
    assert spanish in by_to["officer@example.org"].body
    assert english in by_to["director@example.org"].body

    Notice.objects.all().delete()
    story_case = drive("draft_comment_period", party=A).case
    with frozen(datetime.date(2023, 10, 20)):
        services.record_event(
            story_case, "draft_commented", actor=a_focal, author=f"party:{A}", data={"party": A}
        )
    comments = Notice.objects.filter(message="comments_to_staff")
    assert sorted(comments.values_list("recipient_email", flat=True)) == [
        "director@example.org",
        "officer@example.org",
    ]
    sending.send_pending()
    spanish = next(
        m for m in mail.outbox if m.to == ["officer@example.org"] and es("borrador") in m.subject
    )
    assert COMMENTS_ES in spanish.body


def test_the_parties_hear_of_the_final_record_and_its_publication(
    officer, director, a_focal, b_focal, a_council, b_council
):
    """Walk 38: the Parties' focal points, who commented on the draft, were told neither that
    the final factual record was submitted nor that it was published; the Council learned
    only of the first."""
    from tests.process.test_visibility_rules import instruct_publication

    story = drive("draft_comment_period")
    comments = [
        (A, TIMELINE[f"draft_commented:{A}"]),
        (B, TIMELINE[f"draft_commented:{B}"]),
    ]
    for party, on in comments:
        story.add("draft_commented", on, author=f"party:{party}", data={"party": party})
    with frozen(datetime.date(2023, 11, 20)):
        final = services.record_event(story.case, "final_submitted", actor=officer)

    def told(event):
        rows = Notice.objects.filter(event=event).values_list("message", "recipient_email")
        return {(m, e) for m, e in rows if e.split("@")[0] in ("a_focal", "b_focal", "a_council")}

    assert told(final) == {
        ("council_final", "a_focal@example.org"),
        ("council_final", "b_focal@example.org"),
        ("council_final", "a_council@example.org"),
    }
    instruct_publication(story, datetime.date(2023, 11, 22))
    with frozen(datetime.date(2023, 11, 28)):
        proposal = services.record_event(story.case, "published", actor=officer)
        published = services.approve_proposal(story.case, proposal.seq, actor=director)
    assert told(published) == {
        ("record_published", "a_focal@example.org"),
        ("record_published", "b_focal@example.org"),
        ("record_published", "a_council@example.org"),
    }
    sending.send_pending()
    email = next(
        m for m in mail.outbox if m.to == ["b_focal@example.org"] and "published" in m.subject
    )
    assert f"on submission {story.case.reference} on 28 November 2023. The case is closed." in (
        email.body
    )
    # An account without a name is greeted as a colleague, never by its username (walk 41:
    # "Estimado/a gt_focal:").
    assert email.body.startswith("Dear colleague,\n"), email.body
    # Both it and the submitters' email link the record's public page (walk 80: found only
    # through the private page), in each reader's language.
    public_page = settings.SEM_SITE_URL.rstrip("/") + reverse(
        "docket_case", kwargs={"slug": story.case.slug}
    )
    assert "/en/docket/" in public_page
    assert f"Read the factual record on the public docket: {public_page}" in (email.body)
    html = email.alternatives[0][0]
    assert f'<a href="{public_page}">Read the factual record' in html
    # The submitters read theirs in Spanish, with the Spanish page.
    submitters = next(
        m
        for m in mail.outbox
        if m.to == ["amazonica@example.org"] and m.subject.endswith("hechos publicado")
    )
    spanish_page = public_page.replace("/en/", "/es/")
    with translation.override("es"):
        label, private = (
            _("Read the factual record on the public docket"),
            _("Follow your submission"),
        )
    assert label.startswith("Leer el expediente")
    assert f"{label}: {spanish_page}" in submitters.body
    assert submitters.body.index(private) < submitters.body.index(spanish_page)


def test_the_secretariat_hears_that_a_submitter_withheld_her_identity(officer, director):
    """Walk 39: the Secretariat learned of it only on opening the case, though a public title,
    summary or document may name her. The email names no one."""
    story = drive("awaiting_response")
    case = story.case
    Notice.objects.all().delete()
    membership = case.memberships.get()
    with frozen(datetime.date(2023, 5, 20)):
        services.record_event(
            case, "identity_withheld", actor=Actor.submitter(membership), data={"submitter": 0}
        )
    rows = Notice.objects.filter(message="withholding_to_staff")
    assert sorted(rows.values_list("recipient_email", flat=True)) == [
        "director@example.org",
        "officer@example.org",
    ]
    sending.send_pending()
    email = next(m for m in mail.outbox if m.to == ["officer@example.org"])
    name = membership.submitter.name
    assert name not in email.body and name not in email.subject
    assert "asked that their identity be withheld from the public" in email.body


def test_the_closure_reason_reads_in_lower_case_after_its_colon(officer, settings):
    """Walk 63: "El caso de su comunicación queda cerrado: Retirada." A label's capital after
    a colon, in every language."""
    from notices import emails

    settings.SEM_FOUR_EYES = False
    case = drive("awaiting_revision", party=A).case
    services.record_event(case, "closed", actor=officer, data={"reason": "not_admissible"})
    notice = Notice.objects.get(message="case_closed")
    for language, words in (
        ("en", "now closed: does not meet the admissibility criteria."),
        ("es", ": no cumple los requisitos de admisibilidad."),
    ):
        notice.language = language
        _subject, text, _html = emails.render(notice)
        assert words in " ".join(text.split()), (language, text)


def test_the_submitters_hear_whether_a_withdrawal_closed_the_case():
    """Walk 66: a co-filer read "queda cerrado: retirada", not that a submitter withdrew it;
    after a Council member's instruction, which keeps the case going, the submitters were told
    the case had closed."""
    from notices import emails

    for stage, message, words in (
        ("awaiting_response", "withdrawn", "through the private link of one of the people"),
        ("factual_record_preparation", "withdrawn_goes_on", "the case goes on."),
    ):
        case = drive(stage, party=A).case
        membership = case.memberships.order_by("position").first()
        services.record_event(case, "withdrawn", actor=Actor.submitter(membership))
        told = Notice.objects.filter(submission=case, audience="submitters")
        assert set(told.values_list("message", flat=True)) == {message}, stage
        notice = told.first()
        notice.language = "en"
        _subject, text, _html = emails.render(notice)
        assert words in " ".join(text.split()), (stage, text)
        # Filed alone: nothing about the others who filed it.
        assert "A withdrawal is for all" not in text


def test_the_co_filers_of_a_withdrawn_submission_hear_what_they_may_still_do():
    # Walk 129: the co-filers who did not withdraw it were told nothing they could do.
    from notices import emails
    from submissions.models import SubmissionSubmitter, Submitter

    case = drive("awaiting_response", party=A).case
    other = Submitter.objects.create(
        kind="individual", name="Rosa Ccori", nationality=A, email="rosa@example.org"
    )
    SubmissionSubmitter.objects.create(
        submission=case, submitter=other, position=1, joined_on=case.filed_on
    )
    services.record_event(
        case, "withdrawn", actor=Actor.submitter(case.memberships.get(position=1))
    )
    told = Notice.objects.filter(submission=case, audience="submitters", message="withdrawn")
    assert told.count() == 2
    for notice in told:
        _subject, text, _html = emails.render(notice)
        with translation.override(notice.language):
            line = translation.gettext(
                "A withdrawal is for all who filed the submission. If you did not want it "
                "withdrawn, you may file a new submission."
            )
        assert line in " ".join(text.split()), notice.recipient_email


def test_a_does_not_meet_email_names_the_criteria_not_met(officer, settings):
    """Walk 65: "does not meet the criteria of Article 18.8.2" read as failing every one,
    where only (e) had failed: the email lists those not met."""
    from notices import emails
    from tests.parties import ALL_MET

    settings.SEM_FOUR_EYES = False
    case = drive("admissibility_review").case
    letters = list(ALL_MET)
    criteria = {**ALL_MET}
    for letter in (letters[0], letters[-1]):
        criteria[letter] = {"met": False, "reasons": "No consta."}
    services.record_event(
        case,
        "admissibility_determined",
        actor=officer,
        data={"outcome": "does_not_meet", "criteria": criteria},
    )
    notice = Notice.objects.get(message="revision_window")
    first, last = letters[0], letters[-1]
    # Each with its words in the case's text (walks 129, 137: "(f)" alone).
    for language, start, joined in (
        ("en", "Criteria not met: ", "; "),
        ("es", "Requisitos no cumplidos: ", "; "),
    ):
        notice.language = language
        _subject, text, _html = emails.render(notice)
        with translation.override(language):
            named = criteria_for(case.filed_on)
            words = f"{start}({first}) {named[first]}{joined}({last}) {named[last]}."
        assert " ".join(words.split()) in " ".join(text.split()), (language, text)
    # Without the letters (a history imported without its findings) the paragraph is left out.
    notice.context = {**notice.context, "unmet": []}
    notice.language = "en"
    assert "Criteria not met" not in emails.render(notice)[1]
    # Its subject names the case once, then the code's own number (walk 97: "SEM/PE/001/2026:
    # determination SEM/PE/001/2026/D1 …"); the letter's body gives the whole code.
    case.refresh_from_db()
    subject, text, _html = emails.render(Notice.objects.get(pk=notice.pk))
    assert subject.startswith(f"{case.identifier}: ") and " D1" in subject, subject
    assert f"{case.identifier}/D1" not in subject
    assert f"{case.identifier}/D1" in text


def test_the_party_and_the_submitters_hear_of_an_extension(officer, director, a_focal):
    """Walk 128: the Party's notice of exceptional circumstances, recorded by the Secretariat
    from its letter, moved the response's due date and only the staff heard of it: the Party's
    focal points and the submitters are told the new date, in their language."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils.formats import date_format

    from notices import emails
    from workflow.models import Deadline

    case = drive("awaiting_response", party=A).case
    pdf = SimpleUploadedFile("carta.pdf", b"%PDF-1.4\n%%EOF\n")
    letter = [services.DocumentInput(title="Carta recibida", language="es", file=pdf)]
    with frozen(datetime.date(2023, 6, 1)):
        proposal = services.record_event(
            case, "extension_notified", actor=officer, documents_in=letter
        )
        services.approve_proposal(case, proposal.seq, actor=director)
    due = Deadline.objects.get(submission=case, kind="party_response", state="open").due_on
    told = {
        notice.message: notice
        for notice in Notice.objects.filter(
            submission=case, message__in=("extension_received", "extension_to_submitters")
        )
    }
    assert told["extension_received"].recipient_email == a_focal.email
    assert told["extension_to_submitters"].recipient_email == "amazonica@example.org"
    for notice in told.values():
        _subject, text, _html = emails.render(notice)
        with translation.override(notice.language):
            assert date_format(due) in " ".join(text.split()), notice.message


def test_a_french_subject_keeps_its_no_break_space_before_the_colon(settings):
    """Walk 136: every French subject had a plain space before its colon (the bodies kept the
    no-break space): the subject's spaces were normalised by str.split(), which takes a
    no-break space for one."""
    from notices import emails

    if "fr" not in dict(settings.LANGUAGES):
        pytest.skip("the profile has no French")
    case = drive("awaiting_response", party=A).case
    services.record_event(case, "withdrawn", actor=Actor.submitter(case.memberships.get()))
    notice = Notice.objects.filter(submission=case, audience="submitters").first()
    notice.language = "fr"
    subject, _text, _html = emails.render(notice)
    assert f"{case.reference}\u00a0:" in subject, subject


def _notify_the_council(story, officer, director) -> None:
    """The Secretariat's notification that a factual record is warranted, proposed and
    approved the day after the case's last event."""
    with frozen(story.on + datetime.timedelta(days=1)):
        proposed = services.record_event(
            story.case,
            "factual_record_notified",
            actor=officer,
            data={"outcome": "warranted", "reasons": "Procede."},
        )
        services.approve_proposal(story.case, proposed.seq, actor=director)


def test_the_councils_notification_names_its_article_not_a_lone_code(
    officer, director, a_council, b_council
):
    """Walk 140: the Council read "CAALA/26/004: notification under Article 17.8.1 (N)", a
    letter alone that told nothing; the body gives the notification's whole code."""
    from notices import emails

    story = drive("factual_record_decision")
    _notify_the_council(story, officer, director)
    notification = story.case.events.get(kind="factual_record_notified")
    notice = Notice.objects.filter(submission=story.case, message="council_notification").first()
    subject, text, _html = emails.render(notice)
    with translation.override(notice.language):
        said = _("%(reference)s: notification under Article 18.9.1")
    assert subject == said % {"reference": story.case.reference}
    assert notification.code.endswith("/N") and f"({notification.code})" in text


def test_an_html_email_marks_a_title_in_another_language(officer, director, a_council, b_council):
    """An email in English about a case titled in Spanish alone read its title, to a screen
    reader, in English: the HTML part marks it with its language (and escapes it); the plain
    text is unchanged."""
    from notices import emails

    story = drive("factual_record_decision")
    story.case.title_en = ""
    story.case.title_es = "Concesiones <forestales> & ríos"
    story.case.save()
    _notify_the_council(story, officer, director)
    notices = Notice.objects.filter(submission=story.case, message="council_notification")
    english = next(n for n in notices if n.language != "es")
    _subject, text, html = emails.render(english)
    assert '<span lang="es">Concesiones &lt;forestales&gt; &amp; ríos</span>' in html
    assert "Concesiones <forestales> & ríos" in text
    english.language = "es"  # a reader of the title's language: nothing to mark
    _subject, _text, html = emails.render(english)
    assert "Concesiones &lt;forestales&gt; &amp; ríos" in html and 'lang="es">Conc' not in html


def test_the_party_asked_for_its_response_hears_that_the_case_closed(client, a_focal):
    """Walk 141: a submitter withdrew the case while the Party's response was awaited; the
    Party was told nothing, and its portal read "Response of the Party: cancelled — due
    21 June". Its focal points are told once the case it was sent closes; a case never sent
    to it tells it nothing."""
    from notices import emails

    asked = drive("awaiting_response", party=A).case
    unsent = drive("admissibility_review", party=A).case
    for case in (asked, unsent):
        membership = case.memberships.order_by("position").first()
        with frozen(datetime.date(2023, 5, 20)):  # while the response is awaited
            services.record_event(case, "withdrawn", actor=Actor.submitter(membership))
    told = Notice.objects.filter(submission=asked, message="closed_to_party")
    assert set(told.values_list("recipient_email", flat=True)) == {"a_focal@example.org"}
    assert not Notice.objects.filter(submission=unsent, audience="party_concerned").exists()
    notice = told.get()
    notice.language = "en"
    _subject, text, _html = emails.render(notice)
    assert f"Submission {asked.reference}, “" in text
    assert "Nothing more is asked of your Party on it." in text
    client.force_login(a_focal)
    page = client.get(reverse("party_case", kwargs={"pk": asked.pk})).content.decode()
    shown = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert shown.count("cancelled (it was due on ") == 1, shown[
        shown.find("Deadlines") : shown.find("Deadlines") + 300
    ]
    # Walk 142: no promise that the Council will see it; the response form says what a
    # response sent now is.
    assert "The case is closed: the Council and the other Parties do not see it" in shown
    form = client.get(reverse("party_respond", kwargs={"pk": asked.pk})).content.decode()
    assert "A response sent now is recorded as received after the case was closed" in form
    # Said once, above the article's paragraphs (walk 144: twice, below the fold on a phone).
    assert form.count("The case is closed") == 1
    above = form.split("</h1>", 1)[1].split("The case is closed", 1)[0]
    assert above.count("<p") == 2, above  # the case's title, then the notice
