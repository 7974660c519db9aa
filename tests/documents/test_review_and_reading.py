"""Issue 14: review before anything becomes public, and the docket's reading view."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from notices import emails
from notices import services as documents
from notices.models import Notice
from secretariat.workspace.forms.kinds import action_form
from submissions import access
from submissions.models import Document
from submissions.storage import DocumentInput
from tests.documents.test_decisions_reach_the_public import docx_text
from tests.filing.conftest import pdf
from tests.helpers_cases import drive, frozen
from tests.parties import CRITERIA, SLUG, A
from workflow import services
from workflow.describe import describe
from workflow.models import Event

pytestmark = pytest.mark.django_db

D = datetime.date
# Every criterion of the profile met (the TPA's a–f, the USMCA's a–e).
MET = {c: {"met": True, "reasons": f"({c}) se cumple."} for c in CRITERIA}
# The determination's article, the count of its criteria, and the languages of a document the
# Secretariat generates.
ARTICLE, CRITERIA_COUNT, LANGUAGES = {
    "us-peru-tpa": ("18.8.2", 6, 2),
    "usmca-cec": ("24.27(2)", 5, 3),
    "cafta-dr": ("17.7.2", 6, 2),
}[SLUG]


def _public_attachment(case) -> Document:
    """A non-confidential attachment of the filing (as the public form stores it)."""
    filed = Event.objects.get(submission=case, kind="filed")
    return Document.objects.create(
        submission=case,
        event=filed,
        position=0,
        title="Informe",
        language="es",
        author="submitter",
        date=filed.on,
        visibility="public",
        initial_visibility="public",
        kind="annex",
    )


def test_public_free_text_fields_say_they_will_be_published(client, officer):
    case = drive("admissibility_review").case
    client.force_login(officer)
    with frozen(D(2023, 4, 10)):
        page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    form = page[page.index(f'aria-label="Determination under Article {ARTICLE}"') :]
    form = form[: form.index("</form>")]
    # Each criterion's reasons, the title and the note of a public decision.
    assert form.count("This text will be published on the docket.") == CRITERIA_COUNT + 2
    # In the case's language, which the docket marks it as (the fifteenth walk).
    assert form.count("Write it in the case&#x27;s language: Spanish.") == CRITERIA_COUNT + 2
    with frozen(D(2023, 4, 10)):
        spanish = client.get(f"/es/secretariat/case/{case.pk}/").content.decode()
    assert "Escríbalo en el idioma del caso: español." in spanish
    corr = page[page.index('aria-label="Correspondence"') :]
    corr = corr[: corr.index("</form>")]
    assert "This text will be published on the docket." not in corr


def test_a_draft_records_note_says_it_is_public_though_the_draft_is_not():
    """Walk 95: the note sent with the draft factual record was public at once, and the form
    said beside it only that the draft never is."""
    case = drive("factual_record_preparation").case
    form = action_form("draft_submitted", case)
    kept = "This text will be published on the docket at once, though the document is not"
    for name in ("title", "note"):
        assert str(form.fields[name].help_text).startswith(kept)
    with translation.override("es"):
        spanish = action_form("draft_submitted", case)
        assert "se publicará en el registro público en el acto" in str(
            spanish.fields["note"].help_text
        )
    # A public action whose documents may be public says what it always said.
    determination = action_form("admissibility_determined", drive("admissibility_review").case)
    assert str(determination.fields["note"].help_text).startswith(
        "This text will be published on the docket. "
    )


def test_the_acknowledgement_form_lists_what_it_would_make_public(client, officer):
    case = drive("admissibility_review", acknowledged=False).case
    annex = _public_attachment(case)
    with frozen(D(2023, 3, 11)):
        services.record_event(
            case,
            "correspondence",
            actor=officer,
            documents_in=[DocumentInput(title="Carta", language="es", file=pdf("carta.pdf"))],
        )
    client.force_login(officer)
    with frozen(D(2023, 3, 13)):
        page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    form = page[page.index('aria-label="Acknowledgement of receipt"') :]
    form = form[: form.index("</form>")]
    assert "Attachment “Informe”" in form
    assert f"acknowledged-attachment_{annex.pk}" in form
    assert f"acknowledged-redacted_{annex.pk}" in form
    assert "Carta" not in form  # not the filer's attachment
    assert "acknowledged-review_reason" in form


def test_an_acknowledgement_without_attachments_asks_no_reason_for_them(client, officer):
    """Walk 120: "Why attachments stay restricted…" stood first in the form of a filing that
    had none."""
    case = drive("admissibility_review", acknowledged=False).case
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    form = page[page.index('aria-label="Acknowledgement of receipt"') :]
    form = form[: form.index("</form>")]
    assert "review_reason" not in form and "Why attachments" not in form


def test_each_attachment_needs_a_choice(client, officer):
    """Walk 89: the review was answered "make it public" in advance, so "Record" on the
    untouched form published the filer's evidence without anyone choosing to."""
    case = drive("admissibility_review", acknowledged=False).case
    annex = _public_attachment(case)
    client.force_login(officer)
    url = reverse("ws_action", kwargs={"pk": case.pk, "kind": "acknowledged"})
    with frozen(D(2023, 3, 13)):
        page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
        radios = re.findall(rf'<input[^>]*name="acknowledged-attachment_{annex.pk}"[^>]*>', page)
        assert len(radios) == 2 and not any("checked" in radio for radio in radios)
        # Walk 90: the timeline read "Public" before anyone had decided.
        assert "(once the acknowledgement puts the case on the docket" in page
        response = client.post(url, {"event_count": case.event_count})
    assert response.status_code == 200
    assert (
        "Choose whether this attachment is made public or kept restricted."
        in response.content.decode()
    )
    assert not Event.objects.filter(submission=case, kind="acknowledged").exists()
    with frozen(D(2023, 3, 13)):
        response = client.post(
            url,
            {"event_count": case.event_count, f"acknowledged-attachment_{annex.pk}": "publish"},
        )
    assert response.status_code == 302
    assert Event.objects.filter(submission=case, kind="acknowledged").exists()
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    assert "(once the acknowledgement puts the case on the docket" not in page


