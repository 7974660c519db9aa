"""Row history (django-simple-history) attributed to the acting user, outside requests too.

Inside a request, simple-history's middleware knows the user. Services also run from Celery
tasks, management commands and the importer, so they name the actor themselves.
"""

from contextlib import contextmanager, suppress
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from simple_history.models import HistoricalRecords


@contextmanager
def acting_user(user):
    """Attribute every history row written inside the block to ``user`` (None: no user)."""
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    context.request = SimpleNamespace(user=user if user is not None else AnonymousUser())
    try:
        yield
    finally:
        if previous is None:
            with suppress(AttributeError):
                del context.request
        else:
            context.request = previous
