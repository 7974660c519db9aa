"""The private tracking page, its actions, and "lost your link?"."""

import datetime
import html
import json
import re

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import ngettext

from notices.models import Notice
from submissions import withheld
from submissions.models import Document, Submission, Submitter
from tests.factories import file_case
from tests.filing.conftest import PDF
from tests.helpers_cases import ALL_MET, drive, frozen
from tests.parties import CRITERIA, SLUG, A, es
from workflow import services
from workflow.actors import Actor
from workflow.exceptions import RuleViolation
from workflow.models import Event
from workflow.services.actions import refusal

pytestmark = pytest.mark.django_db


def link_of(case, position=0, client=None):
    """Open the private link (as the emails carry it) in ``client``; the page's own URL, which
    holds no token."""
    membership = case.memberships.order_by("position")[position]
    entry = f"/en/track/{membership.tracking_token}/"
    if client is None:
        return membership, entry
    response = client.get(entry)
    assert response.status_code == 302
    assert response["Location"] == f"/en/track/case/{membership.pk}/"
    return membership, response["Location"]


# The admissibility determination as the timeline titles it: the profile's article.
DETERMINATION = {
    "us-peru-tpa": "Determination under Article 18.8.2",
    "usmca-cec": "Determination under Article 24.27(2)",
    "cafta-dr": "Determination under Article 17.7.2",
}[SLUG]
# A day within the revision period of drive()'s case (found not to meet the criteria on 10 April
# 2023; its 30 days end on 10 May): a submitter may revise. After it CAFTA-DR refuses a revised
# submission (tests/test_late_revision.py), where the TPA accepts it marked late.
IN_REVISION_PERIOD = datetime.date(2023, 4, 20)
# Every Party's name in Spanish, as its comment period on the draft is named.
PARTIES_ES = {
    "us-peru-tpa": ("Perú", "Estados Unidos"),
    "usmca-cec": ("Canadá", "México", "Estados Unidos"),
    "cafta-dr": (
        "Costa Rica",
        "República Dominicana",
        "El Salvador",
        "Guatemala",
        "Honduras",
        "Nicaragua",
        "Estados Unidos",
    ),
}[SLUG]


@frozen(IN_REVISION_PERIOD)
def test_the_tracking_page_shows_stage_timeline_and_deadlines(
    client, django_assert_max_num_queries
):
    case = drive("awaiting_revision").case
    _membership, url = link_of(case, client=client)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Awaiting a revised submission" in html
    assert "Submission filed" in html
    assert DETERMINATION in html
    assert "Revised submission" in html  # the open deadline
    assert "Upload a revised submission" in html
    assert "Withdraw this submission…" in html
    assert 'name="robots" content="noindex"' in html


def test_each_partys_comment_period_is_named_with_its_party(client):
    """The helper's walk: the comment periods on the draft (one per Party) read the same on the
    tracking page, while the public page says whose each is."""
    case = drive("draft_comment_period").case
    membership, _url = link_of(case)
    html = client.get(f"/es/track/{membership.tracking_token}/", follow=True).content.decode()
    # The periods end alike: one row names every Party (walk 41, CAFTA-DR's seven rows).
    parties = ", ".join(PARTIES_ES)
    assert es(f"borrador del expediente de hechos</strong> ({parties}):") in html


def test_the_stage_in_spanish(client):
    case = drive("admissibility_review").case
    membership, _url = link_of(case)
    html = client.get(f"/es/track/{membership.tracking_token}/", follow=True).content.decode()
    assert "Revisión de admisibilidad" in html
    # Every criterion the profile has, standing among them (walk 68: the TPA's and CAFTA-DR's
    # (f), filed by a person of a Party, was left out of what the Secretariat checks).
    now = html.split('id="now-heading"', 1)[1].split("</section>", 1)[0]
    standing = "por una persona de una Parte" if len(CRITERIA) == 6 else "legislación ambiental"
    assert standing in now


def test_before_the_acknowledgement_the_stage_says_it_awaits_it(client):
    """Walk 40: the tracking page read "Revisión de admisibilidad" the moment she filed,
    before the Secretariat had acknowledged anything."""
    case = drive("admissibility_review", acknowledged=False).case
    membership, _url = link_of(case)
    html = client.get(f"/en/track/{membership.tracking_token}/", follow=True).content.decode()
    stage = html.split('<dd class="stage">', 1)[1].split("</dd>", 1)[0]
    assert stage == "Received: awaiting the Secretariat&#x27;s acknowledgement"
    # And where it stands says the same (walk 48: "the Secretariat is checking" the criteria).
    assert "The Secretariat first acknowledges it" in html and "is checking" not in html
    services.record_event(case, "acknowledged", actor=None, importing=services.ImportOptions())
    html = client.get(f"/en/track/case/{membership.pk}/").content.decode()
    assert html.split('<dd class="stage">', 1)[1].split("</dd>", 1)[0] == "Admissibility review"
    assert "is checking" in html and "first acknowledges" not in html