def test_keeping_an_attachment_restricted_needs_a_reason(client, officer):
    case = drive("admissibility_review", acknowledged=False).case
    annex = _public_attachment(case)
    client.force_login(officer)
    url = reverse("ws_action", kwargs={"pk": case.pk, "kind": "acknowledged"})
    with frozen(D(2023, 3, 13)):
        response = client.post(
            url,
            {"event_count": case.event_count, f"acknowledged-attachment_{annex.pk}": "restrict"},
        )
    assert response.status_code == 200
    assert "Say why these attachments stay restricted" in response.content.decode()
    assert not Event.objects.filter(submission=case, kind="acknowledged").exists()
    annex.refresh_from_db()
    assert annex.visibility == "public"


@frozen(D(2023, 3, 13))
def test_acknowledge_narrows_and_redacts_in_one_transaction(officer):
    case = drive("admissibility_review", acknowledged=False).case
    annex = _public_attachment(case)
    assert documents.attachments_to_review(case) == [annex]
    event = documents.acknowledge(
        case,
        actor=officer,
        keep_restricted=[annex],
        redacted={annex: pdf("informe-publico.pdf")},
        review_reason="Datos personales de terceros.",
    )
    assert event.kind == "acknowledged"
    annex.refresh_from_db()
    assert annex.visibility == "party_concerned"
    redacted = Document.objects.get(redacted_version_of=annex)
    assert (redacted.visibility, redacted.language) == ("public", "es")
    kinds = list(
        Event.objects.filter(submission=case).order_by("seq").values_list("kind", flat=True)
    )
    assert kinds[-3:] == ["acknowledged", "visibility_changed", "correspondence"]
    anonymous = Client()
    case.refresh_from_db()
    base = f"/en/docket/{case.slug}/documents/"
    assert anonymous.get(f"{base}{annex.pk}/").status_code == 404
    assert anonymous.get(f"{base}{redacted.pk}/").status_code == 200


def test_a_public_document_not_generated_has_no_reading_view(officer):
    story = drive("admissibility_review")
    with frozen(D(2023, 3, 20)):
        event = services.record_event(
            story.case,
            "correspondence",
            actor=officer,
            documents_in=[DocumentInput(title="Carta", language="es", file=pdf("carta.pdf"))],
        )
    document = event.documents.get()
    assert document.visibility == "public"
    base = f"/en/docket/{story.case.slug}/documents/{document.pk}/"
    assert Client().get(base).status_code == 200
    assert Client().get(f"{base}read/").status_code == 404


def test_the_reading_view_shows_the_date_the_document_bears(officer, director):
    """Proposed on the 10th, approved on the 12th: the documents carried from the proposal are
    dated the 10th, and so is their reading view."""
    case = drive("admissibility_review").case
    with frozen(D(2023, 4, 10)):
        proposal = documents.record_with_documents(
            case,
            "admissibility_determined",
            actor=officer,
            data={"outcome": "meets", "criteria": MET},
        )
    with frozen(D(2023, 4, 12)):
        decision = services.approve_proposal(case, proposal.seq, actor=director)
    english = decision.documents.get(language="en")
    page = Client().get(f"/en/docket/{case.slug}/documents/{english.pk}/read/")
    assert page.status_code == 200
    assert "10 April 2023" in page.content.decode()
    assert decision.code in page.content.decode()


