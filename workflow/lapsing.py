"""When a proposal awaiting the Executive Director lapses: the case left the stage it was made
in, so its reasons were about a state that no longer holds. The engine
(``Context.pending_proposals``), the workspace's approvals and case page, and the notice to its
author all ask here.

A decision on who may see a document or an entry's text is allowed in every stage and its
reasons do not depend on one: it outlives the case moving on, and approving it checks it anew
(walk 75: two proposed publications of a Party's and the Council's entries lapsed when the
final factual record went in, and the officer proposed both again).
"""

from django.db.models import F, Q

from workflow.table import ANY_STAGE, PROPOSABLE_KINDS, TABLE

OUTLIVES_STAGE = frozenset(kind for kind in PROPOSABLE_KINDS if TABLE[kind].stages == ANY_STAGE)


def lapsed(proposed: dict, made_in: str, stage: str) -> bool:
    """Whether a proposal of ``proposed`` (the event it would record), made in ``made_in``,
    has lapsed now that the case is in ``stage`` (if nobody answered it)."""
    return made_in != stage and (proposed or {}).get("kind") not in OUTLIVES_STAGE


def still_open() -> Q:
    """``lapsed``'s complement for ``proposed`` events, as a filter of a query on them."""
    return Q(stage_after=F("submission__stage")) | Q(data__proposal__kind__in=OUTLIVES_STAGE)