def test_the_laws_are_marked_in_the_cases_language(client):
    """Walk 31: a Spanish law unmarked on the French (and English) tracking page."""
    case = drive("admissibility_review").case
    membership, _url = link_of(case)
    html = client.get(f"/en/track/{membership.tracking_token}/", follow=True).content.decode()
    assert '<li lang="es">Ley Forestal (Ley N.° 29763)' in html


def test_unknown_and_revoked_links_are_not_found(client):
    case = drive("admissibility_review").case
    membership, url = link_of(case, client=client)
    entry = f"/en/track/{membership.tracking_token}/"
    assert client.get("/en/track/" + "x" * 43 + "/").status_code == 404
    assert client.get("/en/track/short/").status_code == 404
    assert client.get(url).status_code == 200
    membership.token_revoked_at = timezone.now()
    membership.save()
    # Revoked: the link, and the page of every browser that opened it.
    assert client.get(entry).status_code == 404
    assert client.get(url).status_code == 404
    assert client.post(url + "withdraw/", {"confirm": "on"}).status_code == 404


def test_the_token_is_in_no_url_after_the_first_visit(client):
    case = drive("awaiting_revision").case
    membership, url = link_of(case, client=client)
    token = membership.tracking_token
    page = client.get(url)
    assert page.status_code == 200
    assert token not in page.content.decode()
    assert url == f"/en/track/case/{membership.pk}/"
    assert "no-store" in page["Cache-Control"]


def test_the_page_needs_the_link_first(client):
    case = drive("awaiting_revision").case
    membership = case.memberships.get()
    # Knowing the membership's number is not knowing its link.
    assert client.get(f"/en/track/case/{membership.pk}/").status_code == 404
    assert client.post(f"/en/track/case/{membership.pk}/withhold/").status_code == 404
    assert not Event.objects.filter(submission=case, kind="identity_withheld").exists()


def test_a_reissued_link_ends_the_old_sessions(client):
    case = drive("awaiting_revision").case
    membership, url = link_of(case, client=client)
    old = f"/en/track/{membership.tracking_token}/"
    membership.tracking_token = "n" * 43
    membership.save()
    assert client.get(url).status_code == 404
    assert client.get(old).status_code == 404
    assert client.get("/en/track/" + "n" * 43 + "/", follow=True).status_code == 200