def test_a_withheld_joiner_is_named_only_inside(officer):
    story = drive("admissibility_review")
    with frozen(D(2023, 3, 20)):
        event = services.record_event(
            story.case,
            "submitters_joined",
            actor=officer,
            data={
                "submitters": [
                    {
                        "name": "Rosa Quispe",
                        "kind": "individual",
                        "country": A,
                        "confidential": True,
                    }
                ]
            },
        )
    assert ("Joined", "Rosa Quispe") in describe(event)
    assert ("Joined", "Name withheld at the submitter's request") in describe(event, public=True)
    page = Client().get(f"/en/docket/{story.case.slug}/").content.decode()
    assert "Rosa Quispe" not in page


def test_a_case_closed_as_not_a_submission_tells_its_submitters_alone_why(
    client, officer, director
):
    # Walk 128: the submitter's page and email said "not a submission", never why (PROCESS.md:
    # closed "with a reason"); the closure stays off the docket.
    story = drive("admissibility_review", acknowledged=False)
    client.force_login(officer)
    with frozen(D(2023, 3, 13)):
        response = client.post(
            reverse("ws_action", kwargs={"pk": story.case.pk, "kind": "closed"}),
            {"event_count": story.case.event_count, "closed-note": "Correo no deseado."},
        )
        assert response.status_code == 302
        proposal = Event.objects.filter(submission=story.case).order_by("-seq").first()
        decision = services.approve_proposal(story.case, proposal.seq, actor=director)
    assert decision.visibility == "submitter"
    assert {d.visibility for d in decision.documents.all()} == {"submitter"}
    assert decision.documents.count() == LANGUAGES  # one per working language
    membership = story.case.memberships.first()
    reader = Client()
    page = reader.get(f"/en/track/{membership.tracking_token}/", follow=True).content.decode()
    assert "Correo no deseado." in page
    closing = next(d for d in decision.documents.all() if d.language == "en")
    assert f"/documents/{closing.pk}/" in page
    notice = Notice.objects.get(event=decision, message="case_closed")
    with translation.override(notice.language):
        told = translation.gettext("Your private page gives the Secretariat's reasons.")
    assert told in emails.render(notice)[1]
    assert not access.public_events(Event.objects.filter(submission=story.case)).exists()
    assert Client().get(f"/en/docket/{story.case.slug or 'none'}/").status_code == 404


def test_the_reading_view_never_writes_a_withheld_name_its_reasons_name(officer, director):
    """Walk 150: the reading page of a public determination wrote "La comunicación de María
    Rosa … amerita …" (its reasons, as the officer typed them), where the docket and the Word
    file mask the name. It reads the documents' phrase for it, in the reasons' language."""
    case = drive("admissibility_review").case
    withheld = case.memberships.get().submitter
    withheld.confidential = True
    withheld.save()
    reasons = {c: {"met": True, "reasons": f"Lo firma {withheld.name}."} for c in CRITERIA}
    with frozen(D(2023, 4, 10)):
        proposal = documents.record_with_documents(
            case,
            "admissibility_determined",
            actor=officer,
            data={"outcome": "meets", "criteria": reasons},
            note=f"La comunicación de {withheld.name} cumple los requisitos.",
        )
        decision = services.approve_proposal(case, proposal.seq, actor=director)
    for language in ("en", "es"):
        if not decision.documents.filter(language=language).exists():
            continue
        document = decision.documents.get(language=language)
        page = Client().get(f"/{language}/docket/{case.slug}/documents/{document.pk}/read/")
        text = " ".join(page.content.decode().split())
        assert page.status_code == 200
        assert withheld.name not in text, language
        assert "La comunicación de una persona cuyo nombre se reserva a su solicitud cumple" in (
            text
        ), language
        # The Word file, in each language, as it was issued and as the public downloads it:
        # the reasons take the phrase in their own language (walk 152: the English file wrote
        # "La comunicación de a submitter whose name is withheld … cumple").
        download = Client().get(f"/{language}/docket/{case.slug}/documents/{document.pk}/")
        for content in (document.file.open("rb").read(), download.getvalue()):
            words = docx_text(content)
            assert withheld.name not in words, language
            assert "La comunicación de una persona cuyo nombre se reserva a su solicitud" in words
            assert "Lo firma una persona cuyo nombre se reserva a su solicitud." in words
            assert "whose name is withheld" not in words, language


def test_a_filers_public_annex_on_a_case_closed_as_not_a_submission_reads_never(client, officer):
    """Walk 178: closed as not a submission, the filer's annex still read "Public (once the
    acknowledgement puts the case on the docket…)", which never happens to such a case."""
    story = drive("admissibility_review", acknowledged=False)
    _public_attachment(story.case)
    story.add("closed", data={"reason": "not_a_submission"})
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": story.case.pk})).content.decode()
    assert "(never: the case was closed as not a submission)" in page
    assert "(once the acknowledgement puts the case on the docket" not in page
