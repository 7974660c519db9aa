"""Figures of the public docket: cases by stage, Party and year; how each step kept its own
target; the days each completed step took. Only public cases count (the public gate), and only
the deadlines of public events, which are the ones the public export lists.

The rules, so that every figure can be recomputed from the public export (``export_registry``
or the API's ``deadlines``: ``kind``, ``start_on``, ``due_on``, ``original_due_on``, ``state``,
``met_on``, ``late``):

- Every deadline counts, open ones included. Its target is its own: ``due_on`` (the configured
  length when it opened, 60 days for a response after an extension, moved to the next working
  day where the rule says so) — never a default. Where the Secretariat explained a missed
  target and set a new one (``deadline_missed_explained``), the target is the one it missed,
  ``original_due_on`` (walk 141: the explanation made the miss "not yet due", then "on time"):
  ``late`` and ``due_on`` measure against the new target, these figures against the first.
- For a period that binds someone to act: ``met`` and not ``late`` is **on time**; ``met`` and
  ``late``, ``missed``, and ``open`` past ``due_on`` (still overdue) are **late**; ``open`` not
  yet due is **still waiting**. ``cancelled`` (the case closed or moved on before it was due)
  counts neither way.
- The periods that bind no one (``revision``, ``draft_comments``, ``council_instruction``) are
  never anyone's failure: unmet past their due date (``lapsed``, or ``missed`` in older rows, or
  still open) they "ended unused"; met late, they were "used after the period".
- ``unknown`` (a legacy history skipped the step: ``unrecorded_steps``) is left out of every
  figure and counted on its own.
- Days taken are counted, for completed (``met``) steps, in the step's own unit: calendar days
  ``met_on − start_on``; for the acknowledgement, working days at the seat (weekdays that are
  neither public holidays in Washington, D.C. nor the Secretariat's extra non-working days)
  after ``start_on`` up to and including ``met_on``. Medians are of completed steps; the count
  still waiting stands beside them.
"""

import datetime
import statistics as pystats
from collections import Counter, defaultdict

from celery import shared_task
from django.conf import settings
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from secretariat.public import cache, charts
from submissions import access
from submissions.models import PARTY_CHOICES
from submissions.stages import Stage
from workflow.calendar import Calendar
from workflow.models import Deadline
from workflow.periods import SPECS

# Seconds between a new version and the figures' computation by the worker.
WARM_DELAY_SECONDS = 2

St = Deadline.State

# What became of one deadline, for the figures (see the module's docstring).
ON_TIME = "on_time"
LATE_MET = "late_met"  # met after its due date: late
MISSED = "missed"  # ended unmet after its due date: late
OVERDUE = "overdue"  # open past its due date: late, and still open
WAITING = "waiting"  # open, not yet due
AFTER_PERIOD = "after_period"  # binds no one: used after the period
LAPSED = "lapsed"  # binds no one: the period ended unused
CANCELLED = "cancelled"
UNKNOWN = "unknown"
OUTCOMES = (ON_TIME, LATE_MET, MISSED, OVERDUE, WAITING, AFTER_PERIOD, LAPSED, CANCELLED, UNKNOWN)


def binds(kind: str) -> bool:
    """Whether the period binds someone to act (PROCESS.md, Deadlines)."""
    return SPECS[kind].binds


def outcome(kind: str, state: str, due_on, late: bool, today: datetime.date) -> str:
    """What became of one deadline, as of ``today``; the one rule every figure uses."""
    if state == St.UNKNOWN:
        return UNKNOWN
    if state == St.CANCELLED:
        return CANCELLED
    if state == St.MET:
        if not late:
            return ON_TIME
        return LATE_MET if binds(kind) else AFTER_PERIOD
    if state == St.OPEN:
        if today <= due_on:
            return WAITING
        return OVERDUE if binds(kind) else LAPSED
    # Ended unmet after the due date: missed, or lapsed for a period that binds no one (an
    # older row may say missed for one: it is no one's failure either).
    return MISSED if binds(kind) and state == St.MISSED else LAPSED


