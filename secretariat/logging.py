"""Structured logs: one JSON object per line, for collectors that index fields; and the mask
that keeps submitters' private tracking tokens out of every log.

Selected with ``LOG_FORMAT=json`` (settings.base, LOGGING). Extra fields passed with
``logger.info(..., extra={...})`` appear as keys of their own.

A tracking token reveals a withheld submitter's identity and allows withdrawing the submission.
It is in a URL only on the first visit of an emailed link (``/<lang>/track/<token>/``, which
exchanges it for the session), but that visit still reaches the request logs: a 404 for a
revoked link is a warning with the path, the development server and gunicorn log every request
line. ``mask`` replaces the token in such paths; the filter applies it to every record of the
loggers and handlers LOGGING names, and both formatters to the whole line (extras included).
"""

import json
import logging
import re
from datetime import UTC, datetime

from gunicorn.glogging import Logger as _GunicornLogger

# A segment after /track/ other than the token-free routes (lost/, case/<pk>/).
_TRACKING = re.compile(r"(/track/)(?!(?:lost|case)/)[^/\s?#\'\"<>]+")
MASK = "[token]"


def mask(text: str) -> str:
    """``text`` with any tracking token in a /track/ path replaced by ``[token]``."""
    return _TRACKING.sub(r"\1" + MASK, text) if "/track/" in text else text


class MaskTrackingTokens(logging.Filter):
    """Rewrites a record's message (and string extras such as ``path``) without the tokens.
    Never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        for key, value in vars(record).items():
            if key not in _STANDARD and isinstance(value, str) and "/track/" in value:
                setattr(record, key, mask(value))
        return True


class MaskingFormatter(logging.Formatter):
    """The plain format, with tokens masked in the whole line (exceptions included)."""

    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))


# The attributes every LogRecord has; anything else on a record came in through ``extra``.
_STANDARD = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys() | {"message", "asctime"}
)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        # default=str: a model instance or a date passed in ``extra`` never breaks a log line
        # (Django's request logs pass the request, whose str() holds the path: masked too).
        return mask(json.dumps(entry, ensure_ascii=False, default=str))


class GunicornLogger(_GunicornLogger):
    """gunicorn's access log with tracking tokens masked in the request line and path
    (``logger_class = "secretariat.logging.GunicornLogger"`` in gunicorn.conf.py)."""

    def atoms(self, resp, req, environ, request_time):
        values = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U"):
            if isinstance(values.get(key), str):
                values[key] = mask(values[key])
        return values


class QuietForbidden(logging.Filter):
    """A 403 logs one warning line, without a traceback: refusing a page to someone whose role
    does not open it is an ordinary answer, not a fault (Django attaches the PermissionDenied
    it raised). Never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403 and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
