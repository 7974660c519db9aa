"""Issue 14, acceptance 1 and 2: every decision reaches the public in words.

A Spanish filing with a withheld name goes through the web client from filing to publication —
the officer proposes in the workspace, the Executive Director approves, the Party responds in its
portal, the Council instructs in its own — and after each decision the anonymous docket offers
its formal document in Spanish (the original) and English (the Secretariat's official
translation): the .docx opens with python-docx and carries the code, the date, the identifier
and every criterion or factor with its finding; the HTML reading view shows the same; neither
ever shows the withheld name. The final factual record is 404 to the public until `published`
is approved, and downloadable at once after.
"""

import datetime
import html as html_module
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from docx import Document as Docx

from submissions.models import Document, Submission
from submissions.storage import DocumentInput
from tests.filing.conftest import filing_data, pdf
from tests.helpers_cases import drive, frozen
from tests.parties import CRITERIA as LETTERS
from tests.parties import OTHERS, SLUG, A, B, council_members, es
from workflow.models import Event
from workflow.treaty import CRITERIA, FACTORS

pytestmark = pytest.mark.django_db

D = datetime.date
WITHHELD = "Asociación Amazónica"
LABEL_ES = es("Nombre reservado a solicitud de la persona interesada")
LABEL_EN = "Name withheld at the submitter's request"
# The case's identifier (the first of 2026 on Party A), the article under which the final
# record is published, and the title the Party gives its response.
CASE_ID = {
    "us-peru-tpa": "SEM/PE/001/2026",
    "usmca-cec": "SEM-26-001",
    "cafta-dr": "CAALA/26/001",
}[SLUG]
PUBLICATION_ARTICLE = {
    "us-peru-tpa": ("artículo 18.9.7", "Article 18.9.7"),
    # The CEC's notices cite Article 24.28 whole (its paragraphs were not read: profile_cec).
    "usmca-cec": ("artículo 24.28, habiéndolo", "Article 24.28, the Council"),
    "cafta-dr": ("artículo 17.8.7", "Article 17.8.7"),
}[SLUG]
# The languages of the Secretariat's formal documents: the Spanish original and its official
# translations (the CEC's French too), and the French dates of the steps below.
LANGUAGES = {
    "us-peru-tpa": {"es", "en"},
    "usmca-cec": {"es", "en", "fr"},
    "cafta-dr": {"es", "en"},
}[SLUG]
FRENCH_DATES = {
    "3 March 2026": "3 mars 2026",
    "10 March 2026": "10 mars 2026",
    "17 March 2026": "17 mars 2026",
    "15 April 2026": "15 avril 2026",
    "27 July 2026": "27 juillet 2026",
}
RESPONSE_TITLE = {
    "us-peru-tpa": "Respuesta del Gobierno del Perú",
    "usmca-cec": "Respuesta del Gobierno de México",
    "cafta-dr": "Respuesta del Gobierno de Guatemala",
}[SLUG]


