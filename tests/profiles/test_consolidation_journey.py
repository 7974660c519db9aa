"""Consolidation under ``usmca-cec``, end to end in a real browser at 390 px, in French: on the
demo's cases, the officer consolidates the later caribou submission (SEM-YY-004) with the
coalition's earlier one (SEM-YY-002), the Executive Director approves, the public pages of both
link each other, and the later case's submitters are told. The CEC's registry did the same
with SEM-06-004 and SEM-06-003.

Runs in the usmca-cec browser pass of .ci/run (and of ``make test`` where Chromium is
installed).
"""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from notices.models import Notice
from secretariat.management.commands.seed_demo import DEMO_PASSWORD
from submissions import profiles
from submissions.models import Submission
from tests.profiles.test_french_journey import (
    approve_all,
    assert_french,
    french_text,
    open_action,
    sign_in,
    sign_out,
)
from workflow.models import Event

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        profiles.installed_slug() != "usmca-cec", reason="runs in the usmca-cec pass"
    ),
]


def test_the_officer_consolidates_a_later_submission_with_an_earlier_one(page):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    earlier = Submission.objects.get(title_fr__startswith="Protection de l’habitat du caribou")
    later = Submission.objects.get(title_en__startswith="Woodland caribou habitat in Abitibi")
    raffinerie = Submission.objects.get(title_fr__startswith="Déversements de la raffinerie")
    assert (earlier.identifier[-3:], later.identifier[-3:]) == ("002", "004")
    seen = []
    page.set_viewport_size({"width": 390, "height": 844})

    # The officer opens the later case: the form offers the earlier open case about Canada,
    # not the case about Mexico, nor the unregistered one.
    sign_in(page, "officer", DEMO_PASSWORD)
    page.goto(f"{page.base}/fr/secretariat/case/{later.pk}/")
    form = open_action(page, "Jonction à une communication antérieure")
    assert_french(page, seen)
    choices = form.locator("select[name='consolidated-with'] option").all_inner_texts()
    # French sets a no-break space before the colon (walk 38: «SEM-26-001: Rejets…»).
    offered = [c for c in choices if c.startswith("SEM-")]
    assert [c.split("\u00a0:")[0] for c in offered] == [earlier.identifier]
    assert not any(raffinerie.title_fr in c for c in choices)
    form.locator("select[name='consolidated-with']").select_option(earlier.identifier)
    form.locator("textarea[name='consolidated-note']").fill(
        "Les mêmes faits, les mêmes allégations et la même loi que la communication antérieure."
    )
    form.get_by_role("button", name="Proposer").click()
    page.wait_for_load_state()
    assert_french(page, seen)
    assert not later.related.exists()  # a proposal, until the Executive Director approves

    sign_out(page)
    sign_in(page, "director", DEMO_PASSWORD)
    approve_all(page, seen)
    event = Event.objects.get(submission=later, kind="consolidated")
    assert event.data["with"] == earlier.identifier  # and the approved proposal's number
    assert list(later.related.all()) == [earlier]

    # The public page of the later case names the step and its reasons, and links the
    # earlier case, whose page links back.
    page.context.clear_cookies()
    page.goto(f"{page.base}/fr/docket/{later.slug}/")
    assert_french(page, seen)
    text = french_text(page)
    assert "Jonction à une communication antérieure" in text
    assert "Les mêmes faits, les mêmes allégations" in page.content()
    page.locator(
        "section[aria-labelledby='related-heading'] a", has_text=earlier.identifier
    ).click()
    page.wait_for_url(f"**/fr/docket/{earlier.slug}/")
    assert_french(page, seen)
    back = page.locator("section[aria-labelledby='related-heading'] a")
    assert back.all_inner_texts() == [later.identifier]
    related = page.locator("section[aria-labelledby='related-heading'] li").inner_text()
    assert "les deux communications ont été jointes le" in related
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url}: {width} px"

    # The later case's submitters are told, in the language they read e-mails in (English).
    notice = Notice.objects.get(event=event, message="consolidated", audience="submitters")
    assert (notice.recipient_email, notice.language) == ("trappers@example.org", "en")
    sent = [m for m in mail.outbox if m.to == ["trappers@example.org"]]
    assert [m.subject for m in sent] == [
        f"{later.identifier}: consolidated with an earlier submission"
    ]
    assert f"consolidated your submission with {earlier.identifier}, an earlier" in " ".join(
        sent[0].body.split()
    )
    # And the earlier case's submitters, in French (they read e-mails in French).
    told = [m.subject for m in mail.outbox if m.to == ["coalition@example.org"]]
    # (A subject keeps its no-break space before the colon: walk 136.)
    assert (
        f"{earlier.identifier}\u00a0: une communication ultérieure a été jointe à la vôtre" in told
    )
    assert len(seen) >= 5
