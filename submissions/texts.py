"""A case's texts kept per language (its title and summary: ``title_en``, ``title_es``,
``title_fr``…), as ``Submission`` reads them: for a reader of one language, the first written
one in the profile's order, and which language it is in."""

import hashlib
import json

from django.conf import settings
from django.utils.translation import get_language, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from submissions import profiles

# What a text longer than its limit is told, in every form (secretariat.web.forms) and the
# docket's parameters (submissions.search): the limit said as it is (walk 129: Django's
# Spanish "menos de 50000 caracteres" where 50,000 are taken; walk 134: the CSV's and the
# API's search, "menos de 200").
TOO_LONG = ngettext_lazy(
    "At most %(limit_value)d character (this text has %(show_value)d).",
    "At most %(limit_value)d characters (this text has %(show_value)d).",
    "limit_value",
)

# The per-language texts' labels (a whole phrase each: "Título en inglés", not "Título en"
# and a language's name).
TEXT_LABELS = {
    "en": (_("Title in English"), _("Summary in English")),
    "es": (_("Title in Spanish"), _("Summary in Spanish")),
    "fr": (_("Title in French"), _("Summary in French")),
}


class PerLanguageTexts:
    """The per-language texts of a ``Submission`` (a mixin: the fields are the model's)."""

    # The languages a case's per-language texts can be kept in (``title_en``, ``title_es``,
    # ``title_fr``): every working language of the profiles (submissions.profiles).
    TEXT_LANGUAGES = ("en", "es", "fr")

    def text_rows(self) -> list[tuple]:
        """(language, the title's label, the summary's label, title, summary) in each of the
        profile's languages, for the workspace's case page."""
        return [
            (
                code,
                *TEXT_LABELS[code],
                getattr(self, f"title_{code}"),
                getattr(self, f"summary_{code}"),
            )
            for code in profiles.installed().languages
        ]

    def shown_text(self, field: str, language: str | None = None) -> tuple[str, str]:
        """A per-language text for a reader of ``language``, and the language it is in: the
        reader's own if it is written, else the first written of the other languages, in
        the installation's order (``settings.LANGUAGES``)."""
        language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
        order = [language, *(code for code, _name in settings.LANGUAGES if code != language)]
        for code in order:
            if code in self.TEXT_LANGUAGES and (text := getattr(self, f"{field}_{code}")):
                return text, code
        return "", language

    def text_in(self, field: str, language: str | None = None) -> tuple[str, bool]:
        """A per-language text and whether it is another language's, shown as a fallback."""
        language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
        text, shown = self.shown_text(field, language)
        return text, shown != language

    def texts(self, field: str) -> dict[str, str]:
        """A per-language text in every language it is written in (the registry format's and
        the API's ``{"en": …, "es": …}``)."""
        return {
            code: text
            for code in profiles.installed().languages
            if (text := getattr(self, f"{field}_{code}"))
        }

    def texts_digest(self) -> str:
        """The SHA-256 of every title and summary in the profile's working languages as they
        read now (JSON with sorted keys, no spaces, UTF-8): a filing's ``texts_sha256``, which
        the history check compares with the row until the Secretariat records texts of its
        own (workflow.chain_problems.row_problems)."""
        texts = {
            f"{field}_{code}": getattr(self, f"{field}_{code}")
            for field in ("title", "summary")
            for code in profiles.installed().languages
        }
        canonical = json.dumps(texts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()

    @property
    def title(self) -> str:
        return self.text_in("title")[0]

    @property
    def title_is_fallback(self) -> bool:
        return self.text_in("title")[1]

    @property
    def summary(self) -> str:
        return self.text_in("summary")[0]

    @property
    def summary_is_fallback(self) -> bool:
        return self.text_in("summary")[1]


def semicolon(language: str | None = None) -> str:
    """What separates a list's items ("A; B") in ``language`` (default: the active one):
    French puts a non-breaking space before the semicolon, as before a colon (walk 31:
    "Canada; Mexique"; walk 172: the workspace's lists)."""
    language = language if language is not None else get_language()
    return "\u00a0; " if (language or "")[:2] == "fr" else "; "
