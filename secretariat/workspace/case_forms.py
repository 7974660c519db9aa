"""Forms for the Secretariat's edits to a case (see ``workflow.services.cases``): linking related
submissions, the public texts, and a later version of a document on file."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from secretariat.web.forms import AccessibleForm, DocumentField
from secretariat.workspace.forms.actions import offer_case_documents
from submissions import profiles
from submissions.models import LANGUAGE_CHOICES, Document, Submission
from submissions.stages import Visibility
from submissions.texts import TEXT_LABELS

REASON_HELP = _("Kept in the case's history.")


class CaseEditForm(AccessibleForm):
    """One of the edits on the case page, beside the others and the steps: its ids start with
    its own ``id_prefix`` (walk 83: three forms' ``id_reason``, one label for all three). The
    posted names stay the fields' own."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class LinkRelatedForm(CaseEditForm):
    id_prefix = "related"
    action = forms.ChoiceField(
        label=_("Link or unlink"),
        choices=[("link", _("Link")), ("unlink", _("Unlink"))],
        widget=forms.RadioSelect,
        initial="link",
    )
    other = forms.CharField(
        label=_("The other case"),
        max_length=60,
        help_text=_("Its identifier or receipt number."),
    )
    reason = forms.CharField(
        label=_("Reason"), help_text=REASON_HELP, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, case, *args, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)

    def clean_other(self):
        reference = self.cleaned_data["other"].strip()
        other = (
            Submission.objects.filter(Q(identifier=reference) | Q(receipt_number=reference))
            .exclude(pk=self.case.pk)
            .first()
        )
        if other is None:
            raise forms.ValidationError(gettext("No other case has this reference."))
        return other


class PublicTextsForm(CaseEditForm):
    """The title and summary the public reads, in each of the profile's languages."""

    id_prefix = "texts"

    reason = forms.CharField(
        label=_("Reason"), help_text=REASON_HELP, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, case, *args, **kwargs):
        languages = profiles.installed().languages
        kwargs.setdefault(
            "initial",
            {
                f"{field}_{code}": getattr(case, f"{field}_{code}")
                for code in languages
                for field in ("title", "summary")
            },
        )
        super().__init__(*args, **kwargs)
        fields = {}
        for code in languages:
            # Each text is written in its own language (walk 83: Spanish fields unmarked).
            fields[f"title_{code}"] = forms.CharField(
                label=TEXT_LABELS[code][0],
                max_length=500,
                required=False,
                widget=forms.TextInput(attrs={"lang": code}),
            )
        for code in languages:
            fields[f"summary_{code}"] = forms.CharField(
                label=TEXT_LABELS[code][1],
                required=False,
                widget=forms.Textarea(attrs={"rows": 4, "lang": code}),
            )
        self.fields = {**fields, "reason": self.fields["reason"]}


class DocumentVersionForm(CaseEditForm):
    id_prefix = "version"
    document = forms.ModelChoiceField(label=_("Document on file"), queryset=Document.objects.none())
    version = forms.ChoiceField(
        label=_("The new document is"),
        choices=[("translation", _("A translation")), ("redacted", _("A redacted version"))],
        widget=forms.RadioSelect,
    )
    official = forms.BooleanField(
        label=_("Official translation"),
        required=False,
        help_text=_("For a translation only: a redacted version is never one."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    title = forms.CharField(label=_("Title"), max_length=300)
    file = DocumentField(label=_("File"))
    # Walk 113: the Secretariat's own level by default, said, since a redacted version is
    # usually made public and a translation goes no wider than its original.
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=Visibility.choices,
        initial=Visibility.SECRETARIAT,
        help_text=_(
            "A redacted version, which leaves out what was withheld, is usually made public; a "
            "translation goes no wider than the document it translates."
        ),
    )
    reason = forms.CharField(
        label=_("Note"),
        help_text=_("Shown with the event to whoever may see the new document."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, case, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scan_reference = case.receipt_number or ""
        offer_case_documents(self.fields["document"], case)