def docx_text(content: bytes) -> str:
    doc = Docx(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    parts.extend(p.text for p in doc.sections[0].header.paragraphs)
    return "\n".join(parts)


def page_text(html: str) -> str:
    return html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


class Web:
    """The cast, each with their own browser."""

    def __init__(self, officer, director, a_focal, a_council, b_council=None):
        self.public = Client()
        self.officer, self.director = Client(), Client()
        self.party, self.council = Client(), Client()
        self.officer.force_login(officer)
        self.director.force_login(director)
        self.party.force_login(a_focal)
        self.council.force_login(a_council)
        # The Council members who instruct, in order, as many as the profile's rule needs.
        self.members = {A: self.council}
        if b_council is not None:
            self.members[B] = Client()
            self.members[B].force_login(b_council)

    def council_members(self) -> list[Client]:
        return [self.members[code] for code in council_members()]

    def case(self) -> Submission:
        return Submission.objects.get()

    def act(self, kind: str, data: dict, files: dict | None = None):
        case = self.case()
        assert kind in self.officer.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
        posted = {"event_count": case.event_count}
        posted.update({f"{kind}-{k}": v for k, v in {**data, **(files or {})}.items()})
        url = reverse("ws_action", kwargs={"pk": case.pk, "kind": kind})
        response = self.officer.post(url, posted)
        assert response.status_code == 302, page_text(response.content.decode())[-3000:]
        return Event.objects.filter(submission=case).order_by("-seq").first()

    def approve(self, proposal: Event) -> Event:
        case = self.case()
        assert proposal.kind == "proposed"
        response = self.director.post(
            reverse("ws_approve", kwargs={"pk": case.pk, "seq": proposal.seq}),
            {"event_count": case.event_count, "back": "case"},
        )
        assert response.status_code == 302
        decision = Event.objects.filter(submission=case).order_by("-seq").first()
        assert decision.proposal_id == proposal.pk
        return decision

    def public_documents_of(self, event: Event) -> dict:
        """{language: (docx text, reading-view text)} of the event's public documents, as an
        anonymous reader finds them on the case page in each interface language."""
        case = self.case()
        found = {}
        for language in ("es", "en"):
            with_language = f"/{language}/docket/{case.slug}/"
            page = self.public.get(with_language).content.decode()
            assert WITHHELD not in page
            for document in Document.objects.filter(event=event, visibility="public"):
                download = f"/{language}/docket/{case.slug}/documents/{document.pk}/"
                read = f"{download}read/"
                assert f'href="{download}"' in page and f'href="{read}"' in page
                response = self.public.get(download)
                assert response.status_code == 200
                content = b"".join(response.streaming_content)
                html = self.public.get(read)
                assert html.status_code == 200
                body = html.content.decode()
                assert f'<article class="formal-document" lang="{document.language}"' in body
                found[document.language] = (docx_text(content), page_text(body), document)
        assert set(found) == LANGUAGES
        return found


def assert_document(found, *, code, dates, identifier, items=None, findings=None):
    """Both language versions carry the code, the date, the identifier and each item with its
    finding (in that language), in the .docx and on the page alike, never the withheld name.
    (Under the CEC the French translation too carries the code, the date and the identifier.)"""
    assert {"es", "en"} <= set(found) <= LANGUAGES
    original = found["es"][2]
    for language in set(found) - {"es"}:
        translated = found[language][2]
        assert translated.translation_of_id == original.pk and translated.official_translation
    assert not original.translation_of_id
    if "fr" in found:
        dates = {**dates, "fr": FRENCH_DATES[dates["en"]]}
    for language, (docx, html, _document) in found.items():
        for text in (docx, html):
            assert code in text and identifier in text
            assert dates[language] in text
            assert WITHHELD not in text
            if language == "fr":
                continue
            assert (LABEL_ES if language == "es" else LABEL_EN) in text
            for letter, words in (items or {}).items():
                with translation.override(language):
                    assert f"({letter}) {words}" in text
                assert findings[language][letter] in text


def test_a_case_from_filing_to_publication_in_documents(
    officer, director, a_focal, a_council, b_focal, b_council
):
    web = Web(officer, director, a_focal, a_council, b_council)

    # Filing (Monday 2 March 2026): a Spanish submission, the organisation's name withheld.
    with frozen(D(2026, 3, 2)):
        data = filing_data(
            **{
                "s0-confidential": "on",
                "f-attachment_0": pdf("Informe técnico.pdf"),
                "f-attachment_0_title": "Informe técnico",
                "f-attachment_1": pdf("Fotos.pdf"),
                "f-attachment_1_title": "Fotos del lugar",
            }
        )
        assert web.public.post("/es/file/", data).status_code == 302
    case = web.case()
    report, photos = Document.objects.filter(event__kind="filed").order_by("position")

    # Acknowledgement (3 March): the review keeps the photos restricted, the report public
    # with a redacted version beside it.
    with frozen(D(2026, 3, 3)):
        page = web.officer.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
        assert "Anexo «Informe técnico»" in page and "Anexo «Fotos del lugar»" in page
        ack = web.act(
            "acknowledged",
            {
                f"attachment_{report.pk}": "publish",
                f"attachment_{photos.pk}": "restrict",
                "review_reason": "Las fotos muestran rostros de vecinos.",
            },
            {f"redacted_{report.pk}": pdf("Informe técnico (versión pública).pdf")},
        )
    ack = Event.objects.get(submission=case, kind="acknowledged")
    case.refresh_from_db()
    assert case.identifier == CASE_ID
    found = web.public_documents_of(ack)
    assert_document(
        found,
        code=CASE_ID,
        identifier=CASE_ID,
        dates={"es": "3 de marzo de 2026", "en": "3 March 2026"},
    )
    slug = case.slug
    assert web.public.get(f"/en/docket/{slug}/documents/{photos.pk}/").status_code == 404
    assert web.public.get(f"/en/docket/{slug}/documents/{report.pk}/").status_code == 200
    redacted = Document.objects.get(redacted_version_of=report)
    assert redacted.visibility == "public"
    assert web.public.get(f"/en/docket/{slug}/documents/{redacted.pk}/").status_code == 200

    # Admissibility (Tuesday 10 March): proposed with a finding per criterion, approved.
    reasons = {c: f"Motivo del requisito {c}." for c in LETTERS}
    with frozen(D(2026, 3, 10)):
        fields = {}
        for letter in LETTERS:
            fields[f"{letter}_finding"] = "met"
            fields[f"{letter}_reasons"] = reasons[letter]
        proposal = web.act("admissibility_determined", fields)
        drafts = list(proposal.documents.order_by("position"))
        assert [(d.language, d.visibility) for d in drafts] == {
            "us-peru-tpa": [("es", "secretariat"), ("en", "secretariat")],
            "usmca-cec": [("es", "secretariat"), ("en", "secretariat"), ("fr", "secretariat")],
            "cafta-dr": [("es", "secretariat"), ("en", "secretariat")],
        }[SLUG]
        determination = web.approve(proposal)
    assert determination.code == f"{CASE_ID}/D1"
    found = web.public_documents_of(determination)
    assert_document(
        found,
        code=f"{CASE_ID}/D1",
        identifier=CASE_ID,
        dates={"es": "10 de marzo de 2026", "en": "10 March 2026"},
        items={letter: CRITERIA[letter] for letter in LETTERS},
        findings={
            "es": dict.fromkeys(LETTERS, "Cumple"),
            "en": dict.fromkeys(LETTERS, "Met"),
        },
    )
    for _language, (docx, html, _d) in found.items():
        for reason in reasons.values():
            assert reason in docx and reason in html

    # Whether to request a response (17 March): the officer edits the generated Spanish draft
    # and replaces it; the Director approves the edited one.
    factors = {"a": "yes", "b": "yes", "c": "no", "d": "no"}
    with frozen(D(2026, 3, 17)):
        fields = {"outcome": "request"}
        for letter, finding in factors.items():
            fields[f"{letter}_finding"] = finding
            fields[f"{letter}_reasons"] = f"Factor {letter}: ver expediente."
        first = web.act("response_decided", fields)
        draft = first.documents.get(language="es", translation_of=None, kind="determination")
        downloaded = web.officer.get(
            reverse("ws_download", kwargs={"pk": case.pk, "document_pk": draft.pk})
        )
        assert downloaded.status_code == 200
        edited = Docx(io.BytesIO(b"".join(downloaded.streaming_content)))
        edited.add_paragraph("Párrafo añadido por la oficial.")
        out = io.BytesIO()
        edited.save(out)
        posted = {"event_count": web.case().event_count, "replaces": str(first.seq)}
        posted.update({f"response_decided-{k}": v for k, v in fields.items()})
        posted["response_decided-edited_es"] = SimpleUploadedFile("editado.docx", out.getvalue())
        response = web.officer.post(
            reverse("ws_action", kwargs={"pk": case.pk, "kind": "response_decided"}), posted
        )
        assert response.status_code == 302
        replaced = Event.objects.filter(submission=case).order_by("-seq").first()
        assert replaced.kind == "proposed" and replaced.data["proposal_event"] == first.seq - 1
        decision = web.approve(replaced)
    assert decision.code == f"{CASE_ID}/D2"
    # The generated drafts stay in the history: the determination and the request, in each
    # language of the Secretariat's documents.
    assert first.documents.count() == {"us-peru-tpa": 4, "usmca-cec": 6, "cafta-dr": 4}[SLUG]
    issued = decision.documents.get(language="es", kind="determination")
    assert issued.sha256 == replaced.documents.get(language="es", kind="determination").sha256
    assert issued.sha256 != draft.sha256
    found = web.public_documents_of(decision)
    assert "Párrafo añadido por la oficial." in found["es"][0]
    assert_document(
        found,
        code=f"{CASE_ID}/D2",
        identifier=CASE_ID,
        dates={"es": "17 de marzo de 2026", "en": "17 March 2026"},
        items={letter: FACTORS[letter] for letter in "abcd"},
        findings={
            "es": {"a": "Sí", "b": "Sí", "c": "No", "d": "No"},
            "en": {"a": "Yes", "b": "Yes", "c": "No", "d": "No"},
        },
    )
    # The request goes to the Party concerned, listing what is forwarded, never to the public.
    request = decision.documents.get(language="es", kind="request")
    assert request.visibility == "party_concerned"
    assert web.public.get(f"/en/docket/{slug}/documents/{request.pk}/").status_code == 404
    assert web.public.get(f"/en/docket/{slug}/documents/{request.pk}/read/").status_code == 404
    letter = web.party.get(
        reverse("party_document", kwargs={"pk": case.pk, "document_pk": request.pk})
    )
    assert letter.status_code == 200
    text = docx_text(b"".join(letter.streaming_content))
    assert "Informe técnico" in text and "Fotos del lugar" in text
    assert f"{CASE_ID}/D2" in text

    # The Party responds in its portal (1 April).
    with frozen(D(2026, 4, 1)):
        response = web.party.post(
            reverse("party_respond", kwargs={"pk": case.pk}),
            {
                "event_count": web.case().event_count,
                "pending_proceeding": "no",
                "earlier_proceedings": "Ninguno.",
                "private_remedies": "Ninguno.",
                "capacity_building": "Ninguno.",
                "language": "es",
                "document_title": RESPONSE_TITLE,
                "document": pdf("respuesta.pdf"),
                "attachments-TOTAL_FORMS": "0",
                "attachments-INITIAL_FORMS": "0",
            },
        )
        assert response.status_code == 302
    assert web.case().stage == "factual_record_decision"

    # The notification to the Council with its reasons (15 April).
    with frozen(D(2026, 4, 15)):
        proposal = web.act(
            "factual_record_notified",
            {"outcome": "warranted", "note": "La respuesta no aborda la tala en el Nanay."},
        )
        notification = web.approve(proposal)
    assert notification.code == f"{CASE_ID}/N"
    found = web.public_documents_of(notification)
    assert_document(
        found,
        code=f"{CASE_ID}/N",
        identifier=CASE_ID,
        dates={"es": "15 de abril de 2026", "en": "15 April 2026"},
    )
    for _language, (docx, html, _d) in found.items():
        assert "La respuesta no aborda la tala en el Nanay." in docx
        assert "La respuesta no aborda la tala en el Nanay." in html

    # The Council instructs (20 April); draft (1 June), its comment period lapses, final.
    with frozen(D(2026, 4, 20)):
        for member in web.council_members():
            response = member.post(
                reverse("council_instruct", kwargs={"pk": case.pk}),
                {"event_count": web.case().event_count, "reasons": "", "confirm": "on"},
            )
            assert response.status_code == 302
    with frozen(D(2026, 6, 1)):
        web.act(
            "draft_submitted",
            {"document_title": "Borrador del expediente de hechos", "document_language": "es"},
            {"document": pdf("borrador.pdf")},
        )
    with frozen(D(2026, 7, 20)):
        web.act(
            "final_submitted",
            {"document_title": "Expediente de hechos final", "document_language": "es"},
            {"document": pdf("final.pdf")},
        )
    final = Document.objects.get(title="Expediente de hechos final")
    final_url = f"/es/docket/{slug}/documents/{final.pk}/"
    assert web.public.get(final_url).status_code == 404
    with frozen(D(2026, 7, 22)):
        for member in web.council_members():
            response = member.post(
                reverse("council_publish", kwargs={"pk": case.pk}),
                {"event_count": web.case().event_count, "reasons": "", "confirm": "on"},
            )
            assert response.status_code == 302
        assert web.public.get(final_url).status_code == 404

    # Publication (27 July): proposed, and the final record still 404 until approved.
    with frozen(D(2026, 7, 27)):
        proposal = web.act("published", {"note": "Publicación conforme a la instrucción."})
        assert web.public.get(final_url).status_code == 404
        published = web.approve(proposal)
    found = web.public_documents_of(published)
    assert_document(
        found,
        code=CASE_ID,
        identifier=CASE_ID,
        dates={"es": "27 de julio de 2026", "en": "27 July 2026"},
    )
    article_es, article_en = PUBLICATION_ARTICLE
    assert article_es in found["es"][0] and article_en in found["en"][0]


def test_the_final_factual_record_is_public_once_publication_is_approved(
    officer, director, a_focal, a_council
):
    """Acceptance 2: 404 to an anonymous reader until the Director approves `published`, then
    downloadable at once (PROCESS.md step 10: publication makes the final record public)."""
    story = drive("draft_comment_period")
    for code in (A, B) + OTHERS:
        story.add("draft_commented", author=f"party:{code}", data={"party": code})
    story.add(
        "final_submitted",
        documents_in=[
            DocumentInput(
                title="Expediente de hechos final",
                language="es",
                file=pdf("final.pdf"),
                kind="final_factual_record",
            )
        ],
    )
    final = Document.objects.get(title="Expediente de hechos final")
    assert final.visibility == "parties"
    for code in council_members():
        story.add("publication_instructed", author=f"council:{code}", data={"party": code})
    web = Web(officer, director, a_focal, a_council)
    url = f"/en/docket/{story.case.slug}/documents/{final.pk}/"
    assert web.public.get(url).status_code == 404
    with frozen(story.on + datetime.timedelta(days=3)):
        proposal = web.act("published", {"note": "Publicación conforme a la instrucción."})
        assert web.public.get(url).status_code == 404
        web.approve(proposal)
    assert web.public.get(url).status_code == 200
