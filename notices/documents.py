"""Renderers of the formal documents: pure functions from a case's facts to
``(filename, content_type, bytes)`` with python-docx. They decide nothing and read no database:
``notices.services`` gathers the facts (withheld names already replaced for a public version),
decides when, and stores the result through the workflow.

The content is composed once (``compose``: a list of blocks) and written twice: into the .docx
here, and into the docket's HTML reading view (``templates/docket/document.html``), so that the
two cannot say different things."""

import datetime
import io
import logging
import re
from dataclasses import dataclass, field

from babel import Locale
from babel.lists import format_list
from django.utils import translation
from django.utils.text import slugify
from docx import Document as Docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from notices.wording import TITLES, date_in, party_phrases, period_in, tables_for
from submissions import access, profiles, withheld
from submissions.texts import semicolon
from workflow import treaty
from workflow.deadlines import period_of

logger = logging.getLogger(__name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KINDS = tuple(TITLES["en"])
# The documents of acts that decide nothing: what the Secretariat writes on them is a note.
NOTED = frozenset({"acknowledgement", "request", "draft_cover", "final_cover", "publication"})
# The language a document declares, so that a spelling checker and a screen reader read it as
# written: the profile's (Peruvian Spanish and American English under the TPA).
LANGUAGE_TAGS = profiles.installed().language_tags


@dataclass
class CaseFacts:
    """What a document says about a case. ``submitters`` are the names as this version may
    show them (the withheld label in a public version)."""

    reference: str
    code: str
    on: datetime.date
    title: str
    party: str  # PE or US: the documents name it in words (wording.party_phrases)
    filed_on: datetime.date
    submitters: list[str] = field(default_factory=list)
    organizations: frozenset = frozenset()  # the names of those that are organizations
    outcome: str = ""
    findings: dict = field(default_factory=dict)  # criteria or factors: {"a": {"met", "reasons"}}
    factors: dict = field(default_factory=dict)  # a combined determination's factors
    reasons: str = ""  # the Secretariat's reasons, in the language it wrote them
    language: str = ""  # the case's, which the reasons (and the findings' reasons) are in
    closure: str = ""
    letterhead: str = ""
    forwarded: list[str] = field(default_factory=list)  # a request's supporting information
    # A publication's Parties whose comments on the draft are published with the record
    # (``attach_comments``, where the profile does so).
    attached: list[str] = field(default_factory=list)
    # The language ``title`` is in, where the case has none in the document's (walk 48: an
    # English version gave the Spanish title as if it were English).
    title_language: str = ""
    # The code of the determination a letter issued with it carries out (the request for a
    # response: its own row has no code, walk 58).
    determination: str = ""


@dataclass
class Block:
    """One piece of a document: ``letterhead``, ``title``, ``particulars`` (label, value
    rows), ``paragraph``, ``list`` (items), ``findings`` (columns and rows), ``heading``,
    ``signature``."""

    kind: str
    text: str = ""
    rows: list = field(default_factory=list)
    columns: list = field(default_factory=list)
    lang: str = ""  # the language of its words where not the document's (the reasons)


def render(kind: str, facts: CaseFacts, language: str) -> tuple[str, str, bytes]:
    """The document ``kind`` (one of ``KINDS``) in ``language``."""
    blocks = compose(kind, facts, language)
    titles = tables_for(facts.filed_on)[1]
    title = titles[language][kind]
    with translation.override(language):
        content = _docx(blocks, title, language, on=facts.on)
    stem = (facts.code or facts.reference).replace("/", "-")
    # Named after its title, in its language (walk 37: the "Acuse de recibo" downloaded as
    # "…-acknowledgement-es.docx"; the Party's receipt was already "recibo-…").
    # An article's dots as hyphens (walk 39: "articulo-1882" read as article 1882).
    name = slugify(title.replace(".", "-"))[:60].rstrip("-")
    return f"{stem}-{name}-{language}.docx", DOCX, content


def compose(kind: str, facts: CaseFacts, language: str) -> list[Block]:
    """What the document ``kind`` says, in ``language``, as blocks."""
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    with translation.override(language):
        return _compose(kind, facts, language)


# The documents that print the findings on the criteria or factors.
FINDINGS = ("determination_18_8_2", "determination_18_8_4", "determination_combined")


def _in_sentence(names, labels: dict, language: str, organizations=frozenset()) -> str:
    """The submitters inside a sentence: a withheld name is a phrase, not the particulars'
    capitalised label, and several withheld names are one ("2 personas cuyos nombres…", walk
    62); the names are a list as the language writes one ("A y B", "A, B et C"; CLDR)."""
    label = str(access.WITHHELD_LABEL)
    items = withheld.grouped(
        (
            (with_article(name, language) if name in organizations else name, name == label)
            for name in names
        ),
        labels["withheld_in_sentence"],
        labels["withheld_many"],
    )
    return format_list(items, locale=language) if items else ""


# An organization's name inside a sentence takes its article where its first word is a noun
# that wants one (walk 145: "por María Quispe y Asociación de Pescadores del Nanay"); a
# person's name never does.
ARTICLES = {
    "es": {
        "la ": "asociación comunidad federación fundación red sociedad coordinadora organización "
        "confederación cooperativa unión comisión mesa plataforma alianza liga agrupación "
        "corporación cámara junta defensoría universidad iniciativa central",
        "el ": "instituto centro comité colectivo consejo movimiento frente grupo observatorio "
        "foro sindicato fondo consorcio colegio",
    },
    "fr": {
        "l’": "association alliance organisation institut union observatoire agence",
        "la ": "fédération fondation société coalition ligue coopérative communauté coordination",
        "le ": "centre comité collectif conseil mouvement front groupe réseau syndicat fonds "
        "regroupement",
    },
}


def with_article(name: str, language: str) -> str:
    """An organization's ``name`` with the article a sentence of ``language`` gives it ("la
    Asociación …"), where its first word is one of ``ARTICLES``; else as it is."""
    first = name.split(" ", 1)[0].casefold()
    for article, nouns in ARTICLES.get(language, {}).items():
        if first in nouns.split():
            return article + name
    return name


# The prepositions a language contracts with an article ``with_article`` gives (walk 163: "A la
# atención de el Colectivo Agua Limpia:").
CONTRACTIONS = {"es": {"el ": (("de ", "del "), ("a ", "al "))}}


def contracted(text: str, named: str, language: str) -> str:
    """``text`` with a preposition before ``named`` (an organization's name with the article
    ``with_article`` gave it) contracted with that article, as ``language`` requires."""
    for article, pairs in CONTRACTIONS.get(language, {}).items():
        if named.startswith(article):
            rest = named[len(article) :]
            for plain, joined in pairs:
                pattern = re.compile(rf"\b{re.escape(plain + named)}")
                text = pattern.sub(lambda _match, new=joined + rest: new, text)
    return text


def _listed(names) -> list[str]:
    """The particulars' names, several withheld ones as one label (``withheld.public_names``)."""
    label = str(access.WITHHELD_LABEL)
    return withheld.public_names((name, name == label) for name in names)


def _compose(kind: str, facts: CaseFacts, language: str) -> list[Block]:
    all_labels, titles, closures, bodies = tables_for(facts.filed_on)
    labels, body = all_labels[language], bodies[language]
    values = {
        "reference": facts.reference,
        "title": facts.title,
        "filed_on": date_in(facts.filed_on, language),
        "submitters": _in_sentence(facts.submitters, labels, language, facts.organizations),
        "closure": closures[language].get(facts.closure, facts.closure),
        "revision_period": period_in(*period_of("revision", facts.filed_on), language),
        **party_phrases(facts.party, language),
    }
    blocks = [
        Block("letterhead", facts.letterhead),
        Block("title", titles[language][kind]),
        Block(
            "particulars",
            rows=[
                (labels["identifier"], facts.reference),
                # A document without a code of its own (an acknowledgement, a cover letter)
                # does not repeat the identifier as its code.
                *([(labels["code"], facts.code)] if facts.code else []),
                *(
                    [(labels["determination_code"], facts.determination)]
                    if facts.determination
                    else []
                ),
                (labels["date"], date_in(facts.on, language)),
                (labels["submission"], _title_as_given(facts, language)),
                (labels["submitters"], semicolon(language).join(_listed(facts.submitters))),
                (labels["party"], values["party"]),
            ],
        ),
    ]

    # The Secretariat's reasons stay in the case's language in every version: a version in
    # another language says so (walk 23: an "official translation" with Spanish reasons). What
    # it writes on an act that decides nothing is a note (walk 45: an acknowledgement's note
    # stood under "Reasons of the Secretariat").
    said = "note" if kind in NOTED else "reasons"
    quoted = facts.language if facts.language and facts.language != language[:2] else ""
    # Only what this document prints: a letter issued with a determination shows none of its
    # findings (walk 56: "The Secretariat's note is given in Spanish" over no note at all).
    findings = [*facts.findings.values(), *facts.factors.values()] if kind in FINDINGS else []
    if quoted and (
        facts.reasons.strip() or any((finding or {}).get("reasons") for finding in findings)
    ):
        name = Locale.parse(language).languages.get(quoted, quoted)
        blocks.append(Block("paragraph", labels[f"{said}_language"] % {"language": name}))

    # The treaty's texts the case is determined against (an earlier era's for an old case).
    criteria, factors = treaty.criteria_for(facts.filed_on), treaty.factors_for(facts.filed_on)

    def paragraph(key):
        blocks.append(Block("paragraph", body[key] % values))

    if kind == "acknowledgement":
        paragraph("acknowledgement")
    elif kind == "determination_18_8_2":
        paragraph("criteria_intro")
        blocks.append(_findings(criteria, facts.findings, labels, labels["criterion"], facts))
        paragraph("meets" if facts.outcome == "meets" else "does_not_meet")
        if facts.outcome != "meets":  # walk 56: the period went unsaid, and "submitters" of one
            paragraph("revision_one" if len(facts.submitters) == 1 else "revision_many")
    elif kind == "determination_18_8_4":
        paragraph("factors_intro")
        blocks.append(_findings(factors, facts.findings, labels, labels["factor"], facts, True))
        paragraph("request" if facts.outcome == "request" else "no_request")
    elif kind == "determination_combined":
        paragraph("criteria_intro")
        blocks.append(_findings(criteria, facts.findings, labels, labels["criterion"], facts))
        paragraph("factors_intro")
        blocks.append(_findings(factors, facts.factors, labels, labels["factor"], facts, True))
        paragraph("combined_request" if facts.outcome == "request" else "combined_no_request")
    elif kind == "request":
        paragraph("request_letter")
        paragraph("request_forwarded" if facts.forwarded else "request_forwarded_alone")
        blocks.append(Block("list", rows=[facts.title, *facts.forwarded]))
        paragraph("request_due")
    elif kind in ("notification", "not_warranted", "draft_cover", "final_cover", "closing"):
        paragraph(kind)
    elif kind == "publication":
        paragraph("publication")
        if facts.attached:
            names = semicolon(language).join(
                party_phrases(code, language)["party"] for code in facts.attached
            )
            blocks.append(Block("paragraph", body["publication_comments"] % {"parties": names}))
    if facts.reasons:
        blocks.append(Block("heading", labels[f"{said}_heading"]))
        for text in facts.reasons.split("\n\n"):
            if text.strip():
                # The Secretariat's own words, in the case's language whatever the document's.
                blocks.append(Block("reasons", text.strip(), lang=facts.language))
    blocks.append(Block("signature", labels["signature"]))
    return blocks


def _title_as_given(facts: CaseFacts, language: str) -> str:
    """The case's title, followed by the name of its language where that is not the
    document's ("Mercurio en el río (Spanish)")."""
    given = facts.title_language[:2]
    if not given or given == language[:2]:
        return facts.title
    return f"{facts.title} ({Locale.parse(language).languages.get(given, given)})"


def _findings(
    texts: dict, findings: dict, labels: dict, heading: str, facts: CaseFacts, yes_no=False
) -> Block:
    """Each criterion (or factor) with its finding and reasons."""
    rows = []
    for letter, text in texts.items():
        finding = findings.get(letter) or {}
        met = finding.get("met", finding.get("finding"))
        if met is None:
            word = "—"
        elif yes_no:
            word = labels["yes"] if met else labels["no"]
        else:
            word = labels["met"] if met else labels["not_met"]
        rows.append((str(treaty.lettered(letter, text)), word, str(finding.get("reasons", ""))))
    columns = [heading, labels["finding"], labels["reasons"]]
    return Block("findings", rows=rows, columns=columns, lang=facts.language)


def set_language(doc, language: str) -> None:
    """Declare ``language`` ("es" or "en") as the document's: in its properties and as the
    default language of its text (``w:lang`` of the styles' defaults, which every style and
    run inherits)."""
    tag = LANGUAGE_TAGS.get(language[:2], language)
    doc.core_properties.language = tag
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)