def working_days_taken(calendar: Calendar, start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end``, as periods count them."""
    days, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        days += calendar.is_working_day(day)
    return days


def figures() -> dict:
    """Today's figures, computed once per version of the registry (and per day and language:
    the words are translated), not per request."""
    return cache.remember("statistics", compute)


@shared_task(ignore_result=True, time_limit=600, soft_time_limit=540)
def warm_figures(version: str) -> None:
    """Compute the figures of ``version`` in every language before a visitor asks, unless a
    newer version has started meanwhile (its own task will)."""
    if cache.version() != version:
        return
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            figures()


def warm_figures_later(version: str) -> None:
    """A new version: with a Celery worker, the figures are made in the background a moment
    later (events recorded together make one computation). Without one (tasks run in-process,
    as in development), the first visitor's request makes them."""
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        warm_figures.apply_async(args=[version], countdown=WARM_DELAY_SECONDS)


def compute(today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    cases = access.public_submissions().order_by()
    total = cases.count()
    by_stage = dict(cases.values_list("stage").annotate(n=Count("id")).values_list("stage", "n"))
    by_party = dict(
        cases.values_list("party__code").annotate(n=Count("id")).values_list("party__code", "n")
    )
    by_year = dict(
        cases.annotate(y=ExtractYear("filed_on"))
        .values_list("y")
        .annotate(n=Count("id"))
        .values_list("y", "n")
    )
    figures = {
        "total": total,
        "today": today,
        "by_stage": _bars((label, by_stage.get(value, 0)) for value, label in Stage.choices),
        "by_party": _bars((label, by_party.get(code, 0)) for code, label in PARTY_CHOICES),
        "by_year": _bars((str(year), by_year[year]) for year in sorted(by_year)),
        **_steps(cases, today),
    }
    for name in ("by_stage", "by_party", "by_year"):
        figures[f"{name}_chart"] = charts.bars(
            (bar["label"], bar["value"], bar["words"]) for bar in figures[name]
        )
    return figures


def _bars(pairs) -> list[dict]:
    pairs = list(pairs)
    top = max((value for _label, value in pairs), default=0) or 1
    return [
        {
            "label": label,
            "value": value,
            "width": round(100 * value / top, 1),
            "words": ngettext("%(count)s case", "%(count)s cases", value) % {"count": value},
        }
        for label, value in pairs
    ]


def _deadlines(cases):
    """One query: every deadline of the public cases that the public export lists (those
    opened by a public event, or by the end of another period)."""
    return (
        Deadline.objects.filter(submission__in=cases)
        .public()
        .order_by()
        .values_list(
            "kind", "state", "start_on", "due_on", "met_on", "late", "length", "original_due_on"
        )
    )


def _steps(cases, today: datetime.date) -> dict:
    calendar = Calendar()
    tally = defaultdict(Counter)
    lengths = defaultdict(Counter)
    taken = defaultdict(list)
    for kind, state, start_on, due_on, met_on, late, length, missed in _deadlines(cases):
        if kind not in SPECS:
            continue
        if missed is not None:  # the target it missed, not the new one
            due_on, late = missed, met_on is not None and met_on > missed
        result = outcome(kind, state, due_on, late, today)
        tally[kind][result] += 1
        if result == UNKNOWN:
            continue
        lengths[kind][length] += 1
        if state == St.MET and met_on is not None:
            if SPECS[kind].working_days:
                taken[kind].append(working_days_taken(calendar, start_on, met_on))
            else:
                taken[kind].append((met_on - start_on).days)
    steps = [_step(kind, tally[kind], lengths[kind], taken[kind]) for kind in SPECS if tally[kind]]
    responses = next((s for s in steps if s["kind"] == "party_response"), None)
    binding = [s for s in steps if s["binds"] and s["on_time"] + s["late"] + s["waiting"]]
    completed = [s for s in steps if s["count"]]
    return {
        "steps": steps,
        "binding_steps": binding,
        "free_steps": [s for s in steps if not s["binds"]],
        "completed_steps": completed,
        "timeliness_chart": charts.timeliness(binding),
        "durations_chart": charts.durations(completed),
        "unknown_total": sum(t[UNKNOWN] for t in tally.values()),
        "cancelled_total": sum(t[CANCELLED] for t in tally.values()),
        "responses_total": responses["on_time"] + responses["late"] if responses else 0,
        "responses_on_time": responses["on_time"] if responses else 0,
        "responses_late": responses["late"] if responses else 0,
        "responses_overdue": responses["overdue"] if responses else 0,
        "responses_waiting": responses["waiting"] if responses else 0,
        "responses_share": responses["share"] if responses else None,
    }


def _number(value) -> str:
    return formats.number_format(value, 0 if value == int(value) else 1, use_l10n=True)


def _step(kind: str, tally: Counter, lengths: Counter, taken: list) -> dict:
    spec = SPECS[kind]
    unit = Deadline.Unit.WORKING_DAYS if spec.working_days else Deadline.Unit.DAYS
    late = tally[LATE_MET] + tally[MISSED] + tally[OVERDUE]
    decided = tally[ON_TIME] + late
    # The most frequent own length is the step's usual target; every other one is listed.
    target = max(lengths, key=lambda n: (lengths[n], n)) if lengths else spec.length
    step = {
        "kind": kind,
        "label": spec.label,
        "binds": spec.binds,
        "working_days": spec.working_days,
        "unit": unit.label,
        "target": target,
        "targets": sorted(lengths.items()),
        "targets_text": " / ".join(str(n) for n in sorted(lengths)) or str(spec.length),
        "count": len(taken),
        "median": pystats.median(taken) if taken else None,
        "min": min(taken) if taken else None,
        "max": max(taken) if taken else None,
        "late": late,
        "share": round(100 * tally[ON_TIME] / decided) if decided else None,
        "still_waiting": tally[WAITING] + tally[OVERDUE],
        **{name: tally[name] for name in OUTCOMES},
    }
    step["median_text"] = _days(step["median"], spec.working_days) if taken else ""
    step["lines"] = _timeliness_lines(step) if spec.binds else []
    step["duration_lines"] = _duration_lines(step) if taken else []
    return step


def _timeliness_lines(step) -> list[str]:
    decided = step["on_time"] + step["late"]
    lines = []
    if decided:
        lines.append(
            _("On time: %(on_time)s of %(total)s (%(share)s%%)")
            % {"on_time": step["on_time"], "total": decided, "share": step["share"]}
        )
        lines.append(
            _("Late: %(late)s, of which still overdue: %(overdue)s")
            % {"late": step["late"], "overdue": step["overdue"]}
        )
    lines.append(_("Still waiting, not yet due: %(waiting)s") % {"waiting": step["waiting"]})
    return lines


def _days(value, working_days: bool) -> str:
    """A number of days in words, in the step's unit."""
    # A half day reads as plural in English and Spanish ("1.5 days"), as singular in French
    # below two ("1,5 jour ouvrable": walk 123), whose plural form is n > 1.
    whole = value == int(value) or translation.get_language() == "fr"
    count = int(value) if whole else 2
    if working_days:
        text = ngettext("%(days)s working day", "%(days)s working days", count)
    else:
        text = ngettext("%(days)s calendar day", "%(days)s calendar days", count)
    return text % {"days": _number(value)}


def _duration_lines(step) -> list[str]:
    return [
        _("Median: %(median)s; target: %(target)s (the mark)")
        % {"median": step["median_text"], "target": step["targets_text"]},
        _("Completed: %(count)s; still waiting: %(waiting)s")
        % {"count": step["count"], "waiting": step["still_waiting"]},
    ]
