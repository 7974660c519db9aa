import datetime
import io
import re
import zipfile

import pytest
from django.utils import translation
from django.utils.text import slugify
from docx import Document as Docx
from docx.oxml.ns import qn

from notices import documents, receipts, services, wording
from tests.helpers_cases import drive, frozen
from tests.parties import CODES, CRITERIA, SLUG, A, es, name
from workflow import services as workflow
from workflow import treaty
from workflow.actors import Actor
from workflow.models import Event

pytestmark = pytest.mark.django_db

D = datetime.date
# What each profile writes, literally: the identifiers of Party A's second and first cases of
# 2023 (the second as a file name), its article on admissibility, its Spanish signature and
# criterion (a), its documents' language tags, the last criterion's letter, and each Party's
# whole phrases (Spanish acknowledgement, Spanish request, English acknowledgement).
PROFILE_WORDS = {
    "us-peru-tpa": {
        "second": "SEM/PE/002/2023",
        "second_file": "SEM-PE-002-2023",
        "first": "SEM/PE/001/2023",
        "first_file": "SEM-PE-001-2023",
        "article_en": "Article 18.8.2",
        "article_es": "artículo 18.8.2",
        "signature_es": "Secretaría para Asuntos de Cumplimiento Ambiental",
        "criterion_a_es": "(a) se presenta por escrito en inglés o en español",
        "letters": ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)"],
        "tags": {"es": "es-PE", "en": "en-US"},
        "languages": ["es", "en"],
        "on_behalf_en": "on behalf of the Government of Peru.",
        "phrases": [
            ("PE", "relativa al Perú.", "una respuesta al Gobierno del Perú respecto", "Peru."),
            (
                "US",
                "relativa a los Estados Unidos.",
                "una respuesta al Gobierno de los Estados Unidos",
                "the United States.",
            ),
        ],
    },
    "usmca-cec": {
        "second": "SEM-23-002",
        "second_file": "SEM-23-002",
        "first": "SEM-23-001",
        "first_file": "SEM-23-001",
        "article_en": "Article 24.27(2)",
        "article_es": "artículo 24.27(2)",
        "signature_es": "Secretariado de la Comisión para la Cooperación Ambiental",
        "criterion_a_es": "(a) se presenta por escrito en español, francés o inglés",
        "letters": ["(a)", "(b)", "(c)", "(d)", "(e)"],
        "tags": {"es": "es-MX", "en": "en-CA"},
        "languages": ["es", "en", "fr"],
        "on_behalf_en": "on behalf of the Government of Mexico.",
        "phrases": [
            ("MX", "relativa a México.", "una respuesta al Gobierno de México respecto", "Mexico."),
            (
                "US",
                "relativa a los Estados Unidos.",
                "una respuesta al Gobierno de los Estados Unidos",
                "the United States.",
            ),
            ("CA", "relativa a Canadá.", "una respuesta al Gobierno de Canadá respecto", "Canada."),
        ],
    },
    "cafta-dr": {
        "second": "CAALA/23/002",
        "second_file": "CAALA-23-002",
        "first": "CAALA/23/001",
        "first_file": "CAALA-23-001",
        "article_en": "Article 17.7.2",
        "article_es": "artículo 17.7.2",
        "signature_es": "Secretaría de Asuntos Ambientales",
        "criterion_a_es": "(a) se presenta por escrito en inglés o en español",
        "letters": ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)"],
        "tags": {"es": "es-GT", "en": "en-US"},
        "languages": ["es", "en"],
        "on_behalf_en": "on behalf of the Government of Guatemala.",
        "phrases": [
            (
                "GT",
                "relativa a Guatemala.",
                "una respuesta al Gobierno de Guatemala respecto",
                "Guatemala.",
            ),
            (
                "US",
                "relativa a los Estados Unidos.",
                "una respuesta al Gobierno de los Estados Unidos",
                "the United States.",
            ),
            (
                "CR",
                "relativa a Costa Rica.",
                "una respuesta al Gobierno de Costa Rica respecto",
                "Costa Rica.",
            ),
            (
                "DO",
                "relativa a la República Dominicana.",
                "una respuesta al Gobierno de la República Dominicana respecto",
                "the Dominican Republic.",
            ),
            (
                "SV",
                "relativa a El Salvador.",
                "una respuesta al Gobierno de El Salvador respecto",
                "El Salvador.",
            ),
            (
                "HN",
                "relativa a Honduras.",
                "una respuesta al Gobierno de Honduras respecto",
                "Honduras.",
            ),
            (
                "NI",
                "relativa a Nicaragua.",
                "una respuesta al Gobierno de Nicaragua respecto",
                "Nicaragua.",
            ),
        ],
    },
}[SLUG]
FACTS = documents.CaseFacts(
    reference=PROFILE_WORDS["second"],
    code=f"{PROFILE_WORDS['second']}/D1",
    on=D(2023, 4, 10),
    title="Concesiones forestales",
    party=A,
    filed_on=D(2023, 3, 10),
    submitters=["Asociación Amazónica"],
    outcome="does_not_meet",
    # Every criterion of the profile met but (c).
    findings={c: {"met": c != "c", "reasons": f"R-{c}"} for c in CRITERIA},
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
    # Words the same in both languages: "Factor", and a Party's name that is (CAFTA-DR's
    # Guatemala, Costa Rica...; none of the TPA's or the CEC's).
    same = {"Factor"} | {name(code) for code in CODES if name(code) == name(code, "es")}
    return fragments - same


@pytest.mark.parametrize("kind", documents.KINDS)
def test_each_document_opens_with_identifier_and_code(kind):
    filename, content_type, content = documents.render(kind, FACTS, "en")
    title = wording.tables_for(FACTS.filed_on)[1]["en"][kind]
    name = slugify(title.replace(".", "-"))[:60].rstrip("-")
    if kind == "determination_18_8_2" and SLUG == "us-peru-tpa":
        assert name == "determination-under-article-18-8-2"
    assert filename == f"{PROFILE_WORDS['second_file']}-D1-{name}-en.docx"
    # In its own language, after its title (walk 37): Spanish words, no accents.
    spanish = documents.render(kind, FACTS, "es")[0]
    assert spanish.endswith("-es.docx") and spanish.isascii()
    if kind == "acknowledgement":
        assert spanish == f"{PROFILE_WORDS['second_file']}-D1-acuse-de-recibo-es.docx"
    assert content_type == documents.DOCX
    text = text_of(content)
    assert PROFILE_WORDS["second"] in text
    assert f"{PROFILE_WORDS['second']}/D1" in text
    assert wording.TITLES["en"][kind] in text
    assert "10 April 2023" in text
    assert "LETTERHEAD" in text


@pytest.mark.parametrize("kind", documents.KINDS)
def test_each_spanish_document_has_no_english_template_text(kind):
    _name, _type, content = documents.render(kind, FACTS, "es")
    text = text_of(content)
    assert wording.TITLES["es"][kind] in text
    assert "10 de abril de 2023" in text
    assert PROFILE_WORDS["signature_es"] in text
    leaked = sorted(f for f in english_fragments() if f in text)
    assert leaked == []


def test_the_admissibility_determination_lists_every_criterion_with_its_finding():
    _n, _t, content = documents.render("determination_18_8_2", FACTS, "en")
    table = Docx(io.BytesIO(content)).tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Criterion", "Finding", "Reasons"]
    letters = PROFILE_WORDS["letters"]  # TPA: (a)–(f); CEC: (a)–(e)
    assert [r[0][:3] for r in rows[1:]] == letters
    assert [r[1] for r in rows[1:]] == ["Met", "Met", "Not met", "Met", "Met", "Met"][
        : len(letters)
    ]
    assert [r[2] for r in rows[1:]] == ["R-a", "R-b", "R-c", "R-d", "R-e", "R-f"][: len(letters)]
    assert f"does not meet the criteria of {PROFILE_WORDS['article_en']}" in text_of(content)
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
    ][: len(letters)]
    assert rows[1][0] == PROFILE_WORDS["criterion_a_es"]
    assert f"no cumple los requisitos del {PROFILE_WORDS['article_es']}" in text_of(spanish)


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
    criteria = {c: {"met": True, "reasons": f"({c}) ok"} for c in CRITERIA}
    proposal = services.record_with_documents(
        case,
        "admissibility_determined",
        actor=officer,
        data={"outcome": "meets", "criteria": criteria},
    )
    assert proposal.kind == "proposed"
    drafts = list(proposal.documents.order_by("position"))
    # The case's language first, then each other language of the profile (the CEC's French).
    languages = PROFILE_WORDS["languages"]
    assert [(d.language, d.visibility) for d in drafts] == [
        (language, "secretariat") for language in languages
    ]
    decision = workflow.approve_proposal(case, proposal.seq, actor=director)
    issued = list(decision.documents.order_by("position"))
    code = f"{PROFILE_WORDS['first']}/D1"
    assert [(d.language, d.visibility, d.code) for d in issued] == [
        (language, "public", code) for language in languages
    ]
    for translation_ in drafts[1:]:
        assert translation_.translation_of == drafts[0] and translation_.official_translation
    english = issued[1]
    assert english.sha256 == drafts[1].sha256 and len(english.sha256) == 64
    with english.file.open("rb") as fh:
        text = text_of(fh.read())
    assert code in text and f"{PROFILE_WORDS['letters'][-1]} ok" in text


