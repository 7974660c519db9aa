"""A filing that arrived on paper or by email, and an approver's return of a proposal."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from secretariat.web.countries import CountryField
from secretariat.web.forms import AccessibleForm, DocumentField
from submissions import profiles
from submissions.dates import long_date
from submissions.models import LANGUAGE_CHOICES, PARTY_CHOICES
from submissions.storage import DocumentInput
from submissions.texts import TEXT_LABELS
from workflow import services


class ReturnForm(AccessibleForm):
    comment = forms.CharField(
        label=_("Comment for the officer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the proposal is returned.")},
    )


class PaperFilingForm(AccessibleForm):
    """A filing that arrived on paper or by email, recorded by the Secretariat with its real
    date. One submitter and one law here; more join later (adhesion) or are added by editing."""

    describes_its_user = False  # the submitter's email, not the officer's own
    keeps_files = True  # its file survives the page sent back for another field's problem

    party = forms.ChoiceField(label=_("Party concerned"), choices=PARTY_CHOICES)
    language = forms.ChoiceField(label=_("Language of the submission"), choices=LANGUAGE_CHOICES)
    title = forms.CharField(label=_("Title in the language of the submission"), max_length=500)
    summary = forms.CharField(
        label=_("Summary in the language of the submission"),
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
        self.fields["filed_on"].widget.attrs["min"] = profiles.installed().applies_from.isoformat()
        # The title and summary in the other working languages, each optional: after the
        # submission's own (the one of its language is not asked twice: it is ignored).
        fields = dict(self.fields)
        texts = {}
        for code in profiles.installed().languages:
            title, summary = TEXT_LABELS[code]
            # Walk 176: "Title in Spanish" under the title of a Spanish submission, unexplained.
            same = _(
                "Leave it empty if the submission is in this language: the text above is its own."
            )
            texts[f"title_{code}"] = forms.CharField(
                label=title, max_length=500, required=False, help_text=same
            )
            texts[f"summary_{code}"] = forms.CharField(
                label=summary,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=same,
            )
        order = list(fields)
        at = order.index("summary") + 1
        self.fields = {
            **{name: fields[name] for name in order[:at]},
            **texts,
            **{name: fields[name] for name in order[at:]},
        }

    def clean(self):
        data = super().clean()
        on = data.get("filed_on")
        if on and on > timezone.localdate():
            self.add_error("filed_on", gettext("An event cannot be dated in the future."))
        start = profiles.installed().applies_from
        if on and on < start:
            self.add_error(
                "filed_on",
                gettext(
                    "A filing cannot be dated before %(date)s, when the submissions procedure "
                    "began to apply."
                )
                % {"date": long_date(start)},
            )
        if on and on < timezone.localdate() and not data.get("date_reason"):
            self.add_error(
                "date_reason", gettext("Give a reason for recording this with a past date.")
            )
        # The submission's own language given twice, differently: which is meant? (It was
        # ignored, silently.)
        code = data.get("language")
        for field in ("title", "summary"):
            again = (data.get(f"{field}_{code}") or "").strip()
            if again and again != (data.get(field) or "").strip():
                self.add_error(
                    f"{field}_{code}",
                    gettext(
                        "The submission is in this language: its text is the one above. Leave "
                        "this empty, or put this text above."
                    ),
                )
        return data

    def filing(self) -> services.FilingInput:
        data = self.cleaned_data
        return services.FilingInput(
            party=data["party"],
            language=data["language"],
            title=data["title"],
            other_titles=self._others("title"),
            summary=data["summary"],
            other_summaries=self._others("summary"),
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

    def _others(self, field: str) -> dict:
        """The texts given in the working languages other than the submission's."""
        data = self.cleaned_data
        return {
            code: data[f"{field}_{code}"]
            for code in profiles.installed().languages
            if code != data["language"] and data.get(f"{field}_{code}")
        }
