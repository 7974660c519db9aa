"""The public forms: a submission under Article 18.8, the tracking page's actions, a lost link,
and information for a factual record (Art. 18.9.4(b)).

Help texts paraphrase the treaty criterion each question serves, so a person knows why it is
asked. Every file field is a ``DocumentField`` (the one upload policy, ``submissions.uploads``);
the filing form keeps checked files across a failed post by a signed token.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from secretariat.web.countries import CountryField, current_language
from secretariat.web.forms import MAX_TEXT, AccessibleForm, DocumentField
from submissions import uploads
from submissions.models import LANGUAGE_CHOICES, PARTY_CHOICES, Submitter

MAX_SUBMITTERS = 10  # fieldsets added one at a time by "Add another submitter"
LAW_ROWS = 4
ATTACHMENT_SLOTS = 5


def _text(label, help_text="", required=True, max_length=MAX_TEXT, rows=6):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _name_in_summary(form, template, number, names=None) -> None:
    """Prefix the summary label of fields repeated in numbered groups (``template``, with
    ``n`` and ``label``; its fieldset's legend), so that the error summary says which
    group an error is in (AccessibleForm.error_links)."""
    for name in form.fields if names is None else names:
        field = form.fields[name]
        if field.label:
            field.summary_label = template % {"n": number, "label": field.label}


class SubmitterForm(AccessibleForm):
    """One person or organization filing. The first is required; co-submitters are optional
    (``empty_permitted``: an untouched fieldset is skipped)."""

    kind = forms.ChoiceField(
        label=_("Filing as"),
        choices=Submitter.Kind.choices,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_("Full name, or the organization's name"),
        max_length=300,
        help_text=_("A submission must clearly identify the person making it (Article 18.8.2(b))."),
    )
    nationality = CountryField(
        label=_("Nationality, or country where the organization is established"),
        help_text=_(
            "Only a person of Peru or of the United States may file (Article 18.8.2(f)). A "
            "person of the United States (a US national or permanent resident, even one who is "
            "also Peruvian, or an organization constituted in the United States) may not file "
            "about the United States: that goes to the process of the Commission for "
            "Environmental Cooperation (Article 18.8.3)."
        ),
    )
    residence = CountryField(
        label=_("Country of permanent residence"),
        required=False,
        help_text=_(
            "For individuals: a permanent resident of a Party is a person of that Party. A "
            "permanent resident of the United States may not file about the United States, "
            "whatever their nationality (Article 18.8.3)."
        ),
    )
    identity_document = DocumentField(
        label=_("Identity document (optional)"),
        required=False,
        help_text=_(
            "A copy of an identity document or of the organization's registration helps the "
            "Secretariat confirm who is filing. It is never published."
        ),
    )
    identity_document_token = forms.CharField(required=False, widget=forms.HiddenInput)
    postal_address = _text(
        _("Postal address"),
        _("Where the Secretariat can write to you (Article 18.8.2(b))."),
        required=False,
        max_length=2000,
        rows=3,
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("The receipt and the private tracking link are sent here."),
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=50, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Language for messages from the Secretariat"), choices=LANGUAGE_CHOICES
    )
    confidential = forms.BooleanField(
        label=_("Withhold my identity from the public"),
        required=False,
        help_text=_(
            "The public will see “Name withheld at the submitter's request” instead of your "
            "name. The Secretariat, the government concerned and those who file the "
            "submission with you still see it."
        ),
    )

    def __init__(self, *args, primary=False, number=0, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = self.data.copy()  # the kept file's token is written back into it
        self.primary = primary
        if number:
            # A co-submitter's errors name its fieldset's legend in the summary (walk 83: two
            # "Filing as: This field is required." that a reader could not tell apart).
            _name_in_summary(self, _("Co-submitter %(n)s, %(label)s"), number)
        self.pending_identity = None
        self.fields["preferred_language"].initial = current_language()
        if primary:
            self.fields["postal_address"].required = True
        if not self.is_bound:  # re-shown with a file kept from an earlier post
            self.pending_identity = uploads.from_token(
                self.initial.get("identity_document_token", "")
            )

    # What makes an optional co-submitter fieldset "filled in" (its language choice does not).
    ANSWERS = (
        "kind",
        "name",
        "nationality",
        "residence",
        "identity_document",
        "postal_address",
        "email",
        "phone",
        "confidential",
        "identity_document_token",
    )

    def has_changed(self):
        return any(name in self.ANSWERS for name in self.changed_data)

    def kept_upload(self, name):
        return self.pending_identity if name == "identity_document" else None

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("identity_document")
        token_name = self.add_prefix("identity_document_token")
        previous = uploads.from_token(cleaned.get("identity_document_token", ""))
        if upload:  # checked by its DocumentField
            self.pending_identity = uploads.stash(upload)
        else:
            self.pending_identity = previous
        self.data[token_name] = self.pending_identity.token if self.pending_identity else ""
        return cleaned

    def person(self) -> Submitter:
        """An unsaved submitter, to ask the one place that decides who is a person of a Party."""
        return Submitter(
            kind=self.cleaned_data["kind"],
            name=self.cleaned_data["name"],
            nationality=self.cleaned_data["nationality"],
            residence=self.cleaned_data.get("residence") or "",
        )


class FilingForm(AccessibleForm):
    """The submission itself, in sections that follow Article 18.8.2."""

    party = forms.ChoiceField(
        label=_("Which government is failing to enforce its environmental laws?"),
        choices=PARTY_CHOICES,
        widget=forms.RadioSelect,
        help_text=_("The Party concerned (Article 18.8.1)."),
    )
    language = forms.ChoiceField(
        label=_("Language of your submission"),
        choices=LANGUAGE_CHOICES,
        help_text=_("A submission is written in English or Spanish (Article 18.8.2(a))."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=500,
        help_text=_("A short name for the matter, for example the place and the activity."),
    )
    facts = _text(
        _("The facts"),
        _(
            "What is happening, where and since when, and why you consider that the law is not "
            "being effectively enforced. Give enough information for the Secretariat to review "
            "the submission (Article 18.8.2(c)); the submission should aim at promoting "
            "enforcement, not at harassing industry (Article 18.8.2(d))."
        ),
        rows=10,
    )
    authorities_communication = _text(
        _("How and when you told the authorities, in writing"),
        _(
            "The submission must say that the matter was communicated in writing to the "
            "relevant authorities of the Party (Article 18.8.2(e)): to whom, how and on what "
            "date."
        ),
    )
    authorities_response = _text(
        _("The authorities' response, if any"),
        _("Their answer, if they gave one (Article 18.8.2(e))."),
        required=False,
    )
    private_remedies = _text(
        _("Private remedies you have pursued"),
        _(
            "Actions under the Party's law, such as complaints or lawsuits, and their result. "
            "The Secretariat considers whether they have been pursued (Article 18.8.4(c))."
        ),
        required=False,
    )
    harm = _text(
        _("The harm you have suffered"),
        _(
            "How the matter harms you or your organization. The Secretariat considers whether "
            "the submission alleges harm to the person making it (Article 18.8.4(a))."
        ),
        required=False,
    )
    relies_on_media_only = forms.ChoiceField(
        label=_("Does your submission rely only on news reports?"),
        choices=[("no", _("No: it also rests on other information")), ("yes", _("Yes"))],
        widget=forms.RadioSelect,
        help_text=_(
            "The Secretariat considers whether a submission is drawn exclusively from mass "
            "media reports (Article 18.8.4(d))."
        ),
    )
    declaration = forms.BooleanField(
        label=_(
            "I declare that the information in this submission is true to the best of my knowledge."
        ),
        error_messages={"required": _("Tick the box to make the declaration.")},
    )
    eligibility_confirmed = forms.BooleanField(
        label=_(
            "I have read what Article 18.8 says about who may file, and I want to file anyway."
        ),
        required=False,
    )
    # The honeypot: hidden from people (and from assistive technology), filled in by robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = self.data.copy()  # kept files' tokens are written back into it
        self.fields["language"].initial = current_language()
        for i in range(LAW_ROWS):
            self.fields[f"law_{i}_name"] = forms.CharField(
                label=_("Name of the law or regulation"),
                max_length=500,
                required=i == 0,
                help_text=(
                    _(
                        "A statute or regulation of the central government whose primary "
                        "purpose is protecting the environment or human, animal or plant life "
                        "or health (Article 18.14). Add one per row."
                    )
                    if i == 0
                    else ""
                ),
            )
            self.fields[f"law_{i}_provisions"] = forms.CharField(
                label=_("Articles or provisions"), max_length=500, required=False
            )
            # Each row a fieldset "Law n" (walk 83: four rows read alike), named so in the summary.
            _name_in_summary(
                self, _("Law %(n)s, %(label)s"), i + 1, [f"law_{i}_name", f"law_{i}_provisions"]
            )
        for i in range(ATTACHMENT_SLOTS):
            self.fields[f"attachment_{i}"] = DocumentField(label=_("File"), required=False)
            self.fields[f"attachment_{i}_token"] = forms.CharField(
                required=False, widget=forms.HiddenInput
            )
            self.fields[f"attachment_{i}_title"] = forms.CharField(
                label=_("Title of the document (optional)"), max_length=300, required=False
            )
            self.fields[f"attachment_{i}_confidential"] = forms.BooleanField(
                label=_("Confidential"),
                required=False,
                help_text=_(
                    "Forwarded to the government concerned if a response is requested, never "
                    "published."
                ),
            )
            self.fields[f"attachment_{i}_remove"] = forms.BooleanField(
                label=_("Remove this file"), required=False
            )
            _name_in_summary(
                self,
                _("Attachment %(n)s, %(label)s"),
                i + 1,
                [f"attachment_{i}", f"attachment_{i}_title"],
            )
        self.kept: dict[int, uploads.PendingFile] = {}
        if not self.is_bound:  # re-shown with the files kept from an earlier post
            for i in range(ATTACHMENT_SLOTS):
                if pending := uploads.from_token(self.initial.get(f"attachment_{i}_token", "")):
                    self.kept[i] = pending

    def kept_upload(self, name):
        slot = name.removeprefix("attachment_")
        return self.kept.get(int(slot)) if slot.isdigit() else None

    # --- groups of fields for the template -----------------------------------------------------
    def law_rows(self):
        return [(self[f"law_{i}_name"], self[f"law_{i}_provisions"]) for i in range(LAW_ROWS)]

    def attachment_slots(self):
        slots = []
        for i in range(ATTACHMENT_SLOTS):
            kept = self.kept.get(i)
            remove = self[f"attachment_{i}_remove"]
            if kept is not None:  # the box names the file it removes (walk 83)
                remove.label = _("Remove %(name)s") % {"name": kept.original_name}
            slots.append(
                {
                    "number": i + 1,
                    "file": self[f"attachment_{i}"],
                    "token": self[f"attachment_{i}_token"],
                    "title": self[f"attachment_{i}_title"],
                    "confidential": self[f"attachment_{i}_confidential"],
                    "remove": remove,
                    "kept": kept,
                }
            )
        return slots

    # --- validation ----------------------------------------------------------------------------
    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Leave this field empty."), code="honeypot")
        return ""

    def clean(self):
        cleaned = super().clean()
        for i in range(1, LAW_ROWS):
            # Provisions without their law were dropped without a word (walk 85).
            if (cleaned.get(f"law_{i}_provisions") or "").strip() and not (
                cleaned.get(f"law_{i}_name") or ""
            ).strip():
                self.add_error(
                    f"law_{i}_name",
                    ValidationError(
                        _("Name the law or regulation these articles or provisions are of."),
                        code="law_name",
                    ),
                )
        for i in range(ATTACHMENT_SLOTS):
            token_name = self.add_prefix(f"attachment_{i}_token")
            previous = uploads.from_token(cleaned.get(f"attachment_{i}_token", ""))
            upload = cleaned.get(f"attachment_{i}")  # checked by its DocumentField
            pending = previous
            if upload:
                pending = uploads.stash(upload)
                if previous is not None:
                    previous.delete()
            elif previous is not None and cleaned.get(f"attachment_{i}_remove"):
                previous.delete()
                pending = None
            self.data[token_name] = pending.token if pending else ""
            self.data.pop(self.add_prefix(f"attachment_{i}_remove"), None)
            if pending is not None:
                self.kept[i] = pending
        return cleaned

    def upload_sizes(self):
        # Files kept from an earlier post count towards the limit for all files together.
        return [pending.size for pending in self.kept.values()]

    def laws(self):
        rows = []
        for i in range(LAW_ROWS):
            name = (self.cleaned_data.get(f"law_{i}_name") or "").strip()
            if name:
                rows.append((name, (self.cleaned_data.get(f"law_{i}_provisions") or "").strip()))
        return rows

    def attachments(self):
        """(pending file, title, confidential) for each kept file, in slot order."""
        return [
            (
                pending,
                (self.cleaned_data.get(f"attachment_{i}_title") or "").strip(),
                bool(self.cleaned_data.get(f"attachment_{i}_confidential")),
            )
            for i, pending in sorted(self.kept.items())
        ]


class DocumentsForm(AccessibleForm):
    """Files added later (a revision, information, evidence): checked, then streamed by the
    workflow. A post sent back for a problem keeps its valid files, as the portals' and the
    workspace's forms do (walk 83: a submitter had to choose the file again)."""

    keeps_files = True
    files_required = False
    file_slots = 3
    confidential_choice = True  # False where the event itself is never public

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(self.file_slots):
            # Each slot named by its number: a screen reader, or an error in the summary,
            # told three times of "File" could not say which (walk 17, "Archivo").
            number = {"number": i + 1}
            self.fields[f"file_{i}"] = DocumentField(
                label=_("File %(number)s") % number, required=self.files_required and i == 0
            )
            if self.confidential_choice:
                self.fields[f"file_{i}_confidential"] = forms.BooleanField(
                    label=_("File %(number)s is confidential") % number,
                    required=False,
                    help_text=_(
                        "Forwarded to the government concerned if a response is requested, "
                        "never published."
                    ),
                )

    def file_rows(self):
        return [
            (
                self[f"file_{i}"],
                self[f"file_{i}_confidential"] if self.confidential_choice else None,
            )
            for i in range(self.file_slots)
        ]

    def uploaded(self):
        """(file, confidential) for each file given."""
        return [
            (self.cleaned_data[f"file_{i}"], bool(self.cleaned_data.get(f"file_{i}_confidential")))
            for i in range(self.file_slots)
            if self.cleaned_data.get(f"file_{i}")
        ]


class RevisionForm(DocumentsForm):
    files_required = True
    file_slots = 2
    note = _text(
        _("What you changed (optional)"),
        # Said before sending, not only after (walk 129: the page said "sent for the public"
        # once it was sent).
        format_lazy(
            "{} {}",
            _("The revised submission returns the case to admissibility review (Article 18.8.2)."),
            _(
                "This note is for the public: the docket shows it once the Secretariat has "
                "reviewed it."
            ),
        ),
        required=False,
        max_length=5000,
        rows=4,
    )


class InformationAddedForm(DocumentsForm):
    confidential_choice = False  # seen by the Secretariat and the submitters only
    note = _text(
        _("Information or evidence to add"),
        _("Further facts or documentary evidence for the Secretariat (Article 18.8.2(c))."),
        max_length=MAX_TEXT,
        rows=6,
    )


def _confirm(label, missing) -> forms.BooleanField:
    """The box a submitter ticks to confirm a step that cannot be undone from the page."""
    return forms.BooleanField(label=label, error_messages={"required": missing})


class WithdrawForm(AccessibleForm):
    confirm = _confirm(
        _("Yes, withdraw this submission. I understand that the case will be closed."),
        _("Tick the box to confirm the withdrawal."),
    )


class LeaveForm(AccessibleForm):
    confirm = _confirm(
        _(
            "Yes, I leave this submission to the other submitters. I understand that my "
            "private link will stop working."
        ),
        _("Tick the box to confirm that you leave the submission."),
    )


class WithholdForm(AccessibleForm):
    """Walk 62: one tap withheld a name for good, where withdrawing asks to confirm."""

    confirm = _confirm(
        _(
            "Yes, withhold my name from the public. I understand that this cannot be undone "
            "from this page."
        ),
        _("Tick the box to confirm that your name is to be withheld."),
    )


class LostLinkForm(AccessibleForm):
    # Walk 147: the page's paragraph said it, then the field's help again.
    email = forms.EmailField(label=_("Email address you gave when filing"))


class InformationForm(DocumentsForm):
    """Information for a factual record from an interested person (Article 18.9.4(b))."""

    confidential_choice = False  # the Secretariat reviews it; nothing is published from here

    name = forms.CharField(label=_("Your name"), max_length=300)
    organization = forms.CharField(
        label=_("Organization (optional)"), max_length=300, required=False
    )
    email = forms.EmailField(
        label=_("Email"), help_text=_("The Secretariat may write to you about your information.")
    )
    note = _text(
        _("Your information"),
        _(
            "Information relevant to the factual record. The Secretariat may consider "
            "information submitted by interested persons (Article 18.9.4(b))."
        ),
        rows=8,
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Leave this field empty."), code="honeypot")
        return ""
