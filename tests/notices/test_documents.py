import datetime
import io
import re

import pytest
from django.utils import translation
from docx import Document as Docx
from docx.oxml.ns import qn

from notices import documents, receipts, services, wording
from tests.helpers_cases import drive, frozen
from workflow import services as workflow
from workflow import treaty
from workflow.actors import Actor
from workflow.models import Event

pytestmark = pytest.mark.django_db

D = datetime.date
FACTS = documents.CaseFacts(
    reference="SEM/PE/002/2023",
    code="SEM/PE/002/2023/D1",
    on=D(2023, 4, 10),
    title="Concesiones forestales",
    party="PE",
    filed_on=D(2023, 3, 10),
    submitters=["Asociación Amazónica"],
    outcome="does_not_meet",
    findings={
        "a": {"met": True, "reasons": "R-a"},
        "b": {"met": True, "reasons": "R-b"},
        "c": {"met": False, "reasons": "R-c"},
        "d": {"met": True, "reasons": "R-d"},
        "e": {"met": True, "reasons": "R-e"},
        "f": {"met": True, "reasons": "R-f"},
    },
    closure="withdrawn",
    letterhead="LETTERHEAD",
)


def text_of(content: bytes) -> str:
    doc = Docx(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    parts.extend(p.text for p in doc.sections[0].header.paragraphs)
    return "\n".join(parts)


def english_fragments() -> set[str]:
    """Every piece of English template text (placeholders cut out), long enough to be telling."""
    texts = []
    for table in (wording.LABELS, wording.TITLES, wording.BODY, wording.CLOSURE):
        texts.extend(table["en"].values())
    with translation.override("en"):  # the treaty's words, from the one module
        for table in (treaty.CRITERIA, treaty.FACTORS, treaty.PARTIES, treaty.GOVERNMENTS):
            texts.extend(str(text) for text in table.values())
    fragments = set()
    for text in texts:
        fragments.update(f.strip() for f in re.split(r"%\(\w+\)s", text) if len(f.strip()) > 3)
    return fragments - {"Factor"}  # the same word in both languages


@pytest.mark.parametrize("kind", documents.KINDS)
def test_each_document_opens_with_identifier_and_code(kind):
    filename, content_type, content = documents.render(kind, FACTS, "en")
    assert filename == f"SEM-PE-002-2023-D1-{kind}-en.docx"
    assert content_type == documents.DOCX
    text = text_of(content)
    assert "SEM/PE/002/2023" in text
    assert "SEM/PE/002/2023/D1" in text
    assert wording.TITLES["en"][kind] in text
    assert "10 April 2023" in text
    assert "LETTERHEAD" in text


@pytest.mark.parametrize("kind", documents.KINDS)
def test_each_spanish_document_has_no_english_template_text(kind):
    _name, _type, content = documents.render(kind, FACTS, "es")
    text = text_of(content)
    assert wording.TITLES["es"][kind] in text
    assert "10 de abril de 2023" in text
    assert "Secretaría para Asuntos de Cumplimiento Ambiental" in text
    leaked = sorted(f for f in english_fragments() if f in text)
    assert leaked == []


def test_the_admissibility_determination_lists_every_criterion_with_its_finding():
    _n, _t, content = documents.render("determination_18_8_2", FACTS, "en")
    table = Docx(io.BytesIO(content)).tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Criterion", "Finding", "Reasons"]
    assert [r[0][:3] for r in rows[1:]] == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)"]
    assert [r[1] for r in rows[1:]] == ["Met", "Met", "Not met", "Met", "Met", "Met"]
    assert [r[2] for r in rows[1:]] == ["R-a", "R-b", "R-c", "R-d", "R-e", "R-f"]
    assert "does not meet the criteria of Article 18.8.2" in text_of(content)
    _n, _t, spanish = documents.render("determination_18_8_2", FACTS, "es")
    table = Docx(io.BytesIO(spanish)).tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Requisito", "Conclusión", "Razones"]
    assert [r[1] for r in rows[1:]] == [
        "Cumple",
        "Cumple",
        "No cumple",
        "Cumple",
        "Cumple",
        "Cumple",
    ]
    assert rows[1][0] == "(a) se presenta por escrito en inglés o en español"
    assert "no cumple los requisitos del artículo 18.8.2" in text_of(spanish)


def test_the_response_determination_lists_every_factor():
    facts = documents.CaseFacts(
        **{
            **FACTS.__dict__,
            "outcome": "request",
            "findings": {c: {"met": c != "d", "reasons": f"F-{c}"} for c in "abcd"},
        }
    )
    _n, _t, content = documents.render("determination_18_8_4", facts, "es")
    rows = [[c.text for c in r.cells] for r in Docx(io.BytesIO(content)).tables[1].rows]
    assert [r[1] for r in rows[1:]] == ["Sí", "Sí", "Sí", "No"]
    assert "amerita solicitar una respuesta a la Parte en cuestión" in text_of(content)


@frozen(D(2023, 4, 10))
def test_a_generated_determination_goes_with_the_proposal_and_the_decision(officer, director):
    case = drive("admissibility_review").case
    criteria = {c: {"met": True, "reasons": f"({c}) ok"} for c in "abcdef"}
    proposal = services.record_with_documents(
        case,
        "admissibility_determined",
        actor=officer,
        data={"outcome": "meets", "criteria": criteria},
    )
    assert proposal.kind == "proposed"
    drafts = list(proposal.documents.order_by("position"))
    assert [(d.language, d.visibility) for d in drafts] == [
        ("es", "secretariat"),
        ("en", "secretariat"),
    ]
    decision = workflow.approve_proposal(case, proposal.seq, actor=director)
    issued = list(decision.documents.order_by("position"))
    assert [(d.language, d.visibility, d.code) for d in issued] == [
        ("es", "public", "SEM/PE/001/2023/D1"),
        ("en", "public", "SEM/PE/001/2023/D1"),
    ]
    assert drafts[1].translation_of == drafts[0] and drafts[1].official_translation
    english = issued[1]
    assert english.sha256 == drafts[1].sha256 and len(english.sha256) == 64
    with english.file.open("rb") as fh:
        text = text_of(fh.read())
    assert "SEM/PE/001/2023/D1" in text and "(f) ok" in text


