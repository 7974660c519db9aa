"""Row history (django-simple-history): attributed to the acting user, and sealed.

Inside a request, simple-history's middleware knows the user. Services also run from Celery
tasks, management commands and the importer, so they name the actor themselves
(``acting_user``).

Every history row carries a seal (``history_seal``): HMAC-SHA256s of the row's values under
the event chain's key (``settings.SEM_CHAIN_KEYS``, kept outside the database), as
``"<key id>:<values>:<user>"``: one over every value but the acting account, one over that
and the account, so that deleting an account (whose history rows Django then attributes to
no one) leaves the row's values checkable and the row read as by "an account since deleted".

The history check compares a row with its last history row to find a change made outside the
application (``workflow.chain_outside``); the seal makes the history row itself evidence:
whoever can write to the database but does not hold the key cannot rewrite a history row to
match a rewritten row (``workflow.chain_seals`` checks them).

The seal covers every column of the history row but its own id and the seal, under the
table's name; an empty value (``None``, ``""``, ``False``, zero, an empty list or mapping) is
left out, so a column added later with an empty default leaves the earlier seals valid. A
column added with any other default needs its migration to seal the table's rows again
(``seal_rows``), after checking them (``tests/test_history_seals.py`` lists the columns each
table's seal covers, and fails when they change).
"""

import datetime
import hashlib
import hmac
import json
from contextlib import contextmanager, suppress
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

PURPOSE = b"sem-row-history/1\n"  # a seal is never an event's hash, nor the other way round
BY = b"sem-row-history-user/1\n"
UNSEALED = ("history_id", "history_seal")
USER = "history_user_id"


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


def sealed_fields(history_model) -> list:
    """The columns a history table's seal covers."""
    return [f for f in history_model._meta.concrete_fields if f.attname not in UNSEALED]


# Per history table: (column, field, how its value is written in the seal), the acting
# account left out (it has its own HMAC). Read once per table: the check reads many rows.
_COLUMNS = {}
_MOMENT, _DAY, _FILE, _TEXT = "moment", "day", "file", "text"
_KINDS = {
    "DateTimeField": _MOMENT,
    "DateField": _DAY,
    "FileField": _FILE,
    "ImageField": _FILE,
    "UUIDField": _TEXT,
    "DecimalField": _TEXT,
}


def _columns(history_model) -> list:
    columns = _COLUMNS.get(history_model)
    if columns is None:
        columns = _COLUMNS[history_model] = [
            (field.attname, field, _KINDS.get(field.get_internal_type()))
            for field in sealed_fields(history_model)
            if field.attname != USER
        ]
    return columns


def _typed(field, value):
    """A value about to be written as the database will give it back (the text of a date
    typed by hand, a naive moment in the installation's time zone, a file by its name, a JSON
    value as its encoder writes it: a date as text, a key as a string)."""
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(field, models.JSONField) and value is not None:
        return json.loads(json.dumps(value, cls=field.encoder))
    with suppress(ValidationError, TypeError):
        value = field.to_python(value)
    if isinstance(value, datetime.datetime) and value.tzinfo is None and settings.USE_TZ:
        value = timezone.make_aware(value)
    return value


def _text(kind, value) -> str:
    """A non-empty value as the seal writes it."""
    if kind is None:
        if type(value) is str:
            return value
        if isinstance(value, dict | list):
            return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return str(value)
    if kind is _MOMENT:
        return (value.astimezone(datetime.UTC) if value.tzinfo else value).isoformat()
    if kind is _FILE:
        return getattr(value, "name", value)
    return value.isoformat() if kind is _DAY else str(value)


def _body(history_model, values: dict, stored: bool) -> bytes:
    """What the seal's first HMAC covers: the table's name, then each non-empty value but the
    acting account's as ``name=length:text``, a line each, in the columns' order (an empty
    one is left out, so a column added later keeps the earlier seals valid)."""
    lines = [history_model._meta.label_lower]
    for name, field, kind in _columns(history_model):
        value = values.get(name)
        if not stored:
            value = _typed(field, value)
        if value:
            text = _text(kind, value)
            lines.append(f"{name}={len(text)}:{text}")
    return "\n".join(lines).encode()


def _macs(key: str, history_model, values: dict, *, stored: bool) -> tuple[str, str]:
    """The seal's two HMACs: over the row's values but the acting account, then over that
    and the account. ``stored``: the values were read from the database (else they are about
    to be written, and are first made what the database will give back)."""
    body = _body(history_model, values, stored)
    content = hmac.new(key.encode(), PURPOSE + body, hashlib.sha256).hexdigest()
    user = f"{content}:{values.get(USER) or ''}".encode()
    return content, hmac.new(key.encode(), BY + user, hashlib.sha256).hexdigest()


def seal_of(history_model, values: dict) -> str:
    """The seal of a history row about to be written (its values by column name) under the
    current key."""
    key_id = settings.SEM_CHAIN_KEY_ID
    content, user = _macs(settings.SEM_CHAIN_KEYS[key_id], history_model, values, stored=False)
    return f"{key_id}:{content}:{user}"


OK, BROKEN, UNKNOWN_KEY, ACCOUNT_DELETED = "ok", "broken", "unknown key", "account deleted"


def seal_state(history_model, values: dict) -> str:
    """Whether a stored history row (its values by column name as the database gives them,
    ``history_seal`` among them) matches its seal: ``OK``; ``ACCOUNT_DELETED`` when its values
    do and it names no account though it was sealed with one; ``UNKNOWN_KEY`` when it was
    sealed under a key this installation does not hold; ``BROKEN`` otherwise (no seal, or one
    its values do not give)."""
    parts = (values.get("history_seal") or "").rsplit(":", 2)
    if len(parts) != 3:
        return BROKEN
    key_id, content, user = parts
    key = settings.SEM_CHAIN_KEYS.get(key_id)
    if key is None:
        return UNKNOWN_KEY
    expected, expected_user = _macs(key, history_model, values, stored=True)
    if not hmac.compare_digest(content, expected):
        return BROKEN
    if hmac.compare_digest(user, expected_user):
        return OK
    return ACCOUNT_DELETED if values.get(USER) is None else BROKEN


def row_values(row) -> dict:
    return {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}


class SealingManager(models.Manager):
    """Seals the rows simple-history writes in bulk (``bulk_history_create``)."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.history_seal = seal_of(type(obj), row_values(obj))
        return super().bulk_create(objs, *args, **kwargs)


class SealedHistory(models.Model):
    """The base of every history table: each row sealed as it is written."""

    history_seal = models.CharField(
        _("seal"), max_length=200, blank=True, default="", editable=False
    )

    objects = SealingManager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.history_seal = seal_of(type(self), row_values(self))
        super().save(*args, **kwargs)


def sealed_history(**options) -> HistoricalRecords:
    """A model's row history, its rows sealed (every model with a history uses this)."""
    return HistoricalRecords(bases=[SealedHistory], **options)


def seal_rows(apps, app_label: str) -> None:
    """Seal the history rows of ``app_label`` written before seals (a data migration; the
    migration's models, under the current key)."""
    for model in apps.get_app_config(app_label).get_models():
        if not model.__name__.startswith("Historical") or not any(
            f.attname == "history_seal" for f in model._meta.concrete_fields
        ):
            continue
        batch = []
        for row in model._base_manager.filter(history_seal="").iterator(chunk_size=2000):
            row.history_seal = seal_of(model, row_values(row))
            batch.append(row)
            if len(batch) == 2000:
                model._base_manager.bulk_update(batch, ["history_seal"])
                batch = []
        model._base_manager.bulk_update(batch, ["history_seal"])
