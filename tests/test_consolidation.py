"""Consolidation (issue #18): the Secretariat's decision to consider a submission together with
an earlier open one about the same Party, a step a profile adds (``profiles.CONSOLIDATION``).
The CEC's registry: "On September 22, 2006, the Secretariat received submission SEM-06-004 …
presenting the same facts … of SEM-06-003. Thus, pursuant to Section 10.3 of the Guidelines,
the Secretariat determined to consolidate both submissions." The TPA and CAFTA-DR have no such
step: the tests that are not about a profile's own value add it to the installed profile."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse

from notices import emails
from notices.models import Notice
from submissions import profiles
from submissions.models import Submission
from submissions.stages import Stage
from tests.helpers_cases import Story, drive, frozen
from tests.parties import SLUG, A, B, es, with_steps
from workflow import services
from workflow.describe import describe
from workflow.exceptions import RuleViolation
from workflow.models import Event

pytestmark = pytest.mark.django_db

D = datetime.date
# Whether the installed profile consolidates of its own: the CEC's registry.
CONSOLIDATES = {"us-peru-tpa": False, "usmca-cec": True, "cafta-dr": False}[SLUG]


@pytest.fixture
def consolidation(monkeypatch):
    """The installed profile with consolidation added to its own steps."""
    with_steps(monkeypatch, profiles.CONSOLIDATION)


JUNE = D(2023, 6, 1)


def later_case(party=A, filed=JUNE):
    """A case filed after ``drive``'s (10 March 2023), acknowledged, in admissibility review."""
    from tests.factories import file_case

    story = Story(file_case(on=filed, party=party), filed)
    story.add("acknowledged", filed + datetime.timedelta(days=3))
    return story


def test_only_the_cec_consolidates():
    earlier = drive(Stage.AWAITING_RESPONSE)
    later = later_case()
    if CONSOLIDATES:
        later.add("consolidated", data={"with": earlier.case.identifier}, note="Mismos hechos.")
        assert later.case.related.filter(pk=earlier.case.pk).exists()
        return
    with pytest.raises(RuleViolation) as refused:
        later.add("consolidated", data={"with": earlier.case.identifier}, note="Mismos hechos.")
    assert refused.value.rule == "consolidated not in this profile"
    assert not later.case.related.exists()


def test_the_later_case_names_the_earlier_and_both_are_related(consolidation):
    earlier = drive(Stage.AWAITING_RESPONSE)
    later = later_case()
    event = later.add(
        "consolidated",
        data={"with": earlier.case.identifier},
        note="Presenta los mismos hechos y aseveraciones.",
    )
    # No stage changes: each case keeps its own record of the later steps.
    assert (later.stage, earlier.case.stage) == (
        Stage.ADMISSIBILITY_REVIEW,
        Stage.AWAITING_RESPONSE,
    )
    assert (event.visibility, event.data) == ("public", {"with": earlier.case.identifier})
    assert dict(describe(event))["Consolidated with"] == earlier.case.identifier
    assert list(earlier.case.related.all()) == [later.case]
    public = Client().get(f"/en/docket/{later.case.slug}/").content.decode()
    assert "Consolidated with an earlier submission" in public
    assert "Presenta los mismos hechos y aseveraciones." in public
    assert f"/en/docket/{earlier.case.slug}/" in public  # the related case, linked
    other = Client().get(f"/en/docket/{earlier.case.slug}/").content.decode()
    assert f"/en/docket/{later.case.slug}/" in other
    # Each page says why the other is related, and since when (the fifteenth walk: the
    # earlier case's page said nothing of it).
    for page in (public, other):
        assert "the two submissions were consolidated on 5 June 2023" in page
    spanish = Client().get(f"/es/docket/{earlier.case.slug}/").content.decode()
    assert es("ambas comunicaciones se acumularon el 5 de junio de 2023") in spanish


@pytest.mark.parametrize(
    "which",
    ["another Party's", "a later one", "a closed one", "an unknown identifier", "itself", "twice"],
)
def test_only_an_earlier_open_case_of_the_same_party_once(consolidation, which):
    earlier = drive(Stage.AWAITING_RESPONSE)
    later = later_case()
    rule = "consolidated: an earlier open case of the same Party"
    if which == "another Party's":
        other = later_case(party=B, filed=D(2023, 5, 1)).case.identifier
    elif which == "a later one":
        other = later_case(filed=D(2023, 7, 1)).case.identifier
    elif which == "a closed one":
        other = drive(Stage.CLOSED).case.identifier
    elif which == "an unknown identifier":
        other = "SEM-99-999"
    elif which == "itself":
        other = later.case.identifier
    else:
        later.add("consolidated", data={"with": earlier.case.identifier}, note="Mismos hechos.")
        other, rule = drive(Stage.AWAITING_RESPONSE).case.identifier, "consolidated: once"
    with pytest.raises(RuleViolation) as refused:
        later.add("consolidated", data={"with": other}, note="Mismos hechos.")
    assert refused.value.rule == rule, which


