"""Renderers of the formal documents: pure functions from a case's facts to
``(filename, content_type, bytes)`` with python-docx. They decide nothing and read no database:
``notices.services`` gathers the facts (withheld names already replaced for a public version),
decides when, and stores the result through the workflow."""

import datetime
import io
from dataclasses import dataclass, field

from django.utils import translation
from docx import Document as Docx
from docx.shared import Pt

from notices.wording import BODY, CLOSURE, LABELS, TITLES, date_in
from workflow import treaty

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KINDS = tuple(TITLES["en"])


@dataclass
class CaseFacts:
    """What a document says about a case. ``submitters`` are the names as this version may
    show them (the withheld label in a public version)."""

    reference: str
    code: str
    on: datetime.date
    title: str
    party: str  # PE or US
    filed_on: datetime.date
    submitters: list[str] = field(default_factory=list)
    outcome: str = ""
    findings: dict = field(default_factory=dict)  # criteria or factors: {"a": {"met", "reasons"}}
    reasons: str = ""  # the Secretariat's reasons, in the language it wrote them
    closure: str = ""
    letterhead: str = ""


def render(kind: str, facts: CaseFacts, language: str) -> tuple[str, str, bytes]:
    """The document ``kind`` (one of ``KINDS``) in ``language``."""
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    with translation.override(language):
        return _render(kind, facts, language)


def _render(kind: str, facts: CaseFacts, language: str) -> tuple[str, str, bytes]:
    labels = LABELS[language]
    body = BODY[language]
    values = {
        "reference": facts.reference,
        "title": facts.title,
        "filed_on": date_in(facts.filed_on, language),
        "submitters": "; ".join(facts.submitters),
        "party": treaty.party_name(facts.party),
        "government": treaty.government_name(facts.party),
        "closure": CLOSURE[language].get(facts.closure, facts.closure),
    }
    doc = Docx()
    doc.styles["Normal"].font.size = Pt(11)
    doc.core_properties.title = TITLES[language][kind]
    doc.core_properties.language = language
    header = doc.sections[0].header.paragraphs[0]
    header.text = facts.letterhead
    doc.add_paragraph(facts.letterhead).runs[0].bold = True
    doc.add_heading(TITLES[language][kind], level=1)
    table = doc.add_table(rows=0, cols=2)
    for label, value in (
        (labels["identifier"], facts.reference),
        (labels["code"], facts.code or facts.reference),
        (labels["date"], date_in(facts.on, language)),
        (labels["submission"], facts.title),
        (labels["party"], values["party"]),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value

    if kind == "acknowledgement":
        doc.add_paragraph(body["acknowledgement"] % values)
    elif kind == "determination_18_8_2":
        doc.add_paragraph(body["criteria_intro"])
        _findings(doc, treaty.CRITERIA, facts.findings, labels, labels["criterion"])
        doc.add_paragraph(body["meets" if facts.outcome == "meets" else "does_not_meet"])
    elif kind == "determination_18_8_4":
        doc.add_paragraph(body["factors_intro"])
        _findings(doc, treaty.FACTORS, facts.findings, labels, labels["factor"], yes_no=True)
        doc.add_paragraph(body["request" if facts.outcome == "request" else "no_request"])
    elif kind == "request":
        doc.add_paragraph(body["request_letter"] % values)
        doc.add_paragraph(body["request_due"])
    elif kind == "notification":
        doc.add_paragraph(body["notification"] % values)
    elif kind == "not_warranted":
        doc.add_paragraph(body["not_warranted"])
    elif kind == "draft_cover":
        doc.add_paragraph(body["draft_cover"] % values)
    elif kind == "final_cover":
        doc.add_paragraph(body["final_cover"] % values)
    elif kind == "closing":
        doc.add_paragraph(body["closing"] % values)
    if facts.reasons:
        doc.add_heading(labels["reasons_heading"], level=2)
        for paragraph in facts.reasons.split("\n\n"):
            doc.add_paragraph(paragraph.strip())
    doc.add_paragraph(labels["signature"])

    out = io.BytesIO()
    doc.save(out)
    stem = (facts.code or facts.reference).replace("/", "-")
    return f"{stem}-{kind}-{language}.docx", DOCX, out.getvalue()


def _findings(doc, texts: dict, findings: dict, labels: dict, heading: str, yes_no=False):
    """A table: each criterion (or factor) with its finding and reasons."""
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    first = table.rows[0].cells
    first[0].text, first[1].text, first[2].text = heading, labels["finding"], labels["reasons"]
    for letter, text in texts.items():
        finding = findings.get(letter) or {}
        met = finding.get("met", finding.get("finding"))
        if met is None:
            word = "—"
        elif yes_no:
            word = labels["yes"] if met else labels["no"]
        else:
            word = labels["met"] if met else labels["not_met"]
        cells = table.add_row().cells
        cells[0].text = str(treaty.lettered(letter, text))
        cells[1].text = word
        cells[2].text = str(finding.get("reasons", ""))
