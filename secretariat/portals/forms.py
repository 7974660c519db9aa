"""Forms of the Parties' and the Council's portals. They check input only; the workflow
services decide whether the action may be recorded now."""

from django import forms
from django.forms import formset_factory
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secretariat.web.forms import AccessibleForm, DocumentField
from submissions import uploads
from submissions.models import LANGUAGE_CHOICES
from submissions.stages import Visibility
from submissions.storage import DocumentInput

YES_NO = [("yes", _("Yes")), ("no", _("No"))]

# What a Party may choose for its attachments. Secretariat-only suits what the Party wants the
# Secretariat alone to read; "submitter" is the submitters' channel, not a Party's.
PARTY_VISIBILITIES = [
    # PROCESS.md: it waits at *parties* until the Secretariat publishes it.
    (Visibility.PUBLIC, _("Public, once the Secretariat publishes it")),
    (Visibility.PARTIES, Visibility.PARTIES.label),
    (Visibility.PARTY_CONCERNED, Visibility.PARTY_CONCERNED.label),
    (Visibility.SECRETARIAT, Visibility.SECRETARIAT.label),
]


def party_visibilities(case, party: str | None) -> list:
    """The levels a Party may choose on ``case``, each saying who will see the item there.

    "Party concerned" is the Party the case is about: for that Party it means the
    Secretariat and itself; for the other Party it would mean the Secretariat and the other
    Party (not the writer), so it is not offered to it.
    """
    choices = [PARTY_VISIBILITIES[0], PARTY_VISIBILITIES[1]]
    if case.party.code == party:
        choices.append(
            (
                Visibility.PARTY_CONCERNED,
                _("Secretariat and your Party only (the Party concerned, %(party)s)")
                % {"party": case.party.name},
            )
        )
    choices.append(PARTY_VISIBILITIES[3])
    return choices


def offer_visibilities(form, choices) -> None:
    """Give ``form``'s own "who may see it" field (if any) the case's ``choices``."""
    field = form.fields.get("visibility")
    if field is None:
        return
    field.choices = choices
    if field.initial not in {value for value, _label in choices}:
        field.initial = Visibility.PARTIES


class AttachmentForm(AccessibleForm):
    """One optional attachment. Its language and audience are chosen from lists that always
    hold a choice: not marked "(required)" in a row that may stay empty (walk 49: each unused
    row of "Attachments (optional)" read "Idioma (obligatorio)")."""

    keeps_files = True
    file = DocumentField(label=_("File"), required=False)
    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)
    visibility = forms.ChoiceField(
        # French: an attachment is "une pièce jointe" (walk 31: "Qui peut le consulter").
        label=pgettext_lazy("an attachment", "Who may see it"),
        choices=PARTY_VISIBILITIES,
        initial=Visibility.PARTIES,
        required=False,
    )

    def __init__(self, *args, visibilities=None, like_letter=False, **kwargs):
        super().__init__(*args, **kwargs)
        if visibilities is not None:
            offer_visibilities(self, visibilities)
        if like_letter:
            field = self.fields["visibility"]
            field.choices = [("", _("Like the letter")), *field.choices]
            field.initial = ""

    def clean(self):
        data = super().clean()
        if data.get("file") and not data.get("title"):
            self.add_error("title", _("Give the attachment a title."))
        # A title typed for a file not chosen would be dropped without a word (the walk of
        # 3 December 2026): say so, and keep the title for the file to be chosen again.
        if data.get("title") and not data.get("file") and "file" not in self.errors:
            self.add_error("file", _("Choose the file for this attachment, or clear its title."))
        return data

    def document_input(self, kind: str = "annex", letter=None) -> DocumentInput | None:
        data = self.cleaned_data
        if not data.get("file"):
            return None
        return DocumentInput(
            title=data["title"],
            language=data.get("language") or self.initial.get("language") or "en",
            file=data["file"],
            visibility=data.get("visibility") or letter or Visibility.PARTIES,
            kind=kind,
        )


class BaseAttachmentFormSet(forms.BaseFormSet):
    def clean(self):
        # The limit for all files together counts every attachment of the post.
        uploads.check_total(
            [
                size
                for form in self.forms
                if hasattr(form, "cleaned_data")
                for size in form.upload_sizes()
            ]
        )


AttachmentFormSet = formset_factory(
    AttachmentForm, formset=BaseAttachmentFormSet, extra=3, max_num=10
)


