"""Forms of the Parties' and the Council's portals. They check input only; the workflow
services decide whether the action may be recorded now."""

import os

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from submissions.models import LANGUAGE_CHOICES
from submissions.stages import Visibility
from submissions.storage import DocumentInput, sniff
from submissions.uploads import screen

# Types a government's letter or annex may take: extension -> the type its first bytes show.
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
# Office files are zip archives: some versions of `filetype` report them as such.
ZIP_TYPES = {"application/zip", "application/x-zip-compressed"}
MAX_FILE_BYTES = 50 * 1024 * 1024

YES_NO = [("yes", _("Yes")), ("no", _("No"))]

# What a Party may choose for its attachments. Secretariat-only suits what the Party wants the
# Secretariat alone to read; "submitter" is the submitters' channel, not a Party's.
PARTY_VISIBILITIES = [
    (Visibility.PUBLIC, Visibility.PUBLIC.label),
    (Visibility.PARTIES, Visibility.PARTIES.label),
    (Visibility.PARTY_CONCERNED, Visibility.PARTY_CONCERNED.label),
    (Visibility.SECRETARIAT, Visibility.SECRETARIAT.label),
]


class Described:
    """Points each widget at its help text and its errors (aria-describedby), whose ids the
    template ``portals/_field.html`` renders as ``<auto_id>-help`` and ``<auto_id>-error``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._describe()

    def full_clean(self):
        super().full_clean()
        self._describe()

    def _describe(self):
        errors = (self._errors or {}) if self.is_bound else {}
        for name, field in self.fields.items():
            auto_id = self[name].auto_id
            ids = []
            if field.help_text:
                ids.append(f"{auto_id}-help")
            if name in errors:
                ids.append(f"{auto_id}-error")
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)
            else:
                field.widget.attrs.pop("aria-describedby", None)


def validate_upload(upload) -> None:
    """An allowed extension whose first bytes agree with it, and not too large."""
    extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("Files must be one of: %(types)s.") % {"types": ", ".join(sorted(ALLOWED_TYPES))},
            code="type",
        )
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(_("A file may be at most 50 MB."), code="size")
    sniffed = sniff(upload)
    expected = ALLOWED_TYPES[extension]
    if sniffed != expected and not (sniffed in ZIP_TYPES and expected.startswith("application/v")):
        raise ValidationError(
            _("The file's content does not match its extension (.%(ext)s).") % {"ext": extension},
            code="sniff",
        )
    # The optional virus scan (clamd) applies to the Parties' files too; a flagged file is
    # quarantined, never lost.
    screen(upload, upload.name, sniffed)


class AttachmentForm(Described, forms.Form):
    file = forms.FileField(label=_("File"), required=False, validators=[validate_upload])
    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    visibility = forms.ChoiceField(
        label=_("Who may see it"), choices=PARTY_VISIBILITIES, initial=Visibility.PARTIES
    )

    def clean(self):
        data = super().clean()
        if data.get("file") and not data.get("title"):
            self.add_error("title", _("Give the attachment a title."))
        return data

    def document_input(self, kind: str = "annex") -> DocumentInput | None:
        data = self.cleaned_data
        if not data.get("file"):
            return None
        return DocumentInput(
            title=data["title"],
            language=data["language"],
            file=data["file"],
            visibility=data["visibility"],
            kind=kind,
        )


AttachmentFormSet = formset_factory(AttachmentForm, extra=3, max_num=10)


def attachment_formset(request=None, language: str = "en"):
    kwargs = {"prefix": "attachments", "form_kwargs": {"initial": {"language": language}}}
    if request is not None and request.method == "POST":
        return AttachmentFormSet(request.POST, request.FILES, **kwargs)
    return AttachmentFormSet(**kwargs)


def attachments_in(formset) -> list[DocumentInput]:
    return [d for d in (form.document_input() for form in formset.forms) if d is not None]


class MainDocumentForm(Described, forms.Form):
    """A letter (response, comments, instruction…) with its language and title."""

    language = forms.ChoiceField(label=_("Language of the document"), choices=LANGUAGE_CHOICES)
    document = forms.FileField(
        label=_("Document"),
        validators=[validate_upload],
        help_text=_("PDF, Word, OpenDocument, Excel, JPEG or PNG; at most 50 MB."),
    )
    document_title = forms.CharField(label=_("Title of the document"), max_length=500)

    def main_document(self, kind: str, visibility=None) -> DocumentInput:
        data = self.cleaned_data
        return DocumentInput(
            title=data["document_title"],
            language=data["language"],
            file=data["document"],
            visibility=visibility,
            kind=kind,
        )


class ResponseForm(MainDocumentForm):
    """The Party's response under Article 18.8.5."""

    pending_proceeding = forms.ChoiceField(
        label=_(
            "Is the precise matter the subject of a pending judicial or administrative "
            "proceeding? (Art. 18.8.5(a))"
        ),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    proceeding_authority = forms.CharField(
        label=_("Court or authority"), max_length=300, required=False
    )
    proceeding_case_number = forms.CharField(label=_("Case number"), max_length=100, required=False)
    proceeding_status = forms.CharField(
        label=_("Status of the proceeding"), max_length=500, required=False
    )
    earlier_proceedings = forms.CharField(
        label=_(
            "Whether the matter was previously the subject of a judicial or administrative "
            "proceeding (Art. 18.8.5(b)(i))"
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    private_remedies = forms.CharField(
        label=_(
            "Whether private remedies are available to the submitters and whether they have "
            "been pursued (Art. 18.8.5(b)(ii))"
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    capacity_building = forms.CharField(
        label=_(
            "Related capacity-building activities under the Environmental Cooperation "
            "Agreement (Art. 18.8.5(b)(iii))"
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    field_order = [
        "pending_proceeding",
        "proceeding_authority",
        "proceeding_case_number",
        "proceeding_status",
        "earlier_proceedings",
        "private_remedies",
        "capacity_building",
        "language",
        "document_title",
        "document",
    ]

    def clean(self):
        data = super().clean()
        if data.get("pending_proceeding") == "yes":
            for name in ("proceeding_authority", "proceeding_case_number", "proceeding_status"):
                if not data.get(name):
                    self.add_error(
                        name, _("Give this detail of the pending proceeding (Art. 18.8.5(a)).")
                    )
        return data

    def event_data(self) -> dict:
        data = self.cleaned_data
        pending = data["pending_proceeding"] == "yes"
        result = {"pending_proceeding": pending}
        if pending:
            result["proceeding"] = {
                "authority": data["proceeding_authority"],
                "case_number": data["proceeding_case_number"],
                "status": data["proceeding_status"],
            }
        information = {
            key: data[key]
            for key in ("earlier_proceedings", "private_remedies", "capacity_building")
            if data.get(key)
        }
        if information:
            result["information"] = information
        return result


class ExtensionForm(Described, forms.Form):
    circumstances = forms.CharField(
        label=_("The exceptional circumstances"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_(
            "Article 18.8.5 allows 60 days instead of 45 in exceptional circumstances, on "
            "notification to the Secretariat while the 45 days are running."
        ),
    )


class CommentForm(MainDocumentForm):
    make_public = forms.BooleanField(
        label=_("Our Party asks that these comments be public"),
        required=False,
        help_text=_(
            "Comments on a draft are seen by the Secretariat, the Parties and the Council."
        ),
    )


class CorrespondenceForm(Described, forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=500)
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000
    )
    visibility = forms.ChoiceField(
        label=_("Who may see this letter"),
        choices=PARTY_VISIBILITIES,
        initial=Visibility.PARTY_CONCERNED,
    )


class InstructionForm(Described, forms.Form):
    reasons = forms.CharField(
        label=_("Reasons (optional)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20000,
    )


class RecommendationForm(Described, forms.Form):
    recommendation = forms.CharField(
        label=_("Recommendation to the Environmental Cooperation Commission"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
    )
