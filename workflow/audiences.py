"""Who besides the Secretariat sees a case, as its events say (PROCESS.md).

The Party concerned sees a case once a response is requested of it (Art. 18.8.4), the Council
once it is notified (Art. 18.9.1), both Parties and the Council once the draft factual record
is submitted (Art. 18.9.5). A closure keeps what the case had; a reopening returns the case to
a stage, and what that stage does not imply is taken back with the acts the reopening undid.
``workflow.services.effects`` sets the permissions to exactly this after every event.
"""

from submissions.access import Audience
from submissions.stages import Stage

S = Stage
# The audiences that hold in each open stage, by the acts that lead there.
_PARTY_STAGES = frozenset(
    {
        S.AWAITING_RESPONSE,
        S.FACTUAL_RECORD_DECISION,
        S.AWAITING_COUNCIL,
        S.FACTUAL_RECORD_PREPARATION,
        S.DRAFT_COMMENT_PERIOD,
        S.FINAL_FACTUAL_RECORD,
    }
)
_COUNCIL_STAGES = frozenset(
    {
        S.AWAITING_COUNCIL,
        S.FACTUAL_RECORD_PREPARATION,
        S.DRAFT_COMMENT_PERIOD,
        S.FINAL_FACTUAL_RECORD,
    }
)
_DRAFT_STAGES = frozenset({S.DRAFT_COMMENT_PERIOD, S.FINAL_FACTUAL_RECORD})


def implied_by(stage) -> frozenset:
    """The audiences the acts that lead to ``stage`` open."""
    result = set()
    if stage in _PARTY_STAGES:
        result.add(Audience.PARTY_CONCERNED)
    if stage in _COUNCIL_STAGES:
        result.add(Audience.COUNCIL)
    if stage in _DRAFT_STAGES:
        result.add(Audience.PARTIES_AND_COUNCIL)
    return frozenset(result)


def access_for(events) -> frozenset:
    """The audiences a case is open to after ``events`` (its facts in order: dicts with
    ``kind`` and ``data``, or Event rows)."""
    audiences: set = set()
    for event in events:
        kind = event["kind"] if isinstance(event, dict) else event.kind
        data = (event["data"] if isinstance(event, dict) else event.data) or {}
        if kind == "response_decided" and data.get("outcome") == "request":
            audiences.add(Audience.PARTY_CONCERNED)
        elif kind == "factual_record_notified":
            # Also "not warranted": the Council is told of the determination that closes it.
            audiences.add(Audience.COUNCIL)
        elif kind == "draft_submitted":
            audiences.add(Audience.PARTIES_AND_COUNCIL)
        elif kind == "unrecorded_steps":
            # A legacy history that reached the stage by steps it did not date.
            audiences |= implied_by(data.get("stage"))
        elif kind == "reopened":
            # Back to the stage it was closed from: what that stage does not imply was opened
            # by an act the reopening undid (a notification that closed it, say).
            audiences &= implied_by(data.get("to_stage"))
    return frozenset(audiences)