@frozen(D(2023, 3, 13))
def test_the_public_acknowledgement_withholds_a_withheld_name(officer):
    case = drive("admissibility_review", acknowledged=False).case
    case.memberships.get().submitter.__class__.objects.update(confidential=True)
    event = services.record_with_documents(case, "acknowledged", actor=officer)
    case.refresh_from_db()
    assert case.identifier == PROFILE_WORDS["first"]
    document = event.documents.get(language="en")
    assert document.visibility == "public"
    with document.file.open("rb") as fh:
        text = text_of(fh.read())
    assert PROFILE_WORDS["first"] in text
    assert "Asociación Amazónica" not in text
    assert "Name withheld at the submitter's request" in text  # the particulars' label
    # In the sentence a phrase, not the label with its capital (the helper's walk), and no
    # "Document code" row repeating the identifier.
    assert "by a submitter whose name is withheld at their request" in text
    assert "Document code" not in text
    with event.documents.get(language="es").file.open("rb") as fh:
        spanish = text_of(fh.read())
    assert "por una persona cuyo nombre se reserva a su solicitud" in spanish
    assert "por Nombre reservado" not in spanish
    assert "Código del documento" not in spanish


def _acknowledged_with_a_withheld_co_filer(case, officer) -> dict:
    """The acknowledgement's text in each language, once a co-filer whose name is withheld
    joined ``case``."""
    from submissions.models import SubmissionSubmitter, Submitter

    withheld = Submitter.objects.create(
        name="Persona Reservada", kind="individual", confidential=True
    )
    SubmissionSubmitter.objects.create(
        submission=case, submitter=withheld, position=1, joined_on=case.filed_on
    )
    event = services.record_with_documents(case, "acknowledged", actor=officer)
    texts = {}
    for document in event.documents.all():
        with document.file.open("rb") as fh:
            texts[document.language] = " ".join(text_of(fh.read()).split())
    return texts


