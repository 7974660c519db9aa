"""Rendering a notice into an email: subject, plain text and HTML, in the recipient's language
and with that language's letterhead.

A notice of ``notices.rules`` reads only its own fields; a message to one person
(``notices.personal``) reads the objects its row points to, so that its links are computed
when it is sent."""

import datetime
import re

from babel.lists import format_list
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import conditional_escape, format_html

from notices import documents, letterhead, messages, personal, phrases, recipients
from submissions.dates import long_date
from submissions.models import SubmissionSubmitter, Submitter
from submissions.stages import ClosureReason
from workflow.periods import KIND_LABELS
from workflow.table import TABLE
from workflow.treaty import criteria_for, lettered


def _date(value: str) -> str:
    if not value:
        return ""
    return long_date(datetime.date.fromisoformat(value))


def _values(context: dict) -> dict:
    """The context with codes turned into words of the active language."""
    values = dict(context)
    values["on"] = _date(context.get("on", ""))
    values["due_on"] = _date(context.get("due_on", ""))
    values.setdefault("with", "")  # a consolidation's earlier case (dispatch.queue_notices)
    party = context.get("party", "")
    values["party"] = phrases.party_label(party)
    values["concerning_party"] = phrases.concerning_party(party)
    values["from_party"] = phrases.from_party(party)
    values["from_acting_party"] = phrases.from_party(context.get("acting_party", ""))
    # The letters of the criteria a determination found not met, as the language lists them.
    unmet = [f"({letter})" for letter in context.get("unmet") or ()]
    language = (translation.get_language() or "en")[:2]
    values["unmet"] = format_list(unmet, locale=language) if unmet else ""
    # The documents a proposed publication makes public (dispatch._makes_public).
    titles = [f"“{title}”" for title in context.get("makes_public") or ()]
    values["makes_public"] = format_list(titles, locale=language) if titles else ""
    acting = context.get("acting_party", "")
    values["by_acting_member"] = phrases.by_author(f"council:{acting}") if acting else ""
    closure = context.get("closure")
    # After a colon, in lower case (walk 63: "queda cerrado: Retirada.").
    reason = str(ClosureReason(closure).label) if closure else ""
    values["closure"] = reason[:1].lower() + reason[1:]
    step = context.get("step")  # the step that made a proposal lapse (dispatch)
    values["step"] = (
        str(TABLE[step].label_for(context.get("outcome") or None)) if step in TABLE else ""
    )
    proposal = context.get("proposal")
    values["proposal"] = (
        str(
            TABLE[proposal].label_for(
                context.get("proposal_outcome") or None,
                {
                    "criteria": context.get("proposal_combined", False),
                    **dict.fromkeys(context.get("proposal_keys", ()), True),
                },
            )
        )
        if proposal in TABLE
        else ""
    )
    return values


def _code_in_subject(values: dict) -> str:
    """A document's code after the case's reference that heads the subject (walk 97:
    "SEM/PE/001/2026: determination SEM/PE/001/2026/D1" said the number twice): "D1"."""
    code, reference = values.get("code") or "", values.get("reference") or ""
    return code.removeprefix(f"{reference}/") if reference else code


def _criteria_named(letters, filed_on) -> str:
    """The criteria a determination found not met, each with its letter and its words in the
    case's text (walks 129, 137: "(f)" alone sent the submitters to their page to learn what
    was missing), parted by semicolons, as clauses with their own commas are."""
    criteria = criteria_for(filed_on)
    named = [str(lettered(x, criteria[x])) if x in criteria else f"({x})" for x in letters]
    french = (translation.get_language() or "en")[:2] == "fr"
    return ("\u00a0; " if french else "; ").join(named)


def _marked(values: dict, notice) -> dict:
    """The values for the HTML part: the case's title marked with its language where it is
    not the email's (a screen reader reads an English title in English in a Spanish email)."""
    language = notice.context.get("title_language")
    if not values.get("title") or not language or language == notice.language:
        return values
    return {**values, "title": format_html('<span lang="{}">{}</span>', language, values["title"])}


def _html_line(line: str, values: dict) -> str:
    """``line`` (a catalogue's words, with ``%(name)s`` placeholders) for the HTML part: its
    words escaped, then each value escaped unless already marked up (``_marked``)."""
    template = str(conditional_escape(line)).replace("{", "{{").replace("}", "}}")
    template = re.sub(r"%\((\w+)\)s", r"{\1}", template).replace("%%", "%")
    return format_html(template, **values)


