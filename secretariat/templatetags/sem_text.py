"""Template filters that turn stored codes and numbers into words of the active language, so
that no page shows "PE", "party:US" or "24576" to a person: the Party as a label, its
government, who did something ("by the Secretariat"), and what a download is ("PDF, 1.2 MB").

Load with ``{% load sem_text %}``. The phrases come whole from ``notices.phrases`` (never a
preposition glued to a name: docs/glossary.md)."""

import datetime
import os

from babel import Locale
from babel.numbers import format_percent
from django import template
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.html import format_html
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext, pgettext

from notices import documents, phrases
from submissions import uploads
from submissions.dates import long_date, long_datetime
from submissions.stages import COMMENTS_IN, Author
from workflow import treaty
from workflow.deadlines import mark_comments_in

register = template.Library()

# What a person calls a file, by the type sniffed when it was stored.
FORMATS = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/msword": "DOC",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/rtf": "RTF",
    "text/rtf": "RTF",
    "text/plain": "TXT",
    "text/csv": "CSV",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.ms-excel": "XLS",
    "application/zip": "ZIP",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/tiff": "TIFF",
    "image/gif": "GIF",
}


@register.filter
def party_label(code: str) -> str:
    """``PE`` → "Peru" / "Perú": the Party as a label."""
    return phrases.party_label(code or "")


@register.filter
def party_in_sentence(code: str) -> str:
    """``US`` → "the United States" / "los Estados Unidos": the Party as a sentence names it,
    with its article where the language has one."""
    return treaty.party_name(code or "")


@register.filter
def government(code: str) -> str:
    """``PE`` → "Government of Peru" / "Gobierno del Perú"."""
    return treaty.government_name(code or "")


@register.filter
def country_name(code: str) -> str:
    """``PE`` → "Peru" / "Perú": a country (a submitter's nationality) by its name in the
    active language (CLDR, as the filing form lists them)."""
    if not code:
        return ""
    names = Locale.parse((get_language() or "en")[:2]).territories
    return names.get(code.upper(), code)


# Labels by code, built once: a model's get_<field>_display builds its choices' dictionary
# on every call (a case page's documents call it twice each).
LANGUAGE_LABELS = dict(settings.LANGUAGES)
AUTHOR_LABELS = dict(Author.choices)
SUBMITTERS = gettext_lazy("Submitters")


@register.filter
def language_name(code: str) -> str:
    """``es`` → "Spanish" / "Español": a working language by its name in the active language."""
    return str(LANGUAGE_LABELS.get(code, code))


def _several(author: str, submission) -> bool:
    """Whether ``author`` is the submitters of a case filed by more than one (its
    ``memberships`` prefetched by the pages that list many events)."""
    return (
        author == "submitter" and submission is not None and len(submission.memberships.all()) > 1
    )


@register.filter
def author_name(author: str, submission=None) -> str:
    """``party:PE`` → "Government of Peru": who is the author of a document or an event;
    ``submitter`` → "Submitters" where ``submission`` has several (walk 32: "(Remitente, …)"
    beside a filing by two)."""
    if _several(author, submission):
        return str(SUBMITTERS)
    return str(AUTHOR_LABELS.get(author, author))


@register.filter
def by_author(author: str, submission=None) -> str:
    """``secretariat`` → "by the Secretariat" / "por la Secretaría"; ``submitter`` → "by the
    submitters" where ``submission`` has several."""
    return phrases.by_author(author or "", several=_several(author, submission))


def _shown_language(submission, field: str) -> str:
    return submission.shown_text(field, (get_language() or settings.LANGUAGE_CODE)[:2])[1]


# What a page adds after a text shown in another language than its own.
IN_LANGUAGE = {
    "en": gettext_lazy("(in English)"),
    "es": gettext_lazy("(in Spanish)"),
    "fr": gettext_lazy("(in French)"),
}


