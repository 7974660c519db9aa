"""A filing that arrived on paper or by email, and an approver's return of a proposal."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from secretariat.web.countries import CountryField
from secretariat.web.forms import AccessibleForm, DocumentField
from submissions.models import LANGUAGE_CHOICES, PARTY_CHOICES
from submissions.storage import DocumentInput
from workflow import services


class ReturnForm(AccessibleForm):
    comment = forms.CharField(
        label=_("Comment for the officer"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PaperFilingForm(AccessibleForm):
    """A filing that arrived on paper or by email, recorded by the Secretariat with its real
    date. One submitter and one law here; more join later (adhesion) or are added by editing."""

    describes_its_user = False  # the submitter's email, not the officer's own

    party = forms.ChoiceField(label=_("Party concerned"), choices=PARTY_CHOICES)
    language = forms.ChoiceField(label=_("Language of the submission"), choices=LANGUAGE_CHOICES)
    title = forms.CharField(label=_("Title in the language of the submission"), max_length=500)
    title_other = forms.CharField(
        label=_("Title in the other language"), max_length=500, required=False
    )
    summary = forms.CharField(
        label=_("Summary in the language of the submission"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    summary_other = forms.CharField(
        label=_("Summary in the other language"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    submitter_name = forms.CharField(label=_("Submitter's name"), max_length=300)
    submitter_kind = forms.ChoiceField(
        label=_("The submitter is"),
        choices=[("individual", _("An individual")), ("organization", _("An organization"))],
    )
    # The public form's country field: a name from the list, a nationality or a code.
    nationality = CountryField(label=_("Nationality or country of establishment"))
    email = forms.EmailField(label=_("Submitter's email"), required=False)
    confidential = forms.BooleanField(
        label=_("The submitter asks that their name be withheld from the public"), required=False
    )
    law = forms.CharField(label=_("Environmental law at issue"), max_length=500)
    provisions = forms.CharField(label=_("Provisions"), max_length=500, required=False)
    filed_on = forms.DateField(
        label=_("Date received"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_reason = forms.CharField(
        label=_("Why it is recorded with an earlier date"),
        required=False,
        help_text=_("Required when the date is earlier than today, e.g. “received by post”."),
    )
    document = DocumentField(label=_("The submission (file)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["filed_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        on = data.get("filed_on")
        if on and on > timezone.localdate():
            self.add_error("filed_on", gettext("An event cannot be dated in the future."))
        if on and on < timezone.localdate() and not data.get("date_reason"):
            self.add_error(
                "date_reason", gettext("Give a reason for recording this with a past date.")
            )
        return data

    def filing(self) -> services.FilingInput:
        data = self.cleaned_data
        return services.FilingInput(
            party=data["party"],
            language=data["language"],
            title=data["title"],
            title_other=data["title_other"],
            summary=data["summary"],
            summary_other=data["summary_other"],
            submitters=[
                services.SubmitterInput(
                    kind=data["submitter_kind"],
                    name=data["submitter_name"],
                    nationality=data["nationality"],
                    email=data["email"],
                    preferred_language=data["language"],
                    confidential=bool(data.get("confidential")),
                )
            ],
            laws=[services.LawInput(data["law"], data["provisions"])],
        )

    def documents_in(self) -> list:
        if not self.cleaned_data.get("document"):
            return []
        return [
            DocumentInput(
                title=self.cleaned_data["title"],
                language=self.cleaned_data["language"],
                file=self.cleaned_data["document"],
            )
        ]