@frozen(D(2023, 3, 13))
def test_the_sentence_lists_a_named_and_a_withheld_submitter_as_the_language_does(officer):
    """Walk 17: "por Asociación Amazónica; un remitente cuyo nombre se reserva…" read as two
    sentences glued by a semicolon."""
    case = drive("admissibility_review", acknowledged=False).case
    texts = _acknowledged_with_a_withheld_co_filer(case, officer)
    named = case.memberships.order_by("position").first().submitter.name
    assert f"by {named} and a submitter whose name is withheld at their request" in texts["en"]
    # An organization's name takes its article in Spanish (walk 145).
    assert f"por la {named} y una persona cuyo nombre se reserva a su solicitud" in texts["es"]
    assert "Persona Reservada" not in texts["en"] + texts["es"]


@frozen(D(2023, 4, 10))
def test_an_edited_draft_replaces_the_generated_one_and_history_keeps_both(officer, director):
    from django.core.files.base import ContentFile

    case = drive("admissibility_review").case
    data = {"outcome": "meets", "criteria": {c: {"met": True, "reasons": "ok"} for c in CRITERIA}}
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


@pytest.mark.parametrize(("language", "tag"), list(PROFILE_WORDS["tags"].items()))
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


@pytest.mark.parametrize(("party", "concerning", "addressee", "english"), PROFILE_WORDS["phrases"])
def test_a_spanish_document_names_each_party_with_its_article(
    party, concerning, addressee, english
):
    """Whole phrases per Party: never "relativa a el Perú" or "a Perú"."""
    facts = documents.CaseFacts(**{**FACTS.__dict__, "party": party})
    acknowledgement = text_of(documents.render("acknowledgement", facts, "es")[2])
    assert concerning in acknowledgement
    assert addressee in text_of(documents.render("request", facts, "es")[2])
    assert f"concerning {english}" in text_of(documents.render("acknowledgement", facts, "en")[2])
    for text in (acknowledgement, text_of(documents.render("request", facts, "es")[2])):
        assert not re.search(r"\b(?:a|de) el\b", text)


