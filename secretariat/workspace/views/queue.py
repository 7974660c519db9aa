"""The queue: every open case with its stage, officer and next deadline."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from secretariat.workspace import queries
from secretariat.workspace.forms import QueueFilterForm
from submissions import access
from submissions.stages import Stage
from workflow import checks
from workflow.deadlines import mark_comments_in
from workflow.periods import KIND_LABELS, NOT_BINDING

PAGE_SIZE = 100


@login_required
def queue(request):
    access.require_staff_reader(request.user)
    cases = access.staff_submissions(request.user)
    today = timezone.localdate()
    form = QueueFilterForm(request.GET or None)
    # Filters that are not valid list nothing (walk 176: every case was listed under the
    # error, as if "due within -5 days" had been applied).
    invalid = form.is_bound and not form.is_valid()
    params = form.cleaned_data if form.is_bound and not invalid else {}
    rows = queries.queue(cases, user=request.user, today=today, params=params)
    if invalid:
        rows = rows.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    held = queries.awaiting_review(cases)
    page.object_list = list(page.object_list)
    mark_comments_in(page.object_list)  # the stage as the case page reads it (walk 65)
    for row in page:
        row.awaiting_review = row.pk in held
        row.days_left = (row.next_due_on - today).days if row.next_due_on else None
        past_due = row.days_left is not None and row.days_left < 0
        # Past due, a period that binds no one is no one's failure, not "N days overdue".
        row.ended_unused = past_due and row.next_due_kind in NOT_BINDING
        row.overdue_by = -row.days_left if past_due and not row.ended_unused else 0
        # Which deadline (walk 176: a date and a count, mixing the Secretariat's targets with
        # the Party's response and the submitters' revision).
        row.next_due_label = KIND_LABELS.get(row.next_due_kind, "")
    # The last check of every history (nightly, or verify_history), on the cases this reader
    # sees (walk 69: a history rewritten in the database showed on its audit page only).
    check = checks.latest()
    visible = set(cases.values_list("pk", flat=True)) if check and check.broken else set()
    broken = [case for case in check.broken if case["submission"] in visible] if check else []
    counts = queries.stage_counts(cases)
    by_stage = [(stage, counts.get(stage.value, 0)) for stage in Stage]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workspace/queue.html",
        {
            "form": form,
            "invalid": invalid,
            "page": page,
            "by_stage": by_stage,
            "quick": {**queries.counts_for(cases), "awaiting_review": len(held)},
            "today": today,
            "query": query.urlencode(),
            "can_act": access.is_secretariat(request.user),
            "is_director": access.is_director(request.user),
            "check": check,
            "broken": broken,
        },
    )