def set_properties(doc, *, title: str, author: str, on=None) -> None:
    """The file's own properties name the Secretariat and the document's date, not
    python-docx's template ("generated by python-docx", 2013)."""
    properties = doc.core_properties
    properties.title = title
    properties.comments = ""
    properties.author = properties.last_modified_by = author
    if on is not None:
        noon = datetime.datetime.combine(on, datetime.time(12))
        properties.created = properties.modified = noon


def set_run_language(run, language: str) -> None:
    """Declare the language of one run's words where it is not the document's (``w:lang``),
    so that a spelling checker and a screen reader read the case's reasons as such."""
    tag = LANGUAGE_TAGS.get(language[:2], language)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    run._r.get_or_add_rPr().append(lang)


def mark_header_row(row) -> None:
    """Mark a table's first row as its header (``w:tblHeader``): repeated on each page and
    announced as column headers by a screen reader."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    properties.append(header)


def _docx(blocks: list[Block], title: str, language: str, on=None) -> bytes:
    doc = Docx()
    doc.styles["Normal"].font.size = Pt(11)
    signer = next((b.text for b in blocks if b.kind == "letterhead"), "")
    set_properties(doc, title=title, author=signer, on=on)
    set_language(doc, language)
    for block in blocks:
        if block.kind == "letterhead":
            doc.sections[0].header.paragraphs[0].text = block.text
            doc.add_paragraph(block.text).runs[0].bold = True
        elif block.kind == "title":
            doc.add_heading(block.text, level=1)
        elif block.kind == "particulars":
            table = doc.add_table(rows=0, cols=2)
            for label, value in block.rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, value
        elif block.kind == "findings":
            table = doc.add_table(rows=1, cols=len(block.columns))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.columns, strict=True):
                cell.text = text
                cell.paragraphs[0].runs[0].bold = True
            mark_header_row(table.rows[0])
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
                if block.lang and cells[-1].paragraphs[0].runs:
                    set_run_language(cells[-1].paragraphs[0].runs[0], block.lang)
        elif block.kind == "list":
            for item in block.rows:
                doc.add_paragraph(item, style="List Bullet")
        elif block.kind == "heading":
            doc.add_heading(block.text, level=2)
        else:  # paragraph, reasons, signature
            paragraph = doc.add_paragraph(block.text)
            if block.lang and paragraph.runs:
                set_run_language(paragraph.runs[0], block.lang)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _group_phrases(paragraphs, labels: dict, count: int, language: str) -> None:
    """A list of withheld names' phrases in a sentence, each replaced by ``redact_names``, as
    one phrase ("by a submitter whose name … and a submitter whose name …", walk 62), where it
    is the whole list: one preceded by a list's separator has named people before it, and
    stays as it is."""
    phrase = labels["withheld_in_sentence"]
    for paragraph in paragraphs:
        for n in range(count, 1, -1):
            listed = format_list([phrase] * n, locale=language)
            text = paragraph.text
            at = text.find(listed)
            if at < 0 or text[:at].endswith(", ") or not paragraph.runs:
                continue
            paragraph.runs[0].text = text.replace(listed, labels["withheld_many"] % {"count": n})
            for run in paragraph.runs[1:]:
                run.text = ""


def _lists_names(text: str, names) -> bool:
    """Whether a cell's ``text`` is a list of names (each part, between semicolons, one of the
    case's ``names`` or another name), not a sentence that writes one."""
    parts = [part.strip() for part in text.split(";") if part.strip()]
    return (
        bool(parts)
        and all(part in names or not part.endswith(".") for part in parts)
        and not any(len(part.split()) > 8 for part in parts)
    )