def attachment_formset(request=None, language: str = "en", visibilities=None, letter=False):
    """The post's attachments, each in ``language``; with ``letter``, each may go where the
    letter goes, and does unless chosen (walk 77: a letter to the Party concerned alone offered
    its attachments to every Party and the Council; walk 81: changed, the letter left its
    attachment behind)."""
    form_kwargs = {"initial": {"language": language}, "visibilities": visibilities}
    if letter:
        form_kwargs["like_letter"] = True
    kwargs = {"prefix": "attachments", "form_kwargs": form_kwargs}
    if request is not None and request.method == "POST":
        return AttachmentFormSet(request.POST, request.FILES, **kwargs)
    return AttachmentFormSet(**kwargs)


def attachments_in(formset, letter=None) -> list[DocumentInput]:
    """The attachments chosen, those "like the letter" at ``letter``'s audience."""
    inputs = (form.document_input(letter=letter) for form in formset.forms)
    return [d for d in inputs if d is not None]


class MainDocumentForm(AccessibleForm):
    """A letter (response, comments, instruction…) with its language and title."""

    keeps_files = True

    language = forms.ChoiceField(label=_("Language of the document"), choices=LANGUAGE_CHOICES)
    document = DocumentField(label=_("Document"), help_text=lazy(uploads.help_text, str)())
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


class ExtensionForm(AccessibleForm):
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
            "Comments on a draft are seen by the Secretariat, the Parties and the Council. "
            "Comments asked to be public reach the public docket once the Secretariat "
            "publishes them."
        ),
    )


class SupplementForm(MainDocumentForm):
    """Supplemental information the Party concerned sends after its response (the CEC's
    SEM-04-005: updates on proceedings)."""

    summary = forms.CharField(
        label=_("What the information is about"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    make_public = forms.BooleanField(
        label=_("Our Party asks that this information be public"),
        required=False,
        help_text=_(
            "It is seen by the Secretariat, the Parties and the Council; asked to be public, "
            "it reaches the public docket once the Secretariat publishes it."
        ),
    )


class CorrespondenceForm(AccessibleForm):
    subject = forms.CharField(label=_("Subject"), max_length=500)
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000
    )
    visibility = forms.ChoiceField(
        label=_("Who may see this letter"),
        choices=PARTY_VISIBILITIES,
        initial=Visibility.PARTY_CONCERNED,
    )


class CouncilMemberActForm(AccessibleForm):
    """A Council member's act, recorded in their name and their Party's: it takes a tick to
    confirm, as withdrawing a submission does (walk 83: an instruction that moves the case was
    recorded with one key press, its only field optional). Each act says its own words."""

    confirm_label = ""
    confirm_error = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"] = forms.BooleanField(
            label=self.confirm_label, error_messages={"required": self.confirm_error}
        )


class InstructionForm(CouncilMemberActForm):
    """The instruction to prepare a factual record (Article 18.9.2)."""

    reasons = forms.CharField(
        label=_("Reasons (optional)"),
        # Walk 88: the reasons waited for the Secretariat's review, and the form never said so.
        help_text=_(
            "Sent for the public: they reach the public docket once the Secretariat publishes "
            "them. The act itself is public at once."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20000,
    )
    confirm_label = _(
        "Yes, instruct the Secretariat to prepare a factual record. I understand that this is "
        "recorded as my instruction, in my name and my Party's."
    )
    confirm_error = _("Tick the box to confirm the instruction to prepare a factual record.")


class PublicationInstructionForm(InstructionForm):
    """The instruction to publish the final factual record (Article 18.9.7)."""

    confirm_label = _(
        "Yes, instruct the Secretariat to publish the final factual record. I understand that "
        "this is recorded as my instruction, in my name and my Party's."
    )
    confirm_error = _(
        "Tick the box to confirm the instruction to publish the final factual record."
    )


class VoteAgainstForm(InstructionForm):
    """A vote against preparing a factual record."""

    confirm_label = _(
        "Yes, vote against preparing a factual record. I understand that this is recorded as my "
        "vote, in my name and my Party's."
    )
    confirm_error = _("Tick the box to confirm your vote against preparing a factual record.")


class RecommendationForm(CouncilMemberActForm):
    recommendation = forms.CharField(
        label=_("Recommendation to the Environmental Cooperation Commission"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
    )
    confirm_label = _(
        "Yes, make this recommendation. I understand that it is recorded in my name and my Party's."
    )
    confirm_error = _("Tick the box to confirm the recommendation.")
