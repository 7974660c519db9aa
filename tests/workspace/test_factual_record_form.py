"""The draft and the final factual record are submitted with the record itself: the sixteenth
walk (CAFTA-DR, Spanish) submitted a draft with a note and no file, the case moved to the
comment period, and every Party was asked to comment on nothing but its cover letter."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from submissions import profiles
from submissions.dates import long_date
from submissions.models import Document
from submissions.stages import Stage
from tests.filing.conftest import pdf
from tests.helpers_cases import drive, frozen
from tests.parties import OTHERS, SLUG, A, B

pytestmark = pytest.mark.django_db

D = datetime.date
# What the workspace says publication waits for, in each profile's words of its Council's rule.
PUBLICATION_WAITS = {
    "us-peru-tpa": "may be published only if a Council member instructs it.",
    "usmca-cec": "may be published only when two of the three members of the Council so decide.",
    "cafta-dr": "may be published only if a Council member instructs it (Article 17.8.7).",
}


def _post(client, case, kind, data, files=None):
    return client.post(
        reverse("ws_action", kwargs={"pk": case.pk, "kind": kind}),
        {"event_count": case.event_count, **{f"{kind}-{k}": v for k, v in data.items()}}
        | {f"{kind}-{k}": v for k, v in (files or {}).items()},
    )


@pytest.mark.parametrize(
    ("kind", "stage", "label"),
    [
        ("draft_submitted", "factual_record_preparation", "The draft factual record"),
        ("final_submitted", "draft_comment_period", "The final factual record"),
    ],
)
def test_a_factual_record_is_submitted_with_the_record_itself(client, officer, kind, stage, label):
    story = drive(stage)
    if kind == "final_submitted":
        for code in (A, B, *OTHERS):
            story.add("draft_commented", author=f"party:{code}", data={"party": code})
    case = story.case
    client.force_login(officer)
    with frozen(story.on + datetime.timedelta(days=1)):
        page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
        form = page[page.index(f'id="action-{kind}"') :]
        assert label in form[: form.index("</details>")]
        # A note alone is refused, with the field named, and the case stays where it was.
        refused = _post(client, case, kind, {"note": "Borrador presentado."})
        assert refused.status_code == 200
        assert "This field is required." in refused.content.decode()
        case.refresh_from_db()
        assert case.stage == stage
        # The record without its title: one error on the title, not two (walk 49: "This field
        # is required." and "Give the document a title." side by side).
        untitled = _post(
            client, case, kind, {"note": "Presentado."}, {"document": pdf("expediente.pdf")}
        ).content.decode()
        title_errors = re.findall(r"Title of the document: ([^<]+)<", untitled)
        assert len(title_errors) == 1, title_errors
        # With the record (and its title), it is recorded.
        done = _post(
            client,
            case,
            kind,
            {"note": "Presentado.", "document_title": "Expediente", "document_language": "es"},
            {"document": pdf("expediente.pdf")},
        )
        assert done.status_code == 302
    case.refresh_from_db()
    assert (
        case.stage
        == {
            "draft_submitted": Stage.DRAFT_COMMENT_PERIOD,
            "final_submitted": Stage.FINAL_FACTUAL_RECORD,
        }[kind]
    )
    assert Document.objects.filter(event__kind=kind, title="Expediente").count() == 1


def test_the_workspace_says_what_the_final_record_and_publication_wait_for(client, officer):
    """The sixteenth walk: in the comment period the final record was not offered and nothing
    said why; after it, nothing said that publication waits for the Council."""
    story = drive("draft_comment_period")
    client.force_login(officer)
    url = reverse("ws_case", kwargs={"pk": story.case.pk})
    with frozen(story.on + datetime.timedelta(days=1)):
        page = client.get(url).content.decode()
    assert 'id="action-final_submitted"' not in page
    assert "The final factual record waits until every Party has commented" in page
    # Which Parties, and until when (walk 145).
    due = story.case.deadlines.get(kind="draft_comments", party=A).due_on
    first = profiles.installed().party(A).label
    said = html.unescape(page).split("Still to comment: ", 1)[1].split("</", 1)[0]
    assert f"{first} (until {long_date(due)})" in said
    for code in (A, B, *OTHERS):
        story.add("draft_commented", author=f"party:{code}", data={"party": code})
    with frozen(story.on + datetime.timedelta(days=1)):
        page = client.get(url).content.decode()
    assert 'id="action-final_submitted"' in page
    assert "waits until every Party has commented" not in page
    story.add("final_submitted")
    with frozen(story.on + datetime.timedelta(days=1)):
        page = client.get(url).content.decode()
    assert PUBLICATION_WAITS[SLUG] in " ".join(page.split())


@pytest.mark.parametrize(
    ("kind", "stage"),
    [
        ("draft_submitted", "factual_record_preparation"),
        ("final_submitted", "draft_comment_period"),
    ],
)
def test_a_records_form_offers_only_the_levels_the_engine_accepts(client, officer, kind, stage):
    """Walk 23: the draft's form offered "Public" and a public redacted version, and posting
    either was refused (a factual record stays with the Parties until its publication)."""
    case = drive(stage).case
    client.force_login(officer)
    with frozen(D(2024, 1, 10)):
        page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    form = page.split(f'id="action-{kind}"', 1)[1].split("</form>", 1)[0]
    select = form.split(f'name="{kind}-document_visibility"', 1)[1].split("</select>", 1)[0]
    # Not the submitters' level either (walk 42: it was offered, and taken, for a draft).
    assert re.findall(r'<option value="([a-z_]*)"', select) == [
        "",
        "parties",
        "party_concerned",
        "secretariat",
    ]
    assert f'name="{kind}-redacted"' not in form
    # Other actions keep every level and the redacted version.
    other = page.split('id="action-correspondence"', 1)[1].split("</form>", 1)[0]
    assert 'value="public"' in other
    assert 'name="correspondence-redacted"' in other


def test_the_publication_form_says_not_to_attach_the_record_again(client, officer):
    """Walk 100: the officer uploaded the final record in the publication's own document
    field, and the docket listed it twice; the field now says the step publishes it."""
    from django.utils import translation

    story = drive(Stage.FINAL_FACTUAL_RECORD)
    story.council("publication_instructed")
    client.force_login(officer)
    url = reverse("ws_case", kwargs={"pk": story.case.pk})
    for language, said in (
        ("en", "This step makes the final factual record already submitted public"),
        ("es", "Este paso hace público el expediente de hechos final ya presentado"),
    ):
        with translation.override(language):
            page = client.get(url.replace("/en/", f"/{language}/")).content.decode()
        form = page.split('id="action-published"', 1)[1].split("</form>", 1)[0]
        assert said in " ".join(form.split())
