"""Two officers propose the same determination at the same moment through the workspace."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers_cases import drive
from tests.test_concurrency import run_together
from workflow.models import Event


def _checklist(event_count):
    data = {"event_count": event_count}
    for letter in "abcdef":
        data[f"admissibility_determined-{letter}_finding"] = "met"
        data[f"admissibility_determined-{letter}_reasons"] = f"Razones ({letter})."
    return data


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_proposing_at_once_one_is_told_the_case_moved_on(officer, officer2):
    case = drive("admissibility_review").case
    url = reverse("ws_action", kwargs={"pk": case.pk, "kind": "admissibility_determined"})
    seen = case.event_count  # both pages were opened before either pressed the button
    clients = []
    for user in (officer, officer2):
        client = Client()
        client.force_login(user)
        clients.append(client)

    def propose(client):
        return lambda: client.post(url, _checklist(seen), follow=True)

    responses = run_together(propose(clients[0]), propose(clients[1]))
    # The one refused sees the case page again with the message, as 409 Conflict.
    assert sorted(r.status_code for r in responses) == [200, 409], responses
    pages = [r.content.decode() for r in responses]
    succeeded = [p for p in pages if "now awaits the Executive Director" in p]
    moved_on = [p for p in pages if "This case has moved on since you opened it" in p]
    assert len(succeeded) == 1 and len(moved_on) == 1
    assert Event.objects.filter(submission=case, kind="proposed").count() == 1
    case.refresh_from_db()
    assert case.event_count == seen + 1