@frozen(D(2023, 3, 13))
def test_the_public_acknowledgement_withholds_a_withheld_name(officer):
    case = drive("admissibility_review", acknowledged=False).case
    case.memberships.get().submitter.__class__.objects.update(confidential=True)
    event = services.record_with_documents(case, "acknowledged", actor=officer)
    case.refresh_from_db()
    assert case.identifier == "SEM/PE/001/2023"
    document = event.documents.get(language="en")
    assert document.visibility == "public"
    with document.file.open("rb") as fh:
        text = text_of(fh.read())
    assert "SEM/PE/001/2023" in text
    assert "Asociación Amazónica" not in text
    assert "Name withheld at the submitter's request" in text  # the particulars' label
    # In the sentence a phrase, not the label with its capital (the helper's walk), and no
    # "Document code" row repeating the identifier.
    assert "by a submitter whose name is withheld at their request" in text
    assert "Document code" not in text
    with event.documents.get(language="es").file.open("rb") as fh:
        spanish = text_of(fh.read())
    assert "por un remitente cuyo nombre se reserva a su solicitud" in spanish
    assert "por Nombre reservado" not in spanish
    assert "Código del documento" not in spanish


@frozen(D(2023, 4, 10))
def test_an_edited_draft_replaces_the_generated_one_and_history_keeps_both(officer, director):
    from django.core.files.base import ContentFile

    case = drive("admissibility_review").case
    data = {"outcome": "meets", "criteria": {c: {"met": True, "reasons": "ok"} for c in "abcdef"}}
    first = services.record_with_documents(
        case, "admissibility_determined", actor=officer, data=data, languages=("en",)
    )
    workflow.return_proposal(case, first.seq, actor=director, comment="Edit (c).")
    edited = services.generated_document(
        case, "determination_18_8_2", "en", event_kind="admissibility_determined", data=data
    )
    edited.file = ContentFile(edited.file.read() + b"", name="edited.docx")
    second = workflow.record_event(
        case,
        "admissibility_determined",
        actor=Actor.of(officer),
        data=data,
        documents_in=[edited],
    )
    decision = workflow.approve_proposal(case, second.seq, actor=director)
    assert decision.documents.get().sha256 == second.documents.get().sha256
    assert first.documents.count() == 1  # the generated draft stays in the history


@pytest.mark.parametrize(("language", "tag"), [("es", "es-PE"), ("en", "en-US")])
def test_a_document_declares_its_language_and_its_table_headers(language, tag):
    """Issue 17: a spelling checker and a screen reader read the document in its language, and
    the findings table's first row is announced (and repeated on each page) as its header."""
    _n, _t, content = documents.render("determination_18_8_2", FACTS, language)
    doc = Docx(io.BytesIO(content))
    assert doc.core_properties.language == tag
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == tag
    findings = doc.tables[1]
    header, first = findings.rows[0]._tr, findings.rows[1]._tr
    assert header.trPr is not None and header.trPr.find(qn("w:tblHeader")) is not None
    assert first.trPr is None or first.trPr.find(qn("w:tblHeader")) is None


@pytest.mark.parametrize(
    ("party", "concerning", "addressee"),
    [
        ("PE", "relativa al Perú.", "una respuesta al Gobierno del Perú respecto"),
        ("US", "relativa a los Estados Unidos.", "una respuesta al Gobierno de los Estados Unidos"),
    ],
)
def test_a_spanish_document_names_each_party_with_its_article(party, concerning, addressee):
    """Whole phrases per Party: never "relativa a el Perú" or "a Perú"."""
    facts = documents.CaseFacts(**{**FACTS.__dict__, "party": party})
    acknowledgement = text_of(documents.render("acknowledgement", facts, "es")[2])
    assert concerning in acknowledgement
    assert addressee in text_of(documents.render("request", facts, "es")[2])
    english = text_of(documents.render("acknowledgement", facts, "en")[2])
    assert ("concerning Peru." if party == "PE" else "concerning the United States.") in english
    for text in (acknowledgement, text_of(documents.render("request", facts, "es")[2])):
        assert not re.search(r"\b(?:a|de) el\b", text)


@frozen(D(2023, 6, 15))
def test_a_portal_receipt_names_the_author_whole_and_declares_its_language(pe_focal):
    story = drive("awaiting_response", party="PE")
    event = story.add("party_responded", D(2023, 6, 15), author="party:PE", data={})
    Event.objects.filter(pk=event.pk).update(recorded_by=pe_focal)
    event.refresh_from_db()
    for language, tag, words, stem in (
        ("en", "en-US", "on behalf of the Government of Peru.", "receipt"),
        ("es", "es-PE", "15 de junio de 2023", "recibo"),
    ):
        name, _type, content = receipts.render_receipt_document(event, language)
        # The file is named in its own language too.
        assert name == f"{stem}-SEM-PE-001-2023-{event.seq}.docx"
        doc = Docx(io.BytesIO(content))
        assert doc.core_properties.language == tag
        assert words in text_of(content)
        assert "2023-06-15" not in text_of(content)  # a date as people read it
