"""The letterhead of everything the Secretariat sends or issues, in the language it is written
in: emails, portal receipts and generated documents all ask here, so that a Spanish message
never carries the English letterhead."""

from django.conf import settings

SETTINGS = {"en": "SEM_LETTERHEAD", "es": "SEM_LETTERHEAD_ES", "fr": "SEM_LETTERHEAD_FR"}


def for_language(language: str | None) -> str:
    """The letterhead for ``language`` (the profile's, or the installation's setting); a
    language without one gets the English one."""
    name = SETTINGS.get((language or "")[:2])
    return (getattr(settings, name, "") if name else "") or settings.SEM_LETTERHEAD
