"""The letterhead of everything the Secretariat sends or issues, in the language it is written
in: emails, portal receipts and generated documents all ask here, so that a Spanish message
never carries the English letterhead."""

from django.conf import settings


def for_language(language: str | None) -> str:
    """The letterhead for ``language`` ("es" or "en"; anything else gets the English one)."""
    if (language or "")[:2] == "es":
        return settings.SEM_LETTERHEAD_ES
    return settings.SEM_LETTERHEAD
