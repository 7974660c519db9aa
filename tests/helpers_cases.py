"""Drive a case to any stage through the real workflow services, as the registry importer does.

Historical events are recorded with ``importing=ImportOptions()``: past dates are allowed, no
four eyes and no role checks, but every stage rule and guard of the transition table still
applies. Tests use :func:`drive` to get a case in a given stage and :class:`Story` to add
events on later dates.
"""

import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from submissions.stages import Stage
from submissions.storage import DocumentInput
from tests.factories import file_case
from tests.parties import ALL_MET, OTHERS, PROFILE, A, B, council_members
from workflow import services

D = datetime.date
FILED_ON = D(2023, 3, 10)  # a Friday


# The dates of the usual path through the process; each step's date follows the last.
TIMELINE = {
    "filed": FILED_ON,
    "acknowledged": D(2023, 3, 13),
    "admissibility_determined": D(2023, 4, 10),
    "response_decided": D(2023, 5, 7),  # party_response: 45 days → Wednesday 21 June 2023
    "party_responded": D(2023, 6, 15),
    "factual_record_notified": D(2023, 7, 14),
    "council_instructed": D(2023, 8, 1),
    "draft_submitted": D(2023, 10, 2),  # draft_comments: 45 days → Thursday 16 November 2023
    # Each Party's comment on the draft: A's, B's, then any other's (the CEC's Canada).
    **{
        f"draft_commented:{code}": D(2023, 10, day)
        for code, day in zip((A, B) + OTHERS, (20, 25, 26, 27, 28, 29, 30), strict=False)
    },
    "final_submitted": D(2023, 11, 15),
}


class Story:
    """A case and the date of its last event; ``add`` records the next historical event."""

    def __init__(self, case, on: datetime.date):
        self.case = case
        self.on = on

    def add(self, kind: str, on: datetime.date | None = None, *, after: int = 1, **kwargs):
        """Record ``kind`` on ``on`` (default: ``after`` days after the last event)."""
        self.on = on or self.on + datetime.timedelta(days=after)
        event = services.record_event(
            self.case, kind, actor=None, on=self.on, importing=services.ImportOptions(), **kwargs
        )
        self.case.refresh_from_db()
        return event

    def council(self, kind: str = "council_instructed", on=None, **kwargs):
        """The Council's instruction (``kind``: to prepare, or to publish), given on ``on`` by
        as many members as the profile's rule needs (TPA: A's alone; CEC: A's and B's)."""
        for member in council_members(kind):
            event = self.add(kind, on, author=f"council:{member}", data={"party": member}, **kwargs)
        return event

    @property
    def stage(self) -> str:
        return self.case.stage


def file_story(party: str = A, on: datetime.date = FILED_ON, **kwargs) -> Story:
    return Story(file_case(on=on, party=party, **kwargs), on)


def drive(
    stage: str,
    *,
    party: str = A,
    acknowledged: bool = True,
    pending_proceeding: bool = False,
    comments: tuple | None = None,
) -> Story:
    """A case in ``stage``, reached along the usual path (``TIMELINE``).

    ``awaiting_revision`` comes from a ``does_not_meet`` determination; ``closed`` from a
    withdrawal while the Party's response is awaited (so that a late response can follow).
    ``comments`` are the Parties that comment on the draft before the final record (default:
    every Party). The Council's instruction is given by as many members as its rule needs.
    """
    if comments is None:
        comments = (A, B) + OTHERS
    stage = Stage(stage)
    t = TIMELINE
    story = file_story(party)
    if acknowledged:
        story.add("acknowledged", t["acknowledged"])
    if stage == Stage.ADMISSIBILITY_REVIEW:
        return story
    if stage == Stage.AWAITING_REVISION:
        story.add(
            "admissibility_determined",
            t["admissibility_determined"],
            data={"outcome": "does_not_meet"},
        )
        return story
    story.add(
        "admissibility_determined",
        t["admissibility_determined"],
        data={"outcome": "meets", "criteria": ALL_MET},
    )
    if stage == Stage.RESPONSE_DECISION:
        return story
    story.add("response_decided", t["response_decided"], data={"outcome": "request"})
    if stage == Stage.AWAITING_RESPONSE:
        return story
    if stage == Stage.CLOSED:
        story.add("withdrawn", D(2023, 5, 20), author="submitter")
        return story
    story.add(
        "party_responded",
        t["party_responded"],
        author=f"party:{party}",
        data={"pending_proceeding": pending_proceeding},
    )
    if stage == Stage.FACTUAL_RECORD_DECISION:
        return story
    story.add(
        "factual_record_notified", t["factual_record_notified"], data={"outcome": "warranted"}
    )
    if stage == Stage.AWAITING_COUNCIL:
        return story
    story.council(on=t["council_instructed"])
    if stage == Stage.FACTUAL_RECORD_PREPARATION:
        return story
    story.add("draft_submitted", t["draft_submitted"])
    if stage == Stage.DRAFT_COMMENT_PERIOD:
        return story
    for commenter in comments:
        story.add(
            "draft_commented",
            t[f"draft_commented:{commenter}"],
            author=f"party:{commenter}",
            data={"party": commenter},
        )
    every = set(comments) == set(PROFILE.codes)
    # Without every Party's comment the final record waits for the 45 days to pass
    # (TPA Art. 18.9.5).
    story.add("final_submitted", t["final_submitted"] if every else D(2023, 11, 17))
    assert story.stage == Stage.FINAL_FACTUAL_RECORD
    return story


