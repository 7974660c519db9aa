"""How the layers above hear of recorded events without the workflow importing them.

The notices register here from ``NoticesConfig.ready()``: ``written`` hooks run inside the
transaction that records the event (so that what they write, such as outbox rows, commits or
rolls back with it), ``committed`` hooks after that transaction has committed. An import never
calls them: a history being imported tells nobody.
"""

from collections.abc import Callable

from django.db import transaction

_written: list[Callable] = []
_committed: list[Callable] = []


def on_event_written(hook: Callable) -> Callable:
    """Register ``hook(event)``, called inside the event's transaction."""
    if hook not in _written:
        _written.append(hook)
    return hook


def on_event_committed(hook: Callable) -> Callable:
    """Register ``hook(event_pk)``, called once the event's transaction has committed."""
    if hook not in _committed:
        _committed.append(hook)
    return hook


def event_written(event) -> None:
    for hook in _written:
        hook(event)
    pk = event.pk
    transaction.on_commit(lambda: _event_committed(pk))


def _event_committed(event_pk: int) -> None:
    for hook in _committed:
        hook(event_pk)