def _rule_page(notice) -> tuple[str, str, dict]:
    """(subject, template, context) of a notice of ``messages.MESSAGES``, in the active language."""
    message = messages.MESSAGES[notice.message]
    if message.together is not None and notice.context.get("needed", 1) > 1:
        message = message.together  # the Council's rule asks for several members
    values = _values(notice.context)
    if values["unmet"] and notice.submission_id:
        values["unmet"] = _criteria_named(notice.context["unmet"], notice.submission.filed_on)
    subject = str(message.subject) % {**values, "code": _code_in_subject(values)}
    items = [
        {
            "reference": item["reference"],
            "deadline": str(KIND_LABELS.get(item["kind"], item["kind"])),
            "party": phrases.party_label(item.get("party", "")),
            "due_on": _date(item["due_on"]),
            "overdue": item["overdue"],
        }
        for item in notice.context.get("items", [])
    ]
    lines = [*message.lines, *(line for key, line in message.when if values.get(key))]
    page = {
        "lines": [str(line) % values for line in lines],
        "html_lines": [_html_line(str(line), _marked(values, notice)) for line in lines],
        "items": items,
        "link": recipients.link_of(notice.context, notice.language),
        "link_label": str(message.link_label),
    }
    if message.public_link_label and notice.context.get("slug"):
        page["public_link"] = recipients.url(
            "docket_case", {"slug": notice.context["slug"]}, notice.language
        )
        page["public_link_label"] = str(message.public_link_label)
    return subject, "notices/email/message", page


def _personal_page(notice) -> tuple[str, str, dict]:
    """(subject, template, context) of a message to one person (``notices.personal``)."""
    message = personal.MESSAGES[notice.message]
    page = message.values(notice)
    return str(page.pop("subject")), message.template, page


# The languages whose salutation of an organization takes its article (walk 151: "A la
# atención de Asociación …"); the French one names it, "de l’organisation …".
SALUTED_WITH_ARTICLE = ("es",)


def _to_an_organisation(notice) -> bool:
    """Whether the notice goes to a submitter that is an organisation, greeted as one (walk
    52: "Estimado/a Asociación Amazonía Viva:"); the one who left, by the row's context."""
    if (notice.context or {}).get("organisation"):
        return True
    membership = (notice.context or {}).get("membership")
    if membership is None:
        return False
    return SubmissionSubmitter.objects.filter(
        pk=membership, submitter__kind=Submitter.Kind.ORGANIZATION
    ).exists()


def render(notice) -> tuple[str, str, str]:
    """(subject, text, html) of a notice, in its language, with that language's letterhead."""
    with translation.override(notice.language):
        if notice.message in personal.MESSAGES:
            subject, template, page = _personal_page(notice)
        else:
            subject, template, page = _rule_page(notice)
        # A personal message may say it itself (its links' submitter: walk 122).
        organisation = page.get("organisation") or _to_an_organisation(notice)
        name = notice.recipient_name
        if organisation and name and notice.language in SALUTED_WITH_ARTICLE:
            name = documents.with_article(name, notice.language)
        page |= {
            "name": name,
            "organisation": organisation,
            "letterhead": letterhead.for_language(notice.language),
            "language": notice.language,
            # Where to write, as the site's footer says (walk 151: the confirmation to one who
            # left said "write to the Secretariat at once" and gave no address).
            "contact_email": settings.SEM_CONTACT_EMAIL,
        }
        text = render_to_string(f"{template}.txt", page)
        html = render_to_string(f"{template}.html", page)
        if name != notice.recipient_name:  # an article given: "del Colectivo …" (walk 163)
            text = documents.contracted(text, name, notice.language)
            html = documents.contracted(html, str(conditional_escape(name)), notice.language)
    # One line, its runs of spaces and breaks one space; a no-break space kept (walk 136: the
    # French subjects lost theirs before the colon, which str.split() takes for a space).
    return re.sub(r"[ \t\r\n]+", " ", subject).strip(), text, html


def build(notice, connection=None) -> EmailMultiAlternatives:
    subject, text, html = render(notice)
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "sem.invalid"
    email = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [notice.recipient_email],
        connection=connection,
        # The same notice always carries the same Message-ID, so a mail system can tell a
        # copy from a new message in the one case where a resend is possible (see sending).
        headers={"Message-ID": f"<notice-{notice.pk}@{domain}>"},
    )
    email.attach_alternative(html, "text/html")
    return email
