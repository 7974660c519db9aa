"""Figures of the public docket: cases by stage, Party and year; days each step took against its
target; the share of Party responses on time. Only public cases count (the public gate).

Each chart is a list of bars ``{"label", "value", "width"}`` (width in per cent of the longest
bar) that the template draws as server-rendered SVG with the numbers beside it.
"""

import statistics as pystats
from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from submissions import access
from submissions.models import PARTY_CHOICES
from submissions.stages import Stage
from workflow.models import Deadline
from workflow.periods import SPECS


def _bars(pairs) -> list[dict]:
    pairs = list(pairs)
    top = max((value for _label, value in pairs), default=0) or 1
    return [
        {"label": label, "value": value, "width": round(100 * value / top, 1)}
        for label, value in pairs
    ]


def compute() -> dict:
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
    party_names = dict(PARTY_CHOICES)
    return {
        "total": total,
        "by_stage": _bars((label, by_stage.get(value, 0)) for value, label in Stage.choices),
        "by_party": _bars((party_names[code], by_party.get(code, 0)) for code in ("PE", "US")),
        "by_year": _bars((str(year), by_year[year]) for year in sorted(by_year)),
        **_steps(cases),
    }


def _steps(cases) -> dict:
    """Days from the start of each period to when it was met, per kind, against its target."""
    rows = (
        Deadline.objects.filter(submission__in=cases, met_on__isnull=False)
        .order_by()
        .values_list("kind", "start_on", "met_on", "late")
    )
    days = defaultdict(list)
    late = Counter()
    for kind, start_on, met_on, was_late in rows:
        days[kind].append((met_on - start_on).days)
        late[kind] += bool(was_late)
    steps = []
    for kind, spec in SPECS.items():
        taken = days.get(kind)
        if not taken:
            continue
        steps.append(
            {
                "kind": kind,
                "label": spec.label,
                "target": spec.length,
                "working_days": spec.working_days,
                "count": len(taken),
                "median": pystats.median(taken),
                "min": min(taken),
                "max": max(taken),
                "on_time": len(taken) - late[kind],
            }
        )
    top = max((s["max"] for s in steps), default=0)
    top = max(top, max((s["target"] for s in steps), default=0)) or 1
    for step in steps:
        step["median_width"] = round(100 * step["median"] / top, 1)
        step["min_x"] = round(100 * step["min"] / top, 1)
        step["max_x"] = round(100 * step["max"] / top, 1)
        step["target_x"] = round(100 * step["target"] / top, 1)
    responses = Deadline.objects.filter(submission__in=cases, kind="party_response").exclude(
        state=Deadline.State.CANCELLED
    )
    answered = responses.aggregate(
        total=Count("id", filter=~Q(state=Deadline.State.OPEN)),
        on_time=Count("id", filter=Q(state=Deadline.State.MET, late=False)),
    )
    share = round(100 * answered["on_time"] / answered["total"]) if answered["total"] else None
    return {
        "steps": steps,
        "responses_total": answered["total"],
        "responses_on_time": answered["on_time"],
        "responses_share": share,
    }
