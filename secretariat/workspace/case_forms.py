"""Forms for the Secretariat's edits to a case (see ``workflow.services.cases``): linking related
submissions, the public texts, and a later version of a document on file."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from secretariat.web.forms import AccessibleForm, DocumentField
from secretariat.workspace.forms.actions import offer_case_documents
from submissions.models import LANGUAGE_CHOICES, Document, Submission
from submissions.stages import Visibility

REASON_HELP = _("Kept in the case's history.")


class LinkRelatedForm(AccessibleForm):
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


class PublicTextsForm(AccessibleForm):
    title_en = forms.CharField(label=_("Title in English"), max_length=500, required=False)
    title_es = forms.CharField(label=_("Title in Spanish"), max_length=500, required=False)
    summary_en = forms.CharField(
        label=_("Summary in English"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    summary_es = forms.CharField(
        label=_("Summary in Spanish"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    reason = forms.CharField(
        label=_("Reason"), help_text=REASON_HELP, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, case, *args, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "title_en": case.title_en,
                "title_es": case.title_es,
                "summary_en": case.summary_en,
                "summary_es": case.summary_es,
            },
        )
        super().__init__(*args, **kwargs)


class DocumentVersionForm(AccessibleForm):
    document = forms.ModelChoiceField(label=_("Document on file"), queryset=Document.objects.none())
    version = forms.ChoiceField(
        label=_("The new document is"),
        choices=[("translation", _("A translation")), ("redacted", _("A redacted version"))],
        widget=forms.RadioSelect,
    )
    official = forms.BooleanField(label=_("Official translation"), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    title = forms.CharField(label=_("Title"), max_length=300)
    file = DocumentField(label=_("File"))
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=Visibility.choices, initial=Visibility.SECRETARIAT
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
