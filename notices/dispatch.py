"""Where the workflow hands a recorded event to the notices (email, documents, feeds).

The workflow calls ``event_recorded`` after the event's transaction has committed. The
outbox, formal documents and reminders are built in the notices issue; until then nothing is
sent, and that is the only thing this module decides.
"""


def event_recorded(event_pk: int) -> None:
    """Called once per committed event (never inside the transaction that wrote it)."""
    return None