def redact_names(content: bytes, names: list[str], language: str) -> bytes | None:
    """The Word file ``content`` with each of ``names`` replaced, or ``None`` if it names none
    of them: in a table cell (the particulars) by the withheld label, in a sentence by the
    documents' phrase for it. A name split across runs takes its paragraph's text into the
    paragraph's first run."""
    labels = tables_for(None)[0][language]
    with translation.override(language):
        label = str(access.WITHHELD_LABEL)
    try:
        doc = Docx(io.BytesIO(content))
    except Exception:  # whatever python-docx raises on a file it cannot read
        # A file python-docx cannot read: ``redaction.without_names``, which the caller runs
        # next, still replaces the names in each of its XML parts.
        logger.warning("a Word file could not be read to redact its names", exc_info=True)
        return None
    cells = [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    phrase = labels["withheld_in_sentence"]
    # Every section's header and footer; a file may have none (walk 170: a valid DOCX without
    # section properties, a 500 for every reader its redaction was made for).
    header = [
        p
        for section in doc.sections
        for part in (section.header, section.footer)
        for p in part.paragraphs
    ]
    found = False
    targets = [(p, True) for p in cells] + [(p, False) for p in doc.paragraphs + header]
    for paragraph, in_cell in targets:
        # A cell that lists names (the particulars) takes the label; a sentence, in a cell too
        # (a criterion's reasons, walk 151: "identifica a Nombre reservado … y a la
        # Asociación"), the phrase.
        words = label if in_cell and _lists_names(paragraph.text, names) else phrase
        for name in names:
            if name not in paragraph.text:
                continue
            found = True
            runs = [run for run in paragraph.runs if name in run.text]
            for run in runs:
                run.text = run.text.replace(name, words)
            if name in paragraph.text and paragraph.runs:  # split across runs
                text = paragraph.text.replace(name, words)
                for run in paragraph.runs[1:]:
                    run.text = ""
                paragraph.runs[0].text = text
    if not found:
        return None
    _group_phrases(doc.paragraphs, labels, len(names), language)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
