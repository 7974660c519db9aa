"""A step another procedure adds (the CEC's supplemental information from the Party, its vote
against a factual record, its consolidation) has no page under a profile without it: the
portal's form and the workspace's action answer "not found", not "not at this stage" (walk 97:
the TPA's Party read that supplemental information was not offered "at this stage", as though
it would be later), and a post of it records nothing."""

import pytest
from django.urls import reverse

from tests.helpers_cases import drive
from workflow.models import Event
from workflow.table import in_procedure

pytestmark = pytest.mark.django_db

PORTAL_PAGES = {
    "party_information_added": ("party_supplement", "a_focal", "factual_record_decision"),
    "council_declined": ("council_decline", "a_council", "awaiting_council"),
}


@pytest.mark.parametrize("kind", sorted(PORTAL_PAGES))
def test_a_portal_step_of_another_procedure_is_not_found(client, request, kind):
    url_name, user, reached = PORTAL_PAGES[kind]
    case = drive(reached).case
    client.force_login(request.getfixturevalue(user))
    url = reverse(url_name, kwargs={"pk": case.pk})
    before = Event.objects.count()
    got, posted = client.get(url), client.post(url, {"reasons": "No.", "summary": "Más datos."})
    if in_procedure(kind):  # the profile has the step: its page answers
        assert got.status_code != 404
        return
    assert (got.status_code, posted.status_code) == (404, 404)
    assert Event.objects.count() == before


@pytest.mark.parametrize("kind", ["party_information_added", "council_declined", "consolidated"])
def test_a_workspace_step_of_another_procedure_is_not_found(client, officer, kind):
    case = drive("awaiting_council").case
    client.force_login(officer)
    before = Event.objects.count()
    url = reverse("ws_action", kwargs={"pk": case.pk, "kind": kind})
    answer = client.post(url, {"note": "Recorded from a letter."})
    assert (answer.status_code == 404) == (not in_procedure(kind))
    assert Event.objects.count() == before or in_procedure(kind)