@frozen(D(2023, 6, 15))
def test_a_portal_receipt_names_the_author_whole_and_declares_its_language(a_focal):
    story = drive("awaiting_response", party=A)
    event = story.add("party_responded", D(2023, 6, 15), author=f"party:{A}", data={})
    Event.objects.filter(pk=event.pk).update(recorded_by=a_focal)
    event.refresh_from_db()
    for language, tag, words, stem in (
        ("en", PROFILE_WORDS["tags"]["en"], PROFILE_WORDS["on_behalf_en"], "receipt"),
        ("es", PROFILE_WORDS["tags"]["es"], "15 de junio de 2023", "recibo"),
    ):
        name, _type, content = receipts.render_receipt_document(event, language)
        # The file is named in its own language too.
        assert name == f"{stem}-{PROFILE_WORDS['first_file']}-{event.seq}.docx"
        doc = Docx(io.BytesIO(content))
        assert doc.core_properties.language == tag
        # Walk 24: "generated by python-docx", 2013, and no title.
        properties = doc.core_properties
        assert properties.title.endswith(f" — {event.submission.reference}")
        assert properties.author == text_of(content).splitlines()[0]
        assert "python-docx" not in f"{properties.author} {properties.comments}"
        assert properties.created.year == event.recorded_at.year
        assert words in text_of(content)
        assert "2023-06-15" not in text_of(content)  # a date as people read it


@frozen(D(2023, 3, 13))
def test_a_name_withheld_after_a_document_was_issued_leaves_its_public_download(officer):
    """Walk 19: a submitter withheld her name once the case had closed; the pages dropped it,
    but ten public downloads of formal documents still named her."""
    from django.test import Client

    case = drive("admissibility_review", acknowledged=False).case
    name = case.memberships.get().submitter.name
    event = services.record_with_documents(case, "acknowledged", actor=officer)
    case.refresh_from_db()
    document = event.documents.get(language="en")
    url = f"/en/docket/{case.slug}/documents/{document.pk}/"
    assert name in text_of(Client().get(url).getvalue())  # named, as filed
    workflow.record_event(
        case,
        "identity_withheld",
        actor=None,
        data={"submitter": 0},
        importing=workflow.ImportOptions(),
    )
    response = Client().get(url)
    assert response["Content-Disposition"].startswith("attachment")
    text = text_of(response.content)
    assert name not in text
    assert "by a submitter whose name is withheld at their request" in text
    assert PROFILE_WORDS["first"] in text  # the same document, composed again
    # The stored file, hashed in the chain, is kept as it was.
    with document.file.open("rb") as fh:
        assert name in text_of(fh.read())


def test_redacting_a_word_file_keeps_the_rest_of_its_wording():
    """An officer's edited file keeps its own wording: only the withheld name goes, by the
    label in the particulars and by the phrase in a sentence (even split across runs)."""
    doc = Docx()
    table = doc.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Presentada por", "Rosa Quispe"
    # A criterion's reasons, a sentence in a cell (walk 151: "identifica a Nombre reservado a
    # solicitud de la persona interesada y a la Asociación").
    table.rows[1].cells[0].text = "(b)"
    table.rows[1].cells[1].text = "La comunicación identifica a Rosa Quispe y a la Asociación."
    split = doc.add_paragraph("Presentada por Rosa ")
    split.add_run("Quispe el 10 de marzo.")
    doc.add_paragraph("Párrafo añadido por la oficial.")
    out = io.BytesIO()
    doc.save(out)
    text = text_of(documents.redact_names(out.getvalue(), ["Rosa Quispe"], "es"))
    assert "Rosa Quispe" not in text
    assert "Presentada por una persona cuyo nombre se reserva a su solicitud el 10" in text
    assert es("Nombre reservado a solicitud de la persona interesada") in text  # the particulars
    assert "identifica a una persona cuyo nombre se reserva a su solicitud y a la" in text
    assert "Párrafo añadido por la oficial." in text
    assert documents.redact_names(out.getvalue(), ["Otra Persona"], "es") is None


