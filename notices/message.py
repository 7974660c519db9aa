"""The shape of an email of ``notices.rules``: ``notices.messages`` holds what each says."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Message:
    """An email: its subject and paragraphs, with named placeholders filled from the notice's
    context at sending time (in the recipient's language)."""

    subject: str
    lines: tuple
    link_label: str = _("See the case")
    # Its words where the Council's rule asks for more than one member (the CEC's two
    # thirds): the Council's decision, with how many members gave it (walk 61: "a member of
    # the Council instructed" announced as the Council's instruction).
    together: "Message | None" = None
    # Paragraphs said only where their context value is set: (its key, the paragraph).
    when: tuple = ()
    # A second link, to the case's page on the public docket (walk 80: told the record was
    # published, the submitters found it only through their private page).
    public_link_label: str = ""
