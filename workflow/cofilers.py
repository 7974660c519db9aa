"""Who filed with whom: a submitter reads the withheld names of those who filed with them, not
those of the strangers who joined the case later, nor theirs to those strangers.

PROCESS.md ("Visibility and confidentiality"): a withheld identity is still seen by the
Secretariat and the Party concerned. The persons who file a submission together wrote each
other's names into it; a person who joins it later (``submitters_joined``, an adhesion) did not,
and neither side is told the other's withheld name (the tracking page and the emails named
every co-submitter to every other).

The groups are read from the case's history: the memberships created with the filing come
first, then each ``submitters_joined`` adds its own, in the order of its list
(``effects._submitters_joined``).
"""

JOINED = "submitters_joined"


def groups(submission, events=None, total: int | None = None) -> list[int]:
    """For each membership of ``submission`` by position, the number of the group it joined
    with: 0 for those who filed it, 1 for the first adhesion, and so on. ``events`` and
    ``total`` (how many memberships): where the caller has read them."""
    if events is None:
        joined = list(
            submission.events.filter(kind=JOINED).order_by("seq").values_list("data", flat=True)
        )
    else:
        joined = [e.data for e in sorted(events, key=lambda e: e.seq) if e.kind == JOINED]
    sizes = [len((data or {}).get("submitters") or ()) for data in joined]
    if total is None:
        total = submission.memberships.count()
    numbers = [0] * max(0, total - sum(sizes))
    for group, size in enumerate(sizes, start=1):
        numbers += [group] * size
    return numbers[:total] + [len(sizes)] * (total - len(numbers))


def group_of(event) -> int:
    """The group number of the submitters a ``submitters_joined`` ``event`` added."""
    return 1 + event.submission.events.filter(kind=JOINED, seq__lt=event.seq).count()


def strangers(membership, memberships, events=None) -> set[int]:
    """The ids of the memberships of ``membership``'s case that did not file with it.
    ``memberships``: the case's, by position (the caller has read them)."""
    ids = [m.pk for m in memberships]
    numbers = groups(membership.submission, events, total=len(ids))
    own = numbers[ids.index(membership.pk)]
    return {pk for pk, number in zip(ids, numbers, strict=True) if number != own}


LEFT = "submitter_left"


def left(events) -> set[int]:
    """The positions of the submitters who left the submission (``submitter_left``, ours:
    docs/registry-extensions.md), from a case's ``events`` or its history's facts (dicts)."""
    found = set()
    for event in events:
        if isinstance(event, dict):
            kind, data = event["kind"], event["data"]
        else:
            kind, data = event.kind, event.data
        if kind == LEFT:
            found.add((data or {}).get("submitter"))
    return found


def gone(submission) -> set[int]:
    """The positions of ``submission``'s submitters who left it (one query)."""
    return left(submission.events.filter(kind=LEFT))


def staying(submission) -> int:
    """How many of ``submission``'s submitters have not left it."""
    return submission.memberships.count() - len(gone(submission))


def position(membership) -> int:
    """The membership's index in its case's list of submitters (as events name them)."""
    order = membership.submission.memberships.order_by("position", "id")
    return list(order.values_list("pk", flat=True)).index(membership.pk)