def test_proposed_in_the_workspace_and_approved(consolidation, client, officer, director):
    earlier = drive(Stage.AWAITING_RESPONSE)
    another_party = later_case(party=B, filed=D(2023, 5, 1))
    later = later_case()
    case = later.case
    client.force_login(officer)
    with frozen(D(2023, 6, 8)):
        page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
        form = page[page.index('id="action-consolidated"') :]
        form = form[: form.index("</details>")]
        assert f'value="{earlier.case.identifier}"' in form
        assert f'value="{another_party.case.identifier}"' not in form
        response = client.post(
            reverse("ws_action", kwargs={"pk": case.pk, "kind": "consolidated"}),
            {
                "event_count": case.event_count,
                "consolidated-with": earlier.case.identifier,
                "consolidated-note": "Los mismos hechos, aseveraciones y leyes.",
            },
        )
        assert response.status_code == 302
        proposal = Event.objects.filter(submission=case).latest("seq")
        assert proposal.kind == "proposed"
        assert not case.related.exists()  # not before the Executive Director approves
        client.force_login(director)
        # The Director sees the earlier case named and linked, to read it before approving
        # (it was a bare identifier).
        approvals = client.get(reverse("ws_approvals")).content.decode()
        earlier_link = f'<a href="/en/docket/{earlier.case.slug}/">{earlier.case.identifier}</a>'
        assert f"Consolidated with: {earlier_link}" in approvals
        approved = client.post(
            reverse("ws_approve", kwargs={"pk": case.pk, "seq": proposal.seq}),
            {"event_count": case.event_count + 1, "back": "case"},
        )
    assert approved.status_code == 302
    event = Event.objects.get(submission=case, kind="consolidated")
    # The officer is told it was approved (walk 101: the email lacked the proposal's number,
    # and the approval was a server error once the outbox rendered it).
    told_officer = Notice.objects.get(event=event, message="proposal_approved")
    subject, text, _html = emails.render(told_officer)
    assert f"no. {proposal.seq}" in " ".join(text.split()) + subject
    assert event.data["with"] == earlier.case.identifier
    assert case.related.filter(pk=earlier.case.pk).exists()
    # The submitters are told (notices.rules), with the earlier case named.
    notice = Notice.objects.get(event=event, message="consolidated", audience="submitters")
    subject, text, _html = emails.render(notice)
    assert notice.language == "es"  # the factories' submitter reads Spanish
    assert subject == es(f"{case.identifier}: acumulada con una comunicación anterior")
    assert es(f"acumuló su comunicación con {earlier.case.identifier}, una comunicación") in text
    # And the earlier case's submitters, by their own tracking links, with both named.
    told = Notice.objects.get(event=event, audience="earlier_submitters")
    earlier_emails = {m.submitter.email for m in earlier.case.memberships.all()}
    assert told.recipient_email in earlier_emails and told.message == "consolidated_into"
    subject, text, _html = emails.render(told)
    assert subject == es(
        f"{earlier.case.identifier}: se acumuló una comunicación posterior con la suya"
    )
    assert es(f"acumuló {case.identifier}, una comunicación posterior") in " ".join(text.split())
    assert f"/track/{earlier.case.memberships.get().tracking_token}/" in text
    # The officer's page of the earlier case says so beside the link.
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": earlier.case.pk})).content.decode()
    assert "the two submissions were consolidated on 8 June 2023" in page
    # The later case's record links the earlier one, in the workspace, on its tracking page
    # and on the docket.
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    token = case.memberships.first().tracking_token
    tracking = Client().get(f"/en/track/{token}/", follow=True).content.decode()
    public = Client().get(f"/en/docket/{case.slug}/").content.decode()
    for shown in (page, tracking, public):
        assert f"Consolidated with: {earlier_link}" in shown


def test_a_consolidation_survives_export_and_import(consolidation):
    """The registry format carries ``consolidated`` with its ``with`` (a gap in
    REGISTRY-FORMAT.md, which has neither)."""
    from workflow.registry.exporter import export_registry
    from workflow.registry.importer import import_registry

    earlier = drive(Stage.AWAITING_RESPONSE)
    later = later_case()
    later.add("consolidated", data={"with": earlier.case.identifier}, note="Mismos hechos.")
    payload = json.loads(export_registry(restricted=True))
    steps = [e for case in payload["submissions"] for e in case["events"]]
    assert [e["with"] for e in steps if e["kind"] == "consolidated"] == [earlier.case.identifier]
    Submission.objects.all().delete()
    report = import_registry(payload)
    assert report.ok, report.refused
    imported = Submission.objects.get(identifier=later.case.identifier)
    assert [c.identifier for c in imported.related.all()] == [earlier.case.identifier]


def test_offered_only_with_an_earlier_open_case_and_once(consolidation, officer):
    """Like an erratum's: not offered where its form would have nothing to choose
    (test_offered_actions_accepted found it offered, then refused), nor a second time."""
    from workflow.services.actions import refusal

    later = later_case()
    assert "consolidated" not in {a.kind for a in services.available_actions(later.case, officer)}
    assert refusal(later.case, officer, "consolidated").rule == "consolidated: no earlier open case"
    earlier = drive(Stage.AWAITING_RESPONSE)
    assert "consolidated" in {a.kind for a in services.available_actions(later.case, officer)}
    later.add("consolidated", data={"with": earlier.case.identifier}, note="Mismos hechos.")
    assert "consolidated" not in {a.kind for a in services.available_actions(later.case, officer)}