@frozen(D(2023, 4, 10))
def test_the_english_reading_of_a_spanish_decision_marks_its_reasons_spanish(officer, settings):
    """Walk 19: on an English document's page the Secretariat's Spanish reasons sat inside
    <article lang="en"> with no language of their own."""
    from django.test import Client

    settings.SEM_FOUR_EYES = False
    case = drive("admissibility_review").case
    assert case.language == "es"
    criteria = {c: {"met": True, "reasons": f"Se cumple ({c})."} for c in CRITERIA}
    event = services.record_with_documents(
        case,
        "admissibility_determined",
        actor=officer,
        data={"outcome": "meets", "criteria": criteria},
        note="La Secretaría examinó la comunicación.",
    )
    english = event.documents.get(language="en")
    page = Client().get(f"/en/docket/{case.slug}/documents/{english.pk}/read/").content.decode()
    assert '<article class="formal-document" lang="en"' in page
    assert '<p lang="es">La Secretaría examinó la comunicación.</p>' in page
    assert '<td lang="es">Se cumple (a).</td>' in page
    assert (
        "The Secretariat&#x27;s reasons are given in Spanish, the language of the submission."
        in (page)
    )


def test_a_version_in_another_language_says_its_reasons_are_the_cases_and_marks_them():
    """Walk 23: the English "official translation" of a Spanish decision kept the Secretariat's
    reasons in Spanish and did not say so; a spelling checker read them as English."""
    facts = documents.CaseFacts(**{**FACTS.__dict__, "language": "es", "reasons": "Motivos."})
    note = "The Secretariat's reasons are given in Spanish, the language of the submission."
    _n, _t, content = documents.render("determination_18_8_2", facts, "en")
    assert note in text_of(content)
    doc = Docx(io.BytesIO(content))
    tag = PROFILE_WORDS["tags"]["es"]
    reasons = next(p for p in doc.paragraphs if p.text == "Motivos.")
    assert reasons.runs[0]._r.rPr.find(qn("w:lang")).get(qn("w:val")) == tag
    first_reason = doc.tables[1].rows[1].cells[2].paragraphs[0].runs[0]
    assert first_reason.text == f"R-{CRITERIA[0]}"
    assert first_reason._r.rPr.find(qn("w:lang")).get(qn("w:val")) == tag
    # The version in the case's own language says nothing of the sort.
    _n, _t, content = documents.render("determination_18_8_2", facts, "es")
    assert "Spanish" not in text_of(content)
    assert "español, el idioma" not in text_of(content)


def test_an_acknowledgement_carries_a_note_a_determination_reasons():
    """Walk 45: the acknowledgement's note stood under "Reasons of the Secretariat", though it
    decides nothing."""
    facts = documents.CaseFacts(**{**FACTS.__dict__, "language": "es", "reasons": "Nota."})
    acknowledgement = text_of(documents.render("acknowledgement", facts, "en")[2])
    assert "Note of the Secretariat" in acknowledgement
    assert "Reasons of the Secretariat" not in acknowledgement
    assert "The Secretariat's note is given in Spanish" in acknowledgement
    determination = text_of(documents.render("determination_18_8_2", facts, "en")[2])
    assert "Reasons of the Secretariat" in determination and "Note of" not in determination
    spanish = text_of(documents.render("acknowledgement", facts, "es")[2])
    assert (
        "Nota de" in spanish and "Razones" not in spanish
    )  # "de la Secretaría", "del Secretariado"


def test_a_title_in_another_language_says_which():
    """Walk 48: the English version of a document gave the case's Spanish title, with no
    English one set, as if it were English. Where the title is not in the document's language,
    the particulars name its language, in the document's words."""
    facts = documents.CaseFacts(**{**FACTS.__dict__, "title_language": "es"})
    _name, _type, english = documents.render("acknowledgement", facts, "en")
    _name, _type, spanish = documents.render("acknowledgement", facts, "es")
    assert "Concesiones forestales (Spanish)" in text_of(english)
    assert "Concesiones forestales" in text_of(spanish)
    assert "Concesiones forestales (" not in text_of(spanish)


def test_a_generated_version_names_the_language_of_the_cases_title():
    """The same, as the workspace generates them: a case filed in Spanish with no English
    title."""
    from notices.services import generated_documents
    from tests.factories import file_case

    case = file_case(on=D(2023, 3, 10))
    assert not case.title_en
    versions = {
        item.language: text_of(item.file.read())
        for item in generated_documents(case, "acknowledged", data={})
    }
    assert f"{case.title_es} (Spanish)" in versions["en"]
    assert f"{case.title_es} (" not in versions["es"]


