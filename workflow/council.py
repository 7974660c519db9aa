"""The Council's decision rule (submissions.profiles.CouncilRule): when the instructions its
members record (``council_instructed``, ``publication_instructed``, each naming the member's
Party) are the Council's instruction.

Under the US-Peru TPA any one member's instruction is the Council's (Art. 18.9.2, 18.9.7), so
the first one moves the case; under a profile that asks for a share of the members (NAAEC's
two-thirds), the case waits until enough different members have instructed. Instructions stay
counted across a reopening, as a single member's instruction does under the TPA today (a case
reopened to the final record's stage is published on the instruction it already has).
"""

import datetime

from submissions import profiles
from submissions.stages import Stage

RULES = {
    "council_instructed": "preparation_rule",
    "publication_instructed": "publication_rule",
}


def needed(kind: str) -> int:
    """How many members' instructions of ``kind`` make the Council's."""
    procedure = profiles.installed()
    return getattr(procedure, RULES[kind]).needed(len(procedure.parties))


def decided_on(facts, kind: str) -> datetime.date | None:
    """The date on which the members' instructions of ``kind`` among ``facts`` (the case's
    events in order, as dicts with ``kind``, ``data`` and ``on``) first became the Council's,
    or ``None`` while they have not."""
    parties: set[str] = set()
    for fact in facts:
        if fact["kind"] == kind:
            parties.add(fact["data"].get("party", ""))
            if len(parties) >= needed(kind):
                return fact["on"]
    return None


def decides(facts, kind: str) -> bool:
    """Whether the instructions of ``kind`` among ``facts``, the last one just recorded, are
    the Council's: its effect (the stage it moves the case to, where the case still waits for
    it; the deadlines it meets and opens) takes place."""
    return decided_on(facts, kind) is not None


def refused(facts) -> bool:
    """Whether the members' votes against a factual record (``council_declined``) among
    ``facts`` leave too few members to reach the Council's rule for instructing one."""
    against = {f["data"].get("party", "") for f in facts if f["kind"] == "council_declined"}
    members = len(profiles.installed().parties)
    return members - len(against) < needed("council_instructed")


def voted(facts, party: str) -> bool:
    """Whether the member of ``party`` has voted on preparing a factual record, either way."""
    return any(
        f["kind"] in ("council_instructed", "council_declined") and f["data"].get("party") == party
        for f in facts
    )


def facts_of(case) -> list[dict]:
    """The case's instructions and votes against, in order, as ``decided_on`` reads them."""
    return [
        {"kind": kind, "data": data, "on": on}
        for kind, data, on in case.events.filter(kind__in=[*RULES, "council_declined"])
        .order_by("seq")
        .values_list("kind", "data", "on")
    ]


def given_by(facts, kind: str, party: str) -> bool:
    """Whether the member of ``party`` has instructed ``kind``."""
    return any(f["kind"] == kind and f["data"].get("party") == party for f in facts)


def tally(events) -> None:
    """Mark each member's instruction among ``events`` (one case's, in order, as a page lists
    them) with where it leaves the Council's rule, where the rule needs more than one member
    (walk 31: after one of two votes the docket showed the vote alone, and after the second
    nothing said the Council had instructed): ``council_tally`` is (members so far, members
    needed, "short" / "decides" / "after", and for a "short" one the date of the instruction
    that later decided, else None: walk 61, a first vote read "not yet" after the decision)."""
    parties: dict[str, set[str]] = {kind: set() for kind in RULES}
    decided: set[str] = set()
    short: dict[str, list] = {kind: [] for kind in RULES}
    for event in events:
        kind = event.kind
        if event.stage_after == Stage.CLOSED:
            # Walk 130: closed without the Council's decision (the votes against, or its
            # period ran out), a first vote still read "not yet".
            for kind_short in RULES:
                if kind_short not in decided:
                    for earlier in short[kind_short]:
                        earlier.council_tally = (*earlier.council_tally[:2], "closed", event.on)
                    short[kind_short] = []
            continue
        if kind not in RULES or needed(kind) < 2:
            continue
        parties[kind].add((event.data or {}).get("party", ""))
        count = len(parties[kind])
        if kind in decided:
            state = "after"
        elif count >= needed(kind):
            state = "decides"
            decided.add(kind)
            for earlier in short[kind]:
                earlier.council_tally = (*earlier.council_tally[:3], event.on)
        else:
            state = "short"
            short[kind].append(event)
        event.council_tally = (count, needed(kind), state, None)


# The stage in which the Council's instruction of each kind is awaited.
AWAITED_IN = {
    "council_instructed": Stage.AWAITING_COUNCIL,
    "publication_instructed": Stage.FINAL_FACTUAL_RECORD,
}


def waiting(stage: str, events) -> list[dict]:
    """For each instruction the Council's rule still waits on (the portal says so): its kind,
    the members needed and those given so far; where it needs several, from the moment it is
    awaited (walk 50: the rule was explained only once a first member had voted)."""
    result = []
    for kind in RULES:
        given = {e.data.get("party") for e in events if e.kind == kind}
        count = needed(kind)
        awaited = count > 1 and stage == AWAITED_IN[kind]
        # Not once the case closed (walk 130: "Members who have so far: 1" on a case the
        # votes against had closed).
        if (given or awaited) and len(given) < count and stage != Stage.CLOSED:
            result.append({"kind": kind, "given": len(given), "needed": count})
    return result