@register.filter
def title_lang(submission) -> str:
    """The language of the title a page shows for ``submission`` (for its ``lang``): the
    page's, or the other one when the title is only written in that one."""
    return _shown_language(submission, "title")


@register.filter
def summary_lang(submission) -> str:
    return _shown_language(submission, "summary")


ONLY_IN = {
    "en": gettext_lazy("Available in English only."),
    "es": gettext_lazy("Available in Spanish only."),
    "fr": gettext_lazy("Available in French only."),
}
READ_HERE = {
    "en": gettext_lazy("Read in English on this page"),
    "es": gettext_lazy("Read in Spanish on this page"),
    "fr": gettext_lazy("Read in French on this page"),
}


SHOWN_IN = {
    "en": gettext_lazy("Not written in this page's language: shown here in English."),
    "es": gettext_lazy("Not written in this page's language: shown here in Spanish."),
    "fr": gettext_lazy("Not written in this page's language: shown here in French."),
}


REASONS_IN = {
    "en": gettext_lazy("The reasons are given in English, the language of the submission."),
    "es": gettext_lazy("The reasons are given in Spanish, the language of the submission."),
    "fr": gettext_lazy("The reasons are given in French, the language of the submission."),
}


@register.filter
def reasons_in(details, code: str) -> str:
    """Said under an event's findings whose reasons are written in ``code``, the case's
    language, where the page is in another (walk 63: a French page gave Spanish reasons with
    no word of it; the formal documents say so)."""
    if any(getattr(value, "reasons", "") for _label, value in details):
        return _elsewhere(REASONS_IN, code)
    # A proposal's own title or reasons (walk 153: unmarked on the approvals page).
    if any(getattr(value, "secretariat", False) for _label, value in details):
        return _elsewhere(WRITTEN_IN, code)
    return ""


def _elsewhere(said: dict, code: str) -> str:
    """What ``said`` says of a text written in ``code`` where the page is in another language."""
    page = (get_language() or settings.LANGUAGE_CODE)[:2]
    return "" if code == page else str(said.get(code, ""))


WRITTEN_IN = {
    "en": gettext_lazy("Written in English, the language of the submission."),
    "es": gettext_lazy("Written in Spanish, the language of the submission."),
    "fr": gettext_lazy("Written in French, the language of the submission."),
}


@register.filter
def written_in(event, code: str) -> str:
    """Said under the note of an ``event`` of the Secretariat's, which it writes in the
    case's language ``code``, where the page is in another (walk 73: its findings said so, its
    notes did not). A Party's or a submitter's note is in whatever language they wrote."""
    return _elsewhere(WRITTEN_IN, code) if event.author == "secretariat" else ""


@register.filter
def title_in(event, code: str) -> str:
    """Said after the title of an ``event`` of the Secretariat's, which it writes in the case's
    language ``code``, where the page is in another: "(in Spanish)" (walk 168: "Draft factual
    record submitted to the Council: Borrador del expediente de hechos", unmarked)."""
    return _elsewhere(IN_LANGUAGE, code) if event.author == "secretariat" else ""


@register.filter
def shown_in(code: str) -> str:
    """Said above a text shown in another language than the page's, where it is written in
    more than that one (the others follow on the page)."""
    return str(SHOWN_IN.get(code, ""))


@register.filter
def only_in(code: str) -> str:
    """Said above a text shown in another language than the page's, its only one."""
    return str(ONLY_IN.get(code, ""))


@register.filter
def read_here(code: str) -> str:
    """The link to a document's text on the page, in its language."""
    return str(READ_HERE.get(code, ""))


@register.filter
def in_language(code: str) -> str:
    """What a page adds after a text in another language than its own: "(in Spanish)"."""
    return str(IN_LANGUAGE.get(code, ""))