@frozen(D(2023, 3, 13))
def test_several_withheld_names_are_one_phrase(officer):
    """Walk 62: with both filers withheld the acknowledgement read "by a submitter whose name
    is withheld at their request and a submitter whose name is withheld at their request"."""
    from submissions.models import Submitter

    case = drive("admissibility_review", acknowledged=False).case
    Submitter.objects.filter(pk=case.memberships.get().submitter_id).update(confidential=True)
    texts = _acknowledged_with_a_withheld_co_filer(case, officer)
    assert "by 2 submitters whose names are withheld at their request," in texts["en"]
    assert "por 2 personas cuyos nombres se reservan a su solicitud," in texts["es"]
    assert "whose name is withheld" not in texts["en"]


def test_redacting_a_list_of_withheld_names_makes_one_phrase():
    """The same in a Word file whose names were withheld after it was issued; a list with a
    named person before the withheld ones is left as it reads."""
    doc = Docx()
    doc.add_paragraph("Presentada por Rosa Quispe y Ana Torres el 10 de marzo.")
    doc.add_paragraph("Presentada por Asociación Viva, Rosa Quispe y Ana Torres el 10 de marzo.")
    out = io.BytesIO()
    doc.save(out)
    text = text_of(documents.redact_names(out.getvalue(), ["Rosa Quispe", "Ana Torres"], "es"))
    one = "una persona cuyo nombre se reserva a su solicitud"
    assert "Presentada por 2 personas cuyos nombres se reservan a su solicitud el 10" in text
    assert f"Presentada por Asociación Viva, {one} y {one} el 10" in text


def test_redacting_a_name_reads_every_header_and_footer_and_a_file_without_sections():
    """Walk 170: a Word file without section properties (valid, if not Word's own) made the
    redaction fail with an IndexError: a 500 for each reader it was made for. A name in a
    footer, or in a later section's header, stayed."""
    doc = Docx()
    doc.add_paragraph("Presentada por Rosa Quispe.")
    doc.sections[0].footer.paragraphs[0].text = "Copia de Rosa Quispe"
    later = doc.add_section()
    later.header.is_linked_to_previous = False
    later.header.paragraphs[0].text = "Rosa Quispe, anexo"
    out = io.BytesIO()
    doc.save(out)
    redacted = Docx(io.BytesIO(documents.redact_names(out.getvalue(), ["Rosa Quispe"], "es")))
    parts = [s.footer for s in redacted.sections] + [s.header for s in redacted.sections]
    assert not any("Rosa Quispe" in p.text for part in parts for p in part.paragraphs)
    assert "Rosa Quispe" not in text_of(
        documents.redact_names(out.getvalue(), ["Rosa Quispe"], "es")
    )
    bare = Docx()
    bare.add_paragraph("Presentada por Rosa Quispe.")
    body = bare.element.body
    body.remove(body.sectPr)
    out = io.BytesIO()
    bare.save(out)
    assert not Docx(io.BytesIO(out.getvalue())).sections  # no section at all
    redacted = Docx(io.BytesIO(documents.redact_names(out.getvalue(), ["Rosa Quispe"], "es")))
    text = [p.text for p in redacted.paragraphs]
    assert text == ["Presentada por una persona cuyo nombre se reserva a su solicitud."]


def test_a_word_file_python_docx_cannot_read_is_left_to_the_byte_level_redaction():
    """A file that passed the upload's check as Word but whose parts python-docx cannot read
    is not a 500: ``redact_names`` gives it up (``redaction.without_names`` still replaces the
    names in each of its XML parts)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>Rosa Quispe")
    assert documents.redact_names(out.getvalue(), ["Rosa Quispe"], "es") is None
    assert documents.redact_names(b"not a zip at all", ["Rosa Quispe"], "es") is None


def test_the_request_lists_as_forwarded_only_what_the_party_concerned_reads():
    """Walks 170 and 174: the request listed as forwarded information the submitters added,
    read by them and the Secretariat alone; the Party concerned never found it."""
    from submissions.storage import DocumentInput
    from tests.portals.conftest import stored_pdf

    story = drive("response_decision")
    for title, level in (("Sus notas", None), ("Anexo confidencial", "party_concerned")):
        story.add(
            "information_added",
            author="submitter",
            **({"visibility": level} if level else {}),
            documents_in=[
                DocumentInput(
                    title=title, language="es", file=stored_pdf(), visibility=level or "submitter"
                )
            ],
        )
    assert services.forwarded_titles(story.case) == ["Anexo confidencial"]
