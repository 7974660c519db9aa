import datetime

import pytest
from django.core import mail

from notices import reminders, sending
from notices.models import Notice, Reminder
from tests.helpers_cases import drive, frozen
from tests.parties import SLUG

pytestmark = pytest.mark.django_db

D = datetime.date
# The Party's response to drive()'s request of 7 May 2023 (TPA: 45 days; CEC: 60), how the
# reminders and the digest write it, and the case's identifier.
DUE, DUE_WORDS, CASE = {
    "us-peru-tpa": (D(2023, 6, 21), "21 June 2023", "SEM/PE/001/2023"),
    "usmca-cec": (D(2023, 7, 6), "6 July 2023", "SEM-23-001"),
    # 45 days, as the TPA's; Wednesday 21 June 2023 is no holiday in Guatemala.
    "cafta-dr": (D(2023, 6, 21), "21 June 2023", "CAALA/23/001"),
}[SLUG]


def before(days):
    """The date ``days`` days before the response is due."""
    return DUE - datetime.timedelta(days=days)


def sweep_twice(day):
    with frozen(day):
        first = reminders.sweep()
        second = reminders.sweep()
        sending.send_pending()
    return first, second


def test_each_reminder_goes_once_per_threshold(a_focal, b_focal, officer):
    drive("awaiting_response")
    seen = []
    # TPA: 6, 7, 8, 14, 19, 20 and 21 June 2023.
    for day, threshold in [
        (before(15), None),  # 15 days before: nothing yet
        (before(14), 14),
        (before(13), None),  # still the 14-day reminder: already sent
        (before(7), 7),
        (before(2), None),
        (before(1), 1),
        (DUE, None),  # the day itself: the 1-day reminder went yesterday
    ]:
        sent = len(mail.outbox)
        first, second = sweep_twice(day)
        assert second["reminders"] == 0 and second["notices"] == 0
        assert first["reminders"] == (0 if threshold is None else 1)
        reminders_out = [m for m in mail.outbox[sent:] if m.to == ["a_focal@example.org"]]
        seen.append((day, len(reminders_out)))
    assert [n for _d, n in seen] == [0, 1, 0, 1, 0, 1, 0]
    assert sorted(Reminder.objects.values_list("threshold", flat=True)) == [1, 7, 14]
    to_focal = Notice.objects.filter(message="reminder_response")
    assert set(to_focal.values_list("recipient_email", flat=True)) == {"a_focal@example.org"}
    last = [m for m in mail.outbox if m.to == ["a_focal@example.org"]][-1]
    assert last.subject == f"{CASE}: response due on {DUE_WORDS}"
    assert "(days remaining: 1)" in last.body


def test_a_missed_sweep_sends_the_most_urgent_reminder_only(a_focal):
    drive("awaiting_response")
    first, _second = sweep_twice(before(5))  # 5 days before: the 7-day reminder
    assert first["reminders"] == 1
    assert list(Reminder.objects.values_list("threshold", flat=True)) == [7]


def test_the_staff_digest_goes_once_a_day(officer, director):
    drive("awaiting_response")
    first, second = sweep_twice(before(1))
    assert (first["digest"], second["digest"]) == (1, 0)
    digests = [m for m in mail.outbox if "Deadlines due soon" in m.subject]
    assert sorted(m.to[0] for m in digests) == ["director@example.org", "officer@example.org"]
    assert f"{CASE}: Response of the Party — due on {DUE_WORDS}" in digests[0].body
    # Two days after the due date: TPA 23 June 2023, CEC 8 July 2023.
    later_day, later_words = {
        "us-peru-tpa": (D(2023, 6, 23), "23 June 2023"),
        "usmca-cec": (D(2023, 7, 8), "8 July 2023"),
        "cafta-dr": (D(2023, 6, 23), "23 June 2023"),
    }[SLUG]
    first, _second = sweep_twice(later_day)
    assert first["digest"] == 1
    later = [m for m in mail.outbox if later_words in m.subject]
    assert f"overdue since {DUE_WORDS}" in later[0].body


def test_council_members_are_reminded_of_a_pending_instruction(a_council, b_council):
    drive("awaiting_council")  # notified 14 July 2023: instruction target 60 days later
    first, _ = sweep_twice(D(2023, 9, 11))  # 1 day before 12 September 2023
    assert first["reminders"] == 1
    told = Notice.objects.filter(message="reminder_instruction")
    assert sorted(told.values_list("recipient_email", flat=True)) == [
        "a_council@example.org",
        "b_council@example.org",
    ]


def test_the_director_is_told_once_per_check_of_the_broken_histories(officer, director):
    """Walk 69: a history rewritten in the database was found only by someone who looked; the
    nightly check (workflow.checks) now tells the Executive Director, the morning after."""
    from django.utils import timezone

    from workflow.models import ChainCheck

    assert reminders.sweep(D(2023, 6, 1))["notices"] == 0  # no check kept yet
    ChainCheck.objects.create(checked=4, broken=[])
    assert reminders.sweep(D(2023, 6, 1))["notices"] == 0  # nothing broken
    check = ChainCheck.objects.create(
        checked=4,
        broken=[
            {"submission": 1, "reference": "SEM/PE/003/2026", "problems": ["event 3: …"]},
            {"submission": 2, "reference": "SEM/US/001/2026", "problems": ["case: …"]},
        ],
    )
    assert reminders.sweep(D(2023, 6, 1))["notices"] == 1
    assert reminders.sweep(D(2023, 6, 1))["notices"] == 0  # once per check
    sending.send_pending()
    [message] = [m for m in mail.outbox if "do not verify" in m.subject]
    assert message.to == ["director@example.org"]
    day = timezone.localdate(check.checked_at)
    assert message.subject == f"Case histories that do not verify (check of {day:%-d %B %Y})"
    assert "no longer matches what was recorded for: SEM/PE/003/2026, SEM/US/001/2026." in (
        " ".join(message.body.split())
    )