def reasons_for_the_public(story: Story, party: str = A):
    """A Council member's instruction whose reasons were sent for the public: the entry the
    Secretariat's review waits on (the held-for-review tests)."""
    return story.add(
        "council_instructed",
        author=f"council:{party}",
        data={"party": party, "publish_requested": True},
        note="Razones del miembro del Consejo.",
    )


def response_for_the_public(story: Story, note: str, documents_in=()):
    """The Party's response sent through its portal for the public: its words, and the first
    of ``documents_in`` sent for the public too (held for the Secretariat's review)."""
    return story.add(
        "party_responded",
        author=f"party:{A}",
        data={
            "party": A,
            "pending_proceeding": False,
            "publish_requested": True,
            **({"for_public": [0]} if documents_in else {}),
        },
        note=note,
        documents_in=list(documents_in),
    )


def publish_text(story: Story, actor, entry, reason: str, **extra):
    """The Secretariat's decision to publish ``entry``'s note (with ``extra``: its documents,
    ``with_documents``): recorded, or proposed under four eyes."""
    data = {"event": entry.seq - 1, "fields": ["note"], "from": "parties", "to": "public"}
    return services.record_event(
        story.case, "visibility_changed", actor=actor, data={**data, "reason": reason, **extra}
    )


def comments_as_documents_for_the_public(story: Story, party: str = A):
    """A Party's comments on the draft sent through its portal for the public as two documents
    and no words: held at *parties* until the Secretariat publishes them (walk 100)."""
    held = [public_file("Comentarios"), public_file("Anexo de los comentarios", "a.pdf")]
    for document in held:
        document.visibility = "parties"
    return story.add(
        "draft_commented",
        author=f"party:{party}",
        visibility="parties",
        data={"party": party, "publish_requested": True, "for_public": [0, 1]},
        documents_in=held,
    )


def comments_with_a_reserved_annex(story: Story, on, note, sent, kept, party: str = A):
    """A Party's comments on the draft sent through its portal for the public with the
    document ``sent``, and ``kept`` as an annex for the Parties only (walks 105 and 108)."""
    for document in (sent, kept):
        document.visibility = "parties"
    return story.add(
        "draft_commented",
        on,
        author=f"party:{party}",
        visibility="parties",
        data={"party": party, "publish_requested": True, "for_public": [0]},
        note=note,
        documents_in=[sent, kept],
    )


SEAT = ZoneInfo(PROFILE.time_zone)


def frozen(day: datetime.date, hour: int = 12):
    """Freeze time at noon of ``day`` at the seat (a decorator or a context manager)."""
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SEAT), tick=False
    )


def strings_in(value):
    """Every string inside JSON-like ``value`` (an event's data, an API answer)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def public_file(title: str, name: str = "p.pdf", content: bytes = b"%PDF-1.4 p"):
    """A public document in Spanish, for ``documents_in``."""
    return DocumentInput(
        title=title, language="es", file=SimpleUploadedFile(name, content), visibility="public"
    )


def registered(filing, documents_in=()):
    """A case filed on ``FILED_ON`` (as an import: no four eyes, every rule applies) with
    ``documents_in``, then acknowledged: on the public docket, its identifier and slug read."""
    case = services.file_submission(
        filing,
        actor=None,
        on=FILED_ON,
        importing=services.ImportOptions(),
        documents_in=list(documents_in),
    )
    services.record_event(case, "acknowledged", actor=None, importing=services.ImportOptions())
    case.refresh_from_db()
    return case
