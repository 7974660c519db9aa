"""PROCESS.md, document codes: a determination is `<identifier>/D1`, `/D2`…; the letter issued
with it is not (walk 56: the request for a response carried the determination's D2). (A
hand-uploaded determination under four eyes is issued as one, code and kind: test_four_eyes.)"""

import docx
import pytest

from notices.services import generated_documents
from notices.wording import LABELS
from submissions.models import Document
from tests.helpers_cases import D, drive, frozen
from workflow import services

pytestmark = pytest.mark.django_db


def _decided(stage, kind, outcome, on, officer):
    """``kind`` recorded with ``outcome`` on ``on`` with its generated documents, on a case in
    ``stage`` (four eyes off: the officer records it)."""
    story = drive(stage)
    data = {"outcome": outcome}
    with frozen(on):
        return services.record_event(
            story.case,
            kind,
            actor=officer,
            data=data,
            documents_in=generated_documents(story.case, kind, data=data),
        )


def test_the_request_letter_does_not_take_the_determinations_code(officer, settings):
    settings.SEM_FOUR_EYES = False
    event = _decided("response_decision", "response_decided", "request", D(2023, 5, 7), officer)
    codes = {
        (kind, code)
        for kind, code in Document.objects.filter(event=event).values_list("kind", "code")
    }
    assert codes == {("determination", event.code), ("request", "")}
    assert event.code.endswith("/D2")
    # Nor does the letter call it its own (walk 58: "Document code: …/D2" in its
    # particulars): it names the determination it carries out.
    for document in Document.objects.filter(event=event):
        rows = {
            row.cells[0].text: row.cells[1].text
            for table in docx.Document(document.file).tables
            for row in table.rows
        }
        labels = LABELS[document.language]
        if document.kind == "determination":
            assert rows[labels["code"]] == event.code
            assert labels["determination_code"] not in rows
        else:
            assert labels["code"] not in rows
            assert rows[labels["determination_code"]] == event.code


def test_a_not_warranted_determination_keeps_its_code(officer, settings):
    settings.SEM_FOUR_EYES = False
    event = _decided(
        "factual_record_decision",
        "factual_record_notified",
        "not_warranted",
        D(2023, 7, 14),
        officer,
    )
    assert event.code
    assert set(Document.objects.filter(event=event).values_list("kind", "code")) == {
        ("determination", event.code)
    }
