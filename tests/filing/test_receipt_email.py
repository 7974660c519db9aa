"""The automatic receipt (sent by the notices when the `filed` event is recorded) reaches every
submitter of a case filed through the form, in each one's language, in text and HTML."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from submissions.models import Submission
from tests.filing.conftest import filing_data
from tests.parties import A

pytestmark = pytest.mark.django_db


def test_each_submitter_gets_the_receipt_in_their_own_language(
    client, django_capture_on_commit_callbacks
):
    data = filing_data(
        **{
            "s1-kind": "individual",
            "s1-name": "John Smith",
            "s1-nationality": "US",
            "s1-residence": A,
            "s1-email": "john@example.org",
            "s1-preferred_language": "en",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/en/file/", data).status_code == 302
    submission = Submission.objects.get()
    tokens = {
        m.submitter.email: m.tracking_token
        for m in submission.memberships.select_related("submitter")
    }
    to_submitters = [m for m in mail.outbox if m.to[0] in tokens]
    assert sorted(m.to[0] for m in to_submitters) == ["amazonica@example.org", "john@example.org"]
    receipts = {m.to[0]: m for m in to_submitters}
    for address, language in (("amazonica@example.org", "es"), ("john@example.org", "en")):
        message = receipts[address]
        with translation.override(language):
            subject = gettext("Receipt %(reference)s: your submission has been received") % {
                "reference": submission.receipt_number
            }
        assert message.subject == subject
        link = f"/{language}/track/{tokens[address]}/"
        assert link in message.body
        html, content_type = message.alternatives[0]
        assert content_type == "text/html"
        assert link in html
    # An organisation is addressed as one (walk 52: "Estimado/a Asociación Amazonía Viva:"); a
    # person as before.
    assert receipts["amazonica@example.org"].body.startswith(
        "A la atención de la Asociación Amazónica:\n"
    )
    html = receipts["amazonica@example.org"].alternatives[0][0]
    assert "<p>A la atención de la Asociación Amazónica:</p>" in html
    assert receipts["john@example.org"].body.startswith("Dear John Smith,\n")


def test_a_submitter_who_withholds_her_name_is_told_so_on_her_receipt(
    client, django_capture_on_commit_callbacks
):
    """Walk 177: the withholding she asked for was confirmed on her tracking page alone; her
    receipt (page and email) said nothing of it. Only hers says so."""
    data = filing_data(
        **{
            "s1-kind": "individual",
            "s1-name": "Yolanda Ccahuana",
            "s1-nationality": A,
            "s1-email": "yolanda@example.org",
            "s1-preferred_language": "es",
            "s1-confidential": "on",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/es/file/", data).status_code == 302
    with translation.override("es"):
        label = gettext("Name withheld at the submitter's request")
    page = " ".join(client.get("/es/file/receipt/").content.decode().split())
    assert "Como pidió, el nombre de Yolanda Ccahuana no se divulga al público" in page
    assert f"«{label}»" in page
    receipts = {m.to[0]: " ".join(m.body.split()) for m in mail.outbox}
    said = "Como pidió, su nombre no se divulga al público"
    assert (
        said in receipts["yolanda@example.org"] and f"«{label}»" in receipts["yolanda@example.org"]
    )
    assert said not in receipts["amazonica@example.org"]
