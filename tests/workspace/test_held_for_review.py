"""Walk 32: a Council member sent its reasons for the public; the officer made the note
public (the instruction had no title), and the workspace still listed it as held for review
and counted it among the items awaiting review."""

import pytest
from django.urls import reverse

from tests.helpers_cases import drive
from tests.parties import A
from workflow import services

pytestmark = pytest.mark.django_db


def _held(client, case) -> bool:
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    return "Sent for the public, awaiting your review" in page


def test_reasons_made_public_are_no_longer_held(client, officer, settings):
    settings.SEM_FOUR_EYES = False
    story = drive("awaiting_council")
    event = story.add(
        "council_instructed",
        author=f"council:{A}",
        data={"party": A, "publish_requested": True},
        note="Razones del miembro del Consejo.",
    )
    client.force_login(officer)
    assert _held(client, story.case)
    services.record_event(
        story.case,
        "visibility_changed",
        actor=officer,
        data={
            "event": event.seq - 1,
            "fields": ["note"],
            "from": "parties",
            "to": "public",
            "reason": "Pedido por el miembro.",
        },
    )
    assert not _held(client, story.case)
