import datetime

import pytest
from django.core import mail

from notices import reminders, sending
from notices.models import Notice, Reminder
from tests.helpers_cases import drive, frozen

pytestmark = pytest.mark.django_db

D = datetime.date
DUE = D(2023, 6, 21)  # the Party's response to drive()'s request of 7 May 2023


def sweep_twice(day):
    with frozen(day):
        first = reminders.sweep()
        second = reminders.sweep()
        sending.send_pending()
    return first, second


def test_each_reminder_goes_once_per_threshold(pe_focal, us_focal, officer):
    drive("awaiting_response")
    seen = []
    for day, threshold in [
        (D(2023, 6, 6), None),  # 15 days before: nothing yet
        (D(2023, 6, 7), 14),
        (D(2023, 6, 8), None),  # still the 14-day reminder: already sent
        (D(2023, 6, 14), 7),
        (D(2023, 6, 19), None),
        (D(2023, 6, 20), 1),
        (D(2023, 6, 21), None),  # the day itself: the 1-day reminder went yesterday
    ]:
        before = len(mail.outbox)
        first, second = sweep_twice(day)
        assert second["reminders"] == 0 and second["notices"] == 0
        assert first["reminders"] == (0 if threshold is None else 1)
        reminders_out = [m for m in mail.outbox[before:] if m.to == ["pe_focal@example.org"]]
        seen.append((day, len(reminders_out)))
    assert [n for _d, n in seen] == [0, 1, 0, 1, 0, 1, 0]
    assert sorted(Reminder.objects.values_list("threshold", flat=True)) == [1, 7, 14]
    to_focal = Notice.objects.filter(message="reminder_response")
    assert set(to_focal.values_list("recipient_email", flat=True)) == {"pe_focal@example.org"}
    last = [m for m in mail.outbox if m.to == ["pe_focal@example.org"]][-1]
    assert last.subject == "SEM/PE/001/2023: response due on 21 June 2023"
    assert "(days remaining: 1)" in last.body


def test_a_missed_sweep_sends_the_most_urgent_reminder_only(pe_focal):
    drive("awaiting_response")
    first, _second = sweep_twice(D(2023, 6, 16))  # 5 days before: the 7-day reminder
    assert first["reminders"] == 1
    assert list(Reminder.objects.values_list("threshold", flat=True)) == [7]


def test_the_staff_digest_goes_once_a_day(officer, director):
    drive("awaiting_response")
    first, second = sweep_twice(D(2023, 6, 20))
    assert (first["digest"], second["digest"]) == (1, 0)
    digests = [m for m in mail.outbox if "Deadlines due soon" in m.subject]
    assert sorted(m.to[0] for m in digests) == ["director@example.org", "officer@example.org"]
    assert "SEM/PE/001/2023: Response of the Party — due on 21 June 2023" in digests[0].body
    first, _second = sweep_twice(D(2023, 6, 23))
    assert first["digest"] == 1
    later = [m for m in mail.outbox if "23 June 2023" in m.subject]
    assert "overdue since 21 June 2023" in later[0].body


def test_council_members_are_reminded_of_a_pending_instruction(pe_council, us_council):
    drive("awaiting_council")  # notified 14 July 2023: instruction target 60 days later
    first, _ = sweep_twice(D(2023, 9, 11))  # 1 day before 12 September 2023
    assert first["reminders"] == 1
    told = Notice.objects.filter(message="reminder_instruction")
    assert sorted(told.values_list("recipient_email", flat=True)) == [
        "pe_council@example.org",
        "us_council@example.org",
    ]