@frozen(IN_REVISION_PERIOD)
def test_a_revision_returns_the_case_to_admissibility_review(client, officer):
    case = drive("awaiting_revision").case
    membership, url = link_of(case, client=client)
    upload = SimpleUploadedFile("revised.pdf", PDF, content_type="application/pdf")
    response = client.post(
        url + "revision/",
        {
            "revision_filed-note": "Añadí las cartas.",
            "revision_filed-file_0": upload,
            "event_count": case.event_count,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url
    case.refresh_from_db()
    assert case.stage == "admissibility_review"
    event = Event.objects.get(submission=case, kind="revision_filed")
    assert (event.author, event.note) == ("submitter", "Añadí las cartas.")
    # Its file waits for the Secretariat's review (the second walk: it was public at once),
    # titled as what it is in the submission's language, not by its file name; its note waits
    # too.
    assert [(d.title, d.kind, d.visibility) for d in event.documents.all()] == [
        (es("Comunicación revisada"), "revision", "parties")
    ]
    # Which co-filer filed it: the first (walk 91).
    assert event.data == {"publish_requested": True, "for_public": [0], "submitter": 0}
    open_kinds = set(case.deadlines.filter(state="open").values_list("kind", flat=True))
    assert "admissibility" in open_kinds
    public = Client().get(f"/en/docket/{case.slug}/").content.decode()
    assert "Revised submission filed" in public and "revised.pdf" not in public
    assert "Añadí las cartas." not in public
    document = event.documents.get()
    assert Client().get(f"/en/docket/{case.slug}/documents/{document.pk}/").status_code == 404
    # Their own page shows them what they sent, and says why the file is not served here
    # (walk 51: "received; confidential", of a file never marked so, and the note hidden).
    own = " ".join(client.get(url).content.decode().split())
    assert '<p lang="es">Añadí las cartas.</p>' in own
    assert "received; you can download it here once the Secretariat has published it" in own
    assert "confidential" not in own.split('class="timeline"', 1)[1]
    assert "the public docket shows its text once the Secretariat has reviewed it" in own
    told = Notice.objects.filter(message="revision_to_staff")
    assert list(told.values_list("recipient_email", flat=True)) == ["officer@example.org"]
    # And the submitters, as a receipt (walk 51: no one was).
    received = Notice.objects.get(submission=case, message="revision_received")
    assert received.recipient_email == membership.submitter.email
    staff = Client()
    staff.force_login(officer)
    page = staff.get(f"/en/secretariat/case/{case.pk}/").content.decode()
    assert f'href="#event-{event.seq}"' in page.split('id="held-heading"', 1)[1]
    # Walk 65: the determination on the revision was published, the revision never was. The
    # determination's form says so.
    form = page.split('id="action-admissibility_determined"', 1)[1].split("</form>", 1)[0]
    assert "The revised submission this determination weighs is not public yet" in form


def test_a_tracking_page_reopened_without_its_link_says_how_to_get_back(client):
    case = drive("admissibility_review").case
    membership = case.memberships.get()
    response = Client().get(f"/es/track/case/{membership.pk}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Vuelva a abrir su enlace privado" in html
    assert 'href="/es/track/lost/"' in html
    assert case.title not in html  # says nothing of the case
    assert Client().get("/es/track/case/999999/").content.decode().count("enlace privado") >= 1


@frozen(IN_REVISION_PERIOD)
def test_a_revision_needs_a_file_of_an_accepted_type(client):
    case = drive("awaiting_revision").case
    _membership, url = link_of(case, client=client)
    upload = SimpleUploadedFile("revised.pdf", b"MZ" + b"\x00" * 50)
    response = client.post(url + "revision/", {"revision_filed-file_0": upload})
    assert response.status_code == 400
    assert "does not contain what its name says" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == "awaiting_revision"
    # The note's help says beforehand that the public reads it (walk 129: said only after).
    page = " ".join(response.content.decode().split())
    assert "This note is for the public: the docket shows it once the Secretariat has" in page


def test_a_revision_is_refused_outside_awaiting_revision(client):
    case = drive("admissibility_review").case
    _membership, url = link_of(case, client=client)
    upload = SimpleUploadedFile("revised.pdf", PDF)
    response = client.post(url + "revision/", {"revision_filed-file_0": upload})
    assert response.status_code == 400
    assert "cannot be recorded while the case is in" in response.content.decode()
    assert not Event.objects.filter(submission=case, kind="revision_filed").exists()


def test_the_actions_read_go_back_to_the_tracking_page(client):
    """Walk 37: a language switch on a form's errors read its address (405); nothing is done."""
    case = drive("awaiting_revision").case
    _membership, url = link_of(case, client=client)
    for action in ("revision/", "information/", "withhold/"):
        response = client.get(url + action)
        assert (response.status_code, response["Location"]) == (302, url)
        assert client.put(url + action).status_code == 405
    assert not case.events.filter(kind__in=("revision_filed", "identity_withheld")).exists()


def test_a_stale_page_is_told_the_case_moved_on(client):
    case = drive("admissibility_review").case
    _membership, url = link_of(case, client=client)
    response = client.post(
        url + "withhold/",
        {"event_count": case.event_count - 1, "withhold-confirm": "on"},
        follow=True,
    )
    assert "This case has moved on since you opened it" in response.content.decode()
    assert not Event.objects.filter(submission=case, kind="identity_withheld").exists()


def test_information_can_be_added(client, settings):
    case = drive("awaiting_response").case
    _membership, url = link_of(case, client=client)
    # The form says beforehand who sees what it adds, and what files it takes (walk 111:
    # only the message after sending said who, and only a refusal what).
    settings.SEM_FILING_MAX_FILE_BYTES = 3 * 1024 * 1024
    form = client.get(url, follow=True).content.decode()
    form = " ".join(form[form.index('id="information-title"') :].split("</form>")[0].split())
    assert (
        "The Secretariat and the submitters see what you add here, its files too; it is not "
        "published. Accepted types: PDF, " in form
    )
    assert "Each file may be at most 3.0 MB; all files together at most " in form
    upload = SimpleUploadedFile("acta.pdf", PDF)
    response = client.post(
        url + "information/",
        {"information_added-note": "Nueva acta de inspección.", "information_added-file_0": upload},
    )
    assert response.status_code == 302
    event = Event.objects.get(submission=case, kind="information_added")
    assert (event.note, event.visibility) == ("Nueva acta de inspección.", "submitter")
    assert event.documents.get().visibility == "submitter"
    # The submitters are told, each by their own link (walk 51: no one was).
    told = Notice.objects.filter(submission=case, message="information_received")
    assert sorted(told.values_list("recipient_email", flat=True)) == sorted(
        m.submitter.email for m in case.memberships.all() if m.submitter.email
    )
    assert told.exists()


def test_information_too_long_is_refused_whole_and_kept(client):
    # Walk 128: 300,000 characters pasted into the box were cut to its 50,000 by the browser,
    # silently, and "added"; the box has no maxlength, the server says the limit.
    case = drive("awaiting_response").case
    _membership, url = link_of(case, client=client)
    form = client.get(url, follow=True).content.decode()
    box = re.search(r'<textarea[^>]*name="information_added-note"[^>]*>', form).group(0)
    assert "maxlength" not in box
    text = "Acta de la inspección del 3 de marzo. " * 1_579 + "Fi"  # 60,004 characters
    response = client.post(url + "information/", {"information_added-note": text})
    assert response.status_code == 400  # the page again, with the error
    page = response.content.decode()
    assert "At most 50000 characters (this text has 60004)." in page
    assert text in page
    assert not Event.objects.filter(submission=case, kind="information_added").exists()


def test_a_file_added_survives_a_problem_with_another_field(client):
    # Walk 83: sent back because the note was missing, the page asked for the file again.
    case = drive("awaiting_response").case
    _membership, url = link_of(case, client=client)
    response = client.post(
        url + "information/",
        {"information_added-file_0": SimpleUploadedFile("acta.pdf", PDF)},
    )
    assert response.status_code == 400
    page = response.content.decode()
    token = re.search(r'name="information_added-file_0_kept" value="([^"]+)"', page).group(1)
    assert 'id="id_information_added-file_0-kept"' in page and "acta.pdf" in page
    response = client.post(
        url + "information/",
        {"information_added-note": "El acta.", "information_added-file_0_kept": token},
    )
    assert response.status_code == 302
    event = Event.objects.get(submission=case, kind="information_added")
    document = event.documents.get()
    assert document.title == "acta.pdf"
    with document.file.open("rb") as stored:
        assert stored.read() == PDF


def test_each_file_slot_is_named_by_its_number(client):
    """Walk 17: the page offered three inputs all labelled "Archivo", and an error in the
    summary could not say which file was refused."""
    case = drive("awaiting_response").case
    membership, _url = link_of(case, client=client)
    url = f"/es/track/case/{membership.pk}/"
    page = client.get(url).content.decode()
    for number in (1, 2, 3):
        field = f"id_information_added-file_{number - 1}"
        assert f'<label for="{field}">Archivo {number}</label>' in page
    response = client.post(
        url + "information/",
        {
            "information_added-note": "Dos actas.",
            "information_added-file_0": SimpleUploadedFile("acta.pdf", PDF),
            "information_added-file_1": SimpleUploadedFile("acta2.pdf", b"MZ" + b"\x00" * 50),
        },
    )
    assert response.status_code == 400
    summary = response.content.decode().split('id="error-summary"')[1].split("</ul>")[0]
    assert 'href="#id_information_added-file_1">Archivo 2:' in summary
    assert not Event.objects.filter(submission=case, kind="information_added").exists()
    # A revision's files may each be kept confidential: each choice names its file (within
    # the revision period: CAFTA-DR offers no late revision).
    with frozen(IN_REVISION_PERIOD):
        revision = drive("awaiting_revision").case
        membership, _url = link_of(revision, client=client)
        page = client.get(f"/es/track/case/{membership.pk}/").content.decode()
    for number in (1, 2):
        field = f"id_revision_filed-file_{number - 1}_confidential"
        assert f'<label for="{field}">El archivo {number} es confidencial</label>' in page


def test_a_submitter_asks_to_withhold_their_identity(client):
    case = drive("admissibility_review").case
    membership, url = link_of(case, client=client)
    # Walk 62: one tap withheld the name for good; the box must be ticked first.
    refused = client.post(url + "withhold/", {"event_count": case.event_count})
    assert refused.status_code == 400
    assert "Tick the box to confirm that your name is to be withheld." in refused.content.decode()
    assert not Event.objects.filter(submission=case, kind="identity_withheld").exists()
    confirmed = {"event_count": case.event_count, "withhold-confirm": "on"}
    assert client.post(url + "withhold/", confirmed).status_code == 302
    assert Submitter.objects.get(pk=membership.submitter_id).confidential is True
    event = Event.objects.get(submission=case, kind="identity_withheld")
    assert event.data == {"submitter": 0}
    assert "Withhold my identity</button>" not in client.get(url).content.decode()
    # Walk 23: withholding again was offered and recorded a second event saying nothing new.
    assert refusal(case, Actor.submitter(membership), "identity_withheld") is not None
    with pytest.raises(RuleViolation, match="already withheld"):
        services.record_event(
            case, "identity_withheld", actor=Actor.submitter(membership), data={"submitter": 0}
        )
    assert Event.objects.filter(submission=case, kind="identity_withheld").count() == 1


def test_a_title_that_writes_her_name_reads_the_label_once_she_withholds_it(client):
    """Walk 35: "Your name is now withheld … on every page" while the case's public title
    still wrote it. It now holds: the docket reads the label in the title's place."""
    case = drive("admissibility_review").case
    membership, url = link_of(case, client=client)
    name = membership.submitter.name
    Submission.objects.filter(pk=case.pk).update(title_en=f"Filed by {name}", title_es="")
    confirmed = {"event_count": case.event_count, "withhold-confirm": "on"}
    page = client.post(url + "withhold/", confirmed, follow=True)
    assert "on every page of the docket" in page.content.decode()
    docket = Client().get("/en/docket/", {"q": "Filed"}).content.decode()
    with translation.override("en"):
        label = str(withheld.WITHHELD_LABEL)
    assert f"Filed by {html.escape(label)}" in docket
    assert name not in docket


def test_a_case_withdrawn_before_it_was_public_says_it_never_was(client):
    """Walk 23: a submission withdrawn before it was acknowledged read "its history stays on
    the public docket", and still offered to withhold the submitter's identity from it."""
    case = file_case(on=datetime.date(2023, 3, 10))
    _membership, url = link_of(case, client=client)
    with frozen(datetime.date(2023, 3, 12)):
        done = client.post(url + "withdraw/", {"confirm": "on", "event_count": case.event_count})
        assert done.status_code == 302
        page = client.get(url).content.decode()
    assert "It never reached the public docket and does not appear there." in page
    assert "stays on the public docket" not in page
    # Its stage and why, one colon (walk 50: "Étape : Close : Dossier factuel rendu public").
    stage = page.split('<dd class="stage">', 1)[1].split("</dd>", 1)[0]
    assert stage == "Closed (withdrawn)"
    page = client.get(url.replace("/en/", "/es/")).content.decode()
    assert page.split('<dd class="stage">', 1)[1].split("</dd>", 1)[0].count(":") == 0
    assert "Withhold my identity</button>" not in page


def test_withdrawal_asks_for_confirmation_then_closes_the_case(client):
    case = drive("awaiting_response").case
    _membership, url = link_of(case, client=client)
    confirm_page = client.get(url + "withdraw/")
    assert confirm_page.status_code == 200
    assert 'name="confirm"' in confirm_page.content.decode()
    assert "withdraws it for" not in confirm_page.content.decode()  # she filed alone
    unconfirmed = client.post(url + "withdraw/", {"event_count": case.event_count})
    assert unconfirmed.status_code == 400
    # Walk 97: the box's whole sentence, then "This field is required."
    summary = unconfirmed.content.decode().split('id="error-summary"', 1)[1].split("</ul>")[0]
    assert '<a href="#id_confirm">Tick the box to confirm the withdrawal.</a>' in summary
    case.refresh_from_db()
    assert case.stage == "awaiting_response"
    done = client.post(url + "withdraw/", {"confirm": "on", "event_count": case.event_count})
    assert done.status_code == 302
    case.refresh_from_db()
    assert (case.stage, case.closure_reason) == ("closed", "withdrawn")
    page = client.get(url).content.decode()
    assert "Closed (withdrawn)" in page
    assert "This case is closed. Its history stays on the public docket." in page
    assert "Withdraw this submission…" not in page
    # A closed case cannot be withdrawn again.
    assert client.get(url + "withdraw/").status_code == 302


# --- Lost your link? ----------------------------------------------------------------------


def _without_csrf(html: str) -> str:
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_lost_link_answers_the_same_and_emails_only_a_known_address(
    client, django_capture_on_commit_callbacks
):
    case = drive("admissibility_review").case  # its submitter: amazonica@example.org, Spanish
    membership = case.memberships.get()
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/en/track/lost/", {"email": "AMAZONICA@example.org"})
        unknown = client.post("/en/track/lost/", {"email": "nobody@example.org"})
        assert mail.outbox == []  # the request only writes the outbox row
    assert known.status_code == unknown.status_code == 200
    assert _without_csrf(known.content.decode()) == _without_csrf(unknown.content.decode())
    assert Notice.objects.get().state == Notice.State.SENT
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amazonica@example.org"]
    with translation.override("es"):  # the submitter's language
        # One link, told of as one (walk 144: "your links … Here they are").
        assert message.subject == ngettext(
            "Your private link to follow your submission",
            "Your private links to follow your submissions",
            1,
        )
        here_it_is = ngettext(
            "Someone asked for the private link to follow the submission filed with this "
            "email address. Here it is:",
            "Someone asked for the private links to follow the submissions filed with this "
            "email address. Here they are:",
            1,
        )
    assert message.subject.startswith("Su enlace privado para hacer el seguimiento de su ")
    assert here_it_is in message.body and "Es el siguiente:" in message.body
    link = f"http://127.0.0.1:8000/es/track/{membership.tracking_token}/"
    assert link in message.body
    # Greeted as every other email (walk 122: "Hello"), an organisation as one.
    assert message.body.startswith("A la atención de la Asociación Amazónica:")
    html, content_type = message.alternatives[0]
    assert content_type == "text/html"
    assert f'href="{link}"' in html


def test_the_lost_link_page_says_what_it_does_once(client):
    """Walk 147: its paragraph said it, then the field's help again."""
    page = " ".join(html.unescape(client.get("/en/track/lost/").content.decode()).split())
    assert page.count("If it is on file, we send the private links") == 1


def test_lost_link_asked_again_within_minutes_sends_nothing_more(
    client, django_capture_on_commit_callbacks
):
    """Walk 122: three requests in a few seconds sent three emails (a way to flood a
    submitter's inbox). The page answers the same; the links go again after a while."""
    drive("admissibility_review")
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/en/track/lost/", {"email": "amazonica@example.org"})
        again = client.post("/en/track/lost/", {"email": "Amazonica@Example.org"})
    assert _without_csrf(first.content.decode()) == _without_csrf(again.content.decode())
    assert len(mail.outbox) == 1
    later = time_machine.travel(start + datetime.timedelta(minutes=16), tick=False)
    with later, django_capture_on_commit_callbacks(execute=True):
        client.post("/en/track/lost/", {"email": "amazonica@example.org"})
    assert len(mail.outbox) == 2


def test_lost_link_sends_nothing_for_a_revoked_link(client):
    case = drive("admissibility_review").case
    case.memberships.update(token_revoked_at=timezone.now())
    assert client.post("/en/track/lost/", {"email": "amazonica@example.org"}).status_code == 200
    assert mail.outbox == []
    assert not Notice.objects.exists()


def test_lost_link_checks_the_address(client):
    response = client.post("/en/track/lost/", {"email": "not an address"})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()


def test_the_tracking_page_says_what_was_decided_and_what_happens_now(client, a_focal):
    """The third walk: each step showed only a date and a title; the public page said more.
    A response held for the Secretariat's review shows nothing of its text."""
    import datetime

    from tests.helpers_cases import frozen
    from tests.portals.test_party import respond_post

    case = drive("awaiting_response", party=A).case
    _membership, url = link_of(case, client=client)
    with frozen(datetime.date(2023, 5, 20)):  # within the Party's period
        html = client.get(url).content.decode()
    now = html.split('id="now-heading"', 1)[1].split("</section>", 1)[0]
    assert "has asked the Party concerned for a response" in now
    assert "Outcome: meets the criteria" in html
    assert "Outcome: request a response" in html
    focal = Client()
    focal.force_login(a_focal)
    with frozen(datetime.date(2023, 6, 10)):
        focal.post(f"/en/party/cases/{case.pk}/respond/", respond_post(case))
    case.refresh_from_db()
    html = client.get(url).content.decode()
    assert "deciding whether a factual record is warranted" in html
    assert "Acción de amparo" not in html  # the Party's information, held for review


def test_the_tracking_page_shows_the_notes_the_public_reads(client):
    """Walk 19: the docket showed the Secretariat's reasons ("La comunicación cumple los
    requisitos…"); the submitters' own page did not."""
    story = drive("admissibility_review")
    story.add(
        "correspondence",
        title="Carta a los remitentes",
        note="La Secretaría pidió una aclaración.",
    )
    story.add(
        "correspondence",
        title="Carta reservada",
        note="Solo para la Secretaría.",
        visibility="secretariat",
    )
    _membership, url = link_of(story.case, client=client)
    page = client.get(url).content.decode()
    assert '<span lang="es">Carta a los remitentes</span>' in page
    assert '<p lang="es">La Secretaría pidió una aclaración.</p>' in page
    assert "Carta reservada" not in page and "Solo para la Secretaría." not in page


def test_a_document_titled_by_its_kind_does_not_repeat_it(client):
    """Walk 48: "Acuse de recibo (DOCX, 37 kB) (Acuse de recibo)". A document whose title
    says its kind reads once; another keeps its kind, and one not public says who sees it.
    Walk 54: a generated document's language versions are one item, as on the docket, headed
    by the page's language, the others beneath it."""
    from notices.services import generated_documents

    story = drive("admissibility_review", acknowledged=False)
    story.add(
        "acknowledged",
        documents_in=generated_documents(story.case, "acknowledged", data={}),
    )
    story.add(
        "correspondence",
        title="Carta",
        visibility="submitter",
        documents_in=[
            workflow_document("Letter to the submitters", "correspondence", "submitter"),
        ],
    )
    # Walk 58: "Determination under Article 17.7.2 (Determination)": its title begins with it.
    meets = {"outcome": "meets", "criteria": ALL_MET}
    story.add(
        "admissibility_determined",
        data=meets,
        documents_in=generated_documents(story.case, "admissibility_determined", data=meets),
    )
    membership, url = link_of(story.case, client=client)
    assert "(Determination)" not in client.get(url).content.decode()
    versions = dict(
        Document.objects.filter(submission=story.case, kind="acknowledgement").values_list(
            "language", "pk"
        )
    )  # one per working language of the profile
    assert {"en", "es"} <= set(versions)
    titles = dict(
        Document.objects.filter(pk__in=versions.values()).values_list("language", "title")
    )
    for language, other, other_name in (("en", "es", "Spanish"), ("es", "en", "Inglés")):
        page = client.get(url.replace("/en/", f"/{language}/")).content.decode()
        timeline = page.split('class="timeline"', 1)[1]
        head = f"/track/case/{membership.pk}/documents/{versions[language]}/"
        item = timeline.split(head, 1)[1].split("</ul>", 1)[0]
        assert "document__kind" not in item.split("<ul", 1)[0]  # its title says its kind
        beneath = item.split('class="document__versions">', 1)[1]
        for each, pk in versions.items():
            if each != language:  # once, under the item
                assert timeline.count(f"/documents/{pk}/") == 1
                assert f"/documents/{pk}/" in beneath
        # Walk 83: named by the document too, not "Spanish" alone beside every document;
        # walks 98-99: by the version's own title, in its language, as the docket names it
        # (the English version read "Acuse de recibo").
        link = re.search(rf">{other_name}(.*?)</a>", beneath).group(1)
        assert link.startswith('<span class="visually-hidden">:')
        assert titles[other] != titles[language]
        assert f'<span lang="{other}">{titles[other]}</span>' in link
    assert (
        '<span class="document__kind">(Correspondence, Secretariat and the submitters)</span>'
        in client.get(url).content.decode()
    )


def workflow_document(title, kind, visibility):
    from workflow.services import DocumentInput

    return DocumentInput(
        title=title,
        language="en",
        file=SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf"),
        visibility=visibility,
        kind=kind,
    )


def _co_filer(case, name, kind, confidential=False):
    """A second submitter on ``case``, at position 1."""
    from submissions.models import SubmissionSubmitter

    other = Submitter.objects.create(name=name, kind=kind, confidential=confidential)
    SubmissionSubmitter.objects.create(
        submission=case, submitter=other, position=1, joined_on=case.filed_on
    )


def test_a_co_filer_is_told_the_withdrawal_is_for_every_submitter(client):
    """Walk 63: one of two filers withdrew their joint submission with no word that it was
    the other's too."""
    case = drive("awaiting_response").case
    _co_filer(case, name="Julio Ramos", kind="individual")
    _membership, url = link_of(case, client=client)
    page = " ".join(client.get(url + "withdraw/").content.decode().split())
    assert "You filed this submission with someone else: withdrawing it withdraws it " in page
    # Told, not "by email" (walk 128: a co-filer without an email address is written to).
    assert "for both of you, and each of you is told of it." in page


def test_the_withdrawal_names_the_co_filer_who_withdrew(client, officer):
    """Walk 85 could not tell which of two filers withdrew their joint submission: a private
    link has no account. The withdrawal names the co-filer by index; the Secretariat reads the
    name, the public the withheld label where the co-filer withheld it."""
    case = drive("awaiting_response").case
    _co_filer(case, name="Julio Ramos", kind="individual", confidential=True)
    _membership, url = link_of(case, position=1, client=client)
    done = client.post(url + "withdraw/", {"confirm": "on", "event_count": case.event_count})
    assert done.status_code == 302
    withdrawal = Event.objects.get(submission=case, kind="withdrawn")
    assert withdrawal.data == {"submitter": 1}
    staff = Client()
    staff.force_login(officer)
    page = html.unescape(staff.get(f"/en/secretariat/case/{case.pk}/").content.decode())
    assert re.search(r"Withdrawn by\s*:\s*Julio Ramos", page)
    public = html.unescape(Client().get(f"/en/docket/{case.slug}/").content.decode())
    assert "Julio Ramos" not in public
    assert re.search(r"Withdrawn by\s*:\s*Name withheld at the submitter's request", public)
    # On the submitters' own page, as its list of submitters names him (walk 91: he read the
    # withheld label in place of his own name).
    own = html.unescape(client.get(url, follow=True).content.decode())
    assert re.search(r"Withdrawn by\s*:\s*Julio Ramos", own)


def test_the_audit_and_case_pages_name_the_co_filer_who_acted(client, auditor, officer):
    """The audit page said "Submitter" where the history's JSON held ``"submitter": 1``: the
    auditor could not tell which of two filers withdrew. The author now names him, withheld or
    not (staff know the name), on the audit page and in the case page's entry."""
    case = drive("awaiting_response").case
    _co_filer(case, name="Julio Ramos", kind="individual", confidential=True)
    _membership, url = link_of(case, position=1, client=client)
    client.post(url + "withdraw/", {"confirm": "on", "event_count": case.event_count})
    seq = Event.objects.get(submission=case, kind="withdrawn").seq
    for user, address in ((auditor, "audit/"), (officer, "")):
        staff = Client()
        staff.force_login(user)
        page = html.unescape(
            staff.get(f"/en/secretariat/case/{case.pk}/{address}").content.decode()
        )
        row = page.split(f'id="event-{seq}"', 1)[1].split("</tr>" if address else "</li>", 1)[0]
        assert "Submitter (Julio Ramos)" in row, user
    # An entry that names no co-filer says only "Submitter" (the filing names them all).
    filed = Event.objects.get(submission=case, kind="filed").seq
    assert "Submitter (" not in page.split(f'id="event-{filed}"', 1)[1].split("</li>", 1)[0]


def test_the_co_filer_who_withdrew_travels_in_both_exports():
    from workflow.registry import export_registry

    case = drive("awaiting_response").case
    _co_filer(case, name="Julio Ramos", kind="individual")
    services.record_event(
        case, "withdrawn", actor=Actor.submitter(case.memberships.get(position=1))
    )
    for restricted in (False, True):
        (item,) = json.loads(export_registry(restricted=restricted))["submissions"]
        withdrawal = next(e for e in item["events"] if e["kind"] == "withdrawn")
        assert withdrawal["submitter"] == 1


def test_information_names_the_co_filer_who_sent_it(client, officer):
    """Walk 91: information a co-filer added read "Author: Submitter · Recorded by: the
    system", with three co-filers on the case."""
    case = drive("awaiting_response").case
    _co_filer(case, name="Asociación Pro Bosques", kind="organization")
    _membership, url = link_of(case, position=1, client=client)
    response = client.post(
        url + "information/",
        {
            "information_added-note": "Nueva acta.",
            "information_added-file_0": SimpleUploadedFile("acta.pdf", PDF),
        },
    )
    assert response.status_code == 302
    event = Event.objects.get(submission=case, kind="information_added")
    assert event.data == {"submitter": 1}
    staff = Client()
    staff.force_login(officer)
    page = html.unescape(staff.get(f"/en/secretariat/case/{case.pk}/").content.decode())
    assert re.search(r"Sent by\s*:\s*Asociación Pro Bosques", page)


def test_who_joined_later_and_who_filed_do_not_read_each_others_withheld_names(client):
    """PROCESS.md: a withheld identity is still seen by the Secretariat and the Party
    concerned. Those who filed together wrote each other's names; a stranger who joins the
    case later (an adhesion) did not: the tracking page named every co-submitter to every
    other."""
    story = drive("awaiting_response")
    case = story.case
    _co_filer(case, name="Julio Ramos", kind="individual", confidential=True)
    filer = case.memberships.get(position=0).submitter
    filer.confidential = True
    filer.save()
    story.add(
        "submitters_joined",
        data={
            "submitters": [
                {"name": "Rosa Huamán", "kind": "individual", "country": A, "confidential": True},
                {"name": "Comunidad Nativa", "kind": "organization", "country": A},
            ]
        },
    )
    _membership, first = link_of(case, position=0, client=client)
    page = html.unescape(client.get(first).content.decode())
    assert filer.name in page and "Julio Ramos" in page  # they filed together
    assert "Rosa Huamán" not in page and "Comunidad Nativa" in page
    assert "Name withheld at the submitter's request" in page
    joined = Client()
    _membership, later = link_of(case, position=2, client=joined)
    page = html.unescape(joined.get(later).content.decode())
    assert "Rosa Huamán" in page and "Comunidad Nativa" in page
    assert filer.name not in page and "Julio Ramos" not in page
    submitters = page.split("<h2>Submitters</h2>", 1)[1].split("</ul>", 1)[0]
    assert submitters.count("Name withheld at the submitter's request") == 2
