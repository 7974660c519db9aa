"""Working days at the Secretariat's seat: weekdays that are neither public holidays there
(the profile's ``holidays``: the TPA's Washington, D.C., US federal holidays plus the
District's; the CEC's Quebec; CAFTA-DR's Guatemala) nor extra non-working days."""

import datetime
from functools import lru_cache

import holidays
from django.conf import settings

from workflow.models import NonWorkingDay


@lru_cache(maxsize=1)
def _seat_holidays():
    return holidays.country_holidays(
        settings.SEM_HOLIDAY_COUNTRY, subdiv=settings.SEM_HOLIDAY_SUBDIVISION
    )


def skipped_weekdays(start: datetime.date, due: datetime.date, working: int) -> list[datetime.date]:
    """The weekdays after ``start`` up to ``due`` that a period of ``working`` working days
    ending on ``due`` did not count: the seat's holidays and the extra non-working days, named
    in the due date's explanation (walk 121: "5 working days from 16 October → 26 October" did
    not say why). The extra days are read only when the holidays do not account for them all
    (a page lists many periods, most skipping nothing)."""
    weekdays = [
        start + datetime.timedelta(days=offset)
        for offset in range(1, (due - start).days + 1)
        if (start + datetime.timedelta(days=offset)).weekday() < 5
    ]
    if len(weekdays) <= working:
        return []
    skipped = [day for day in weekdays if day in _seat_holidays()]
    if len(skipped) < len(weekdays) - working:
        extra = set(
            NonWorkingDay.objects.filter(date__gt=start, date__lte=due).values_list(
                "date", flat=True
            )
        )
        skipped = [day for day in weekdays if day in _seat_holidays() or day in extra]
    return skipped


class Calendar:
    """The seat's calendar. Load one per operation: it reads the extra days once."""

    def __init__(self, extra_days: set[datetime.date] | None = None):
        if extra_days is None:
            extra_days = set(NonWorkingDay.objects.values_list("date", flat=True))
        self.extra_days = extra_days

    def is_working_day(self, day: datetime.date) -> bool:
        return day.weekday() < 5 and day not in _seat_holidays() and day not in self.extra_days

    def next_working_day(self, day: datetime.date) -> datetime.date:
        while not self.is_working_day(day):
            day += datetime.timedelta(days=1)
        return day

    def add_working_days(self, start: datetime.date, count: int) -> datetime.date:
        day = start
        while count > 0:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def due_date(
        self, start: datetime.date, length: int, working_days: bool
    ) -> tuple[datetime.date, datetime.date | None]:
        """The due date of a period counted from the day after ``start``, and the calendar
        date it was moved from when that day was not a working day (else ``None``)."""
        if working_days:
            return self.add_working_days(start, length), None
        last = start + datetime.timedelta(days=length)
        if settings.SEM_NEXT_WORKING_DAY and not self.is_working_day(last):
            return self.next_working_day(last), last
        return last, None
