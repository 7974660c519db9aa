"""The queue's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from secretariat.web.forms import AccessibleForm
from submissions.models import PARTY_CHOICES, User
from submissions.roles import SECRETARIAT_ROLES
from submissions.search import DisclosedRadioSelect
from submissions.stages import Stage


class QueueFilterForm(AccessibleForm):
    """The queue's filters (GET): every field optional."""

    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[], widget=DisclosedRadioSelect
    )
    party = forms.ChoiceField(
        label=_("Party"), required=False, choices=[("", _("Any Party")), *PARTY_CHOICES]
    )
    officer = forms.ChoiceField(label=_("Officer"), required=False, choices=[])
    due_within = forms.IntegerField(
        label=_("Due within (days)"), required=False, min_value=0, max_value=3650
    )
    overdue = forms.BooleanField(label=_("Overdue"), required=False)
    unassigned = forms.BooleanField(label=_("Unassigned"), required=False)
    unregistered = forms.BooleanField(label=_("Received, not yet acknowledged"), required=False)
    awaiting_approval = forms.BooleanField(label=_("Awaiting approval"), required=False)
    awaiting_review = forms.BooleanField(
        label=_("Sent for the public, awaiting review"),
        required=False,
        help_text=_("Open or closed: closing a case publishes none of it."),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("", _("Next deadline")), ("filed", _("Filing date, newest first"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", _("Every open stage")), *Stage.choices]
        staff = (
            User.objects.filter(
                is_active=True, groups__name__in=[r.value for r in SECRETARIAT_ROLES]
            )
            .distinct()
            .order_by("username")
        )
        # Named as the rest of the workspace names them (walk 51: bare usernames here).
        self.fields["officer"].choices = [
            ("", _("Anyone")),
            ("me", _("My cases")),
            *((person.username, person.signature) for person in staff),
        ]