@register.simple_tag
def case_title(submission):
    """A case's title in the page's language, marked with its ``lang``; when it is written only
    in the other language, that one, saying so ("(in English)"). Python rather than an
    included template: lists show it twenty times a page."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    title, shown = submission.shown_text("title", language)
    if shown == language:
        return format_html('<span lang="{}">{}</span>', language, title)
    return format_html(
        '<span lang="{}">{}</span> <span class="fallback">{}</span>',
        shown,
        title,
        IN_LANGUAGE.get(shown, ""),
    )


@register.filter
def day(value) -> str:
    """A date as ``<time datetime="2024-03-05">5 March 2024</time>``: the machine's form and
    the page's language's (one date format per language, ``secretariat/formats``)."""
    if not value:
        return ""
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), long_date(value))


def _local(value):
    """A moment in the installation's time zone, as Django's ``date`` filter shows it."""
    if not isinstance(value, datetime.date):
        raise TypeError(f"not a date: {value!r}")  # a template's mistake: found by the tests
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter(name="long_date")
def long_date_filter(value) -> str:
    """A date (or a moment's date) as text in the page's language ("1er mars 2026")."""
    return long_date(_local(value)) if value else ""


@register.filter(name="long_datetime")
def long_datetime_filter(value) -> str:
    """A moment as text in the page's language, in the installation's time zone."""
    return long_datetime(_local(value)) if value else ""


@register.filter
def case_status(submission) -> str:
    """Open or closed, as the docket says it."""
    if submission.stage == "closed":
        return pgettext("case status", "Closed")
    return pgettext("case status", "Open")


@register.filter
def stage_label(submission, reader: str = "") -> str:
    """The case's stage; before the Secretariat acknowledges it, that it was received (walk
    40: its submitters read "Admissibility review" the moment they filed; walk 48: the
    workspace still did); once closed, why. ``reader`` "staff" says it to the Secretariat
    itself."""
    unread = submission.stage == "admissibility_review" and not submission.is_registered
    if submission.is_open and unread:
        if reader == "staff":
            return gettext("Received, not yet acknowledged")
        return gettext("Received: awaiting the Secretariat's acknowledgement")
    if not submission.is_open and submission.closure_reason:
        # Walk 50: "Étape : Close : Dossier factuel rendu public", two colons in a row; walk
        # 62: "Cerrado (Expediente de hechos publicado)", a capital inside the brackets.
        reason = str(submission.get_closure_reason_display())
        return f"{pgettext('case status', 'Closed')} ({reason[:1].lower()}{reason[1:]})"
    if not submission.is_open:
        return pgettext("case status", "Closed")
    if getattr(submission, "comments_in", False):  # deadlines.mark_comments_in
        return str(COMMENTS_IN)
    return str(submission.get_stage_display())


@register.filter
def case_stage(submission, reader: str = "") -> str:
    """``stage_label`` on the page of one case, which may ask its deadlines: once every
    Party's period for comments on the draft is met or past, the stage (the table's, until the
    final record is submitted) says so (walks 50 and 52: "comment period" above "the Parties
    have commented; the Secretariat is preparing the final record"). One query, on one case's
    page; lists mark their cases at once (``deadlines.mark_comments_in``)."""
    if not hasattr(submission, "comments_in"):
        mark_comments_in([submission])
    return stage_label(submission, reader)


def file_format(document) -> str:
    """The file's format in capitals ("PDF"), from its sniffed type, else its name."""
    content_type = (getattr(document, "content_type", "") or "").split(";")[0].strip().lower()
    if content_type in FORMATS:
        return FORMATS[content_type]
    name = getattr(document, "original_name", "") or getattr(document.file, "name", "") or ""
    extension = os.path.splitext(name)[1].lstrip(".")
    return extension.upper()


def file_size(size) -> str:
    """A size as a person reads it, in the active language's numbers: "24 KB", "1,2 MB"."""
    if size is None:
        return ""
    # The units in the reader's words (walk 24: "37 KB" beside "620 octets" in French).
    if size < 1024:
        return ngettext("%(count)s byte", "%(count)s bytes", size) % {"count": size}
    if size < 1024 * 1024:
        return gettext("%(size)s KB") % {"size": formats.number_format(round(size / 1024))}
    # Rounded first: number_format cuts the digits it does not show.
    return gettext("%(size)s MB") % {
        "size": formats.number_format(round(size / (1024 * 1024), 1), 1)
    }


@register.filter
def download_label(document) -> str:
    """What a download link says about the file: "DOCX, 24 KB" / "PDF, 1,2 MB"."""
    parts = [part for part in (file_format(document), file_size(document.size)) if part]
    return ", ".join(parts)


@register.simple_tag
def colon() -> str:
    """The colon after a label ("Outcome: meets"): French puts a non-breaking space before
    it ("Issue : satisfait")."""
    return "\u00a0:" if (get_language() or "")[:2] == "fr" else ":"


@register.simple_tag
def semicolon() -> str:
    """The semicolon between a list's items, its French space included ("A ; B")."""
    return documents.semicolon(get_language() or "").rstrip()


@register.filter
def party_labels(codes) -> str:
    """Several Parties' names, as ``party_label`` gives each, joined by commas."""
    return ", ".join(phrases.party_label(code or "") for code in codes)


@register.filter
def listed(items) -> str:
    """``items`` joined by the page language's semicolon (walk 31: "Coalition; Nom…")."""
    return documents.semicolon(get_language() or "").join(str(item) for item in items)


@register.simple_tag
def document_title(document):
    """A public document's title as a list heads it: its version in the page's language
    where one exists (``document.versions``, docket_views), else the original's, each marked
    with its ``lang``."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    for version in getattr(document, "versions", None) or ():
        # A translation filed without a title of its own keeps the original's, in the
        # original's language (walk 73: marked as written in the translation's).
        if version.language == language and version.title and version.title != document.title:
            return format_html('<span lang="{}">{}</span>', language, version.title)
    return format_html('<span lang="{}">{}</span>', document.language, document.title)


@register.simple_tag
def version_title(version, document):
    """What a language version's links name to a screen reader: its own title, in its
    language, where it has one, else the document's as the list heads it (walk 95: the
    English version's link read the French title on a French page)."""
    if version.title and version.title != document.title:
        return format_html('<span lang="{}">{}</span>', version.language, version.title)
    if version.pk == document.pk:
        return format_html('<span lang="{}">{}</span>', document.language, document.title)
    return document_title(document)


@register.filter
def titled_in(document, documents) -> str:
    """The language ``document``'s title is written in: a translation filed without a title
    of its own bears its original's (found among ``documents``, the event's), in the
    original's language."""
    if document.translation_of_id:
        for original in documents:
            if original.pk == document.translation_of_id and original.title == document.title:
                return original.language
    return document.language


@register.filter
def docket_href(slug: str) -> str:
    """The public page of the case whose identifier gave ``slug``; empty for a reference that
    names no registered case's page (a receipt number)."""
    try:
        return reverse("docket_case", args=[slug]) if slug else ""
    except NoReverseMatch:
        return ""


@register.filter
def percent(value) -> str:
    """A share given in hundredths (``50``) as the page's language writes a percentage: "50%",
    "50 %" with the no-break space French and Spanish put before the sign (CLDR)."""
    return format_percent(value / 100, locale=translation.to_locale(get_language() or "en"))


@register.simple_tag
def upload_limits() -> str:
    """The one upload policy in words (``submissions.uploads``), above every form that takes
    files (walk 111: the tracking page's form said nothing of types or size until a file was
    refused)."""
    return gettext(
        "Accepted types: %(types)s. Each file may be at most %(per_file)s; all files together "
        "at most %(total)s."
    ) % {
        "types": ", ".join(e.upper() for e in uploads.allowed_extensions()),
        "per_file": filesizeformat(settings.SEM_FILING_MAX_FILE_BYTES),
        "total": filesizeformat(settings.SEM_FILING_MAX_TOTAL_BYTES),
    }
