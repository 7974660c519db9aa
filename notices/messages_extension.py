"""What the notices of a Party's notification of exceptional circumstances say (Art. 18.8.5:
the response's period becomes the longer one): to the Secretariat, to the Party's focal points
and to the submitters. ``notices.messages`` holds the rest of the case's steps.
"""

from django.utils.translation import gettext_lazy as _

from notices.message import Message

EXTENSION_MESSAGES = {
    "extension_to_staff": Message(
        _("%(reference)s: the Party notified exceptional circumstances"),
        (
            _(
                "The Party notified exceptional circumstances on %(on)s: its response is now due "
                "on %(due_on)s."
            ),
        ),
    ),
    # Walk 128: the Party's notice of exceptional circumstances moved the response's due date,
    # and neither the Party (when the Secretariat recorded its letter) nor the submitters heard.
    "extension_received": Message(
        _("%(reference)s: your notice of exceptional circumstances has been received"),
        (
            _(
                "The Secretariat has received the notice of exceptional circumstances "
                "%(from_party)s of %(on)s: the response is now due on %(due_on)s."
            ),
        ),
        _("Open the case in the portal"),
    ),
    "extension_to_submitters": Message(
        _("%(reference)s: the Party has more time to respond"),
        (
            _(
                "The Party concerned notified exceptional circumstances on %(on)s: its response "
                "to the Secretariat's request about your submission is now due on %(due_on)s."
            ),
        ),
        _("Follow your submission"),
    ),
}
