"""What every workspace action asks (``ActionForm``): each form turns what a person typed into
the arguments of ``services.record_event`` (see ``ActionForm.service_kwargs``); the service
decides whether the action is legal. The forms only ask what the table's required and optional
keys need, in words a person understands."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, get_language_info, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from notices.services import issues_documents
from secretariat.web.forms import AccessibleForm, DocumentField
from submissions import profiles, published, withheld
from submissions.dates import long_date
from submissions.models import LANGUAGE_CHOICES, Document
from submissions.stages import Visibility
from submissions.storage import DocumentInput
from workflow.guards import beyond
from workflow.services import date_order_error

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
MET = [
    ("met", pgettext_lazy("a criterion", "Met")),
    ("not_met", pgettext_lazy("a criterion", "Not met")),
]
# Beside a free-text field of a decision the public will read (PROCESS.md: the docket shows
# each decision with its reasons; criterion (b) invites naming the submitter).
PUBLISHED_HELP = _("This text will be published on the docket.")
# Walk 95: a draft factual record's note was public at once, the form saying beside it that the
# draft never is.
PUBLISHED_BESIDE_HELP = _(
    "This text will be published on the docket at once, though the document is not: write "
    "nothing here that the document keeps from the public."
)

# The box that confirms a part of a withheld name in a public text (``ask_about_name_parts``),
# named as the data key that keeps what it confirmed.
NAME_PARTS_CONFIRMED = published.NAME_PARTS_CONFIRMED


def published_help(submission, documents_kept: bool = False) -> str:
    """``PUBLISHED_HELP`` (``PUBLISHED_BESIDE_HELP`` where the action's documents are never
    public) and the language to write it in: the docket shows a case's notes and reasons
    marked as in the case's language (the fifteenth walk typed Spanish on an English case,
    published marked as English)."""
    language = get_language_info(submission.language)["name_translated"]
    if not (get_language() or "en").startswith("en"):
        language = language.lower()  # "español", "anglais": lower case in mid-sentence
    write = gettext("Write it in the case's language: %(language)s.") % {"language": language}
    said = f"{PUBLISHED_BESIDE_HELP if documents_kept else PUBLISHED_HELP} {write}"
    # Said before it is typed (walk 177: criterion (b) asks who the submitter is, and nothing
    # said her name was withheld; a whole name typed is refused after: ``ask_about_name_parts``).
    names = getattr(submission, "_withheld_names", None)
    if names is None:  # read once for the case page's many forms
        names = submission._withheld_names = withheld.names_of(submission)
    if names:
        said += " " + gettext(
            "A submitter of this case withholds their name from the public: do not write it here."
        )
    return said


EDITED_LABELS = {
    code: label
    for code, label in (
        ("en", _("Edited document in English")),
        ("es", _("Edited document in Spanish")),
        ("fr", _("Edited document in French")),
    )
    if code in profiles.installed().languages
}
EDITED_HELP = _(
    "The formal document is generated in English and Spanish from this form. To change its "
    "wording, download the draft from the pending proposal, edit it and upload it here: it "
    "replaces the generated one in that language."
)
# Where the step is recorded at once (four eyes off, or not a decision): no proposal to take
# a draft from (walk 27: the acknowledgement's form pointed at one that did not exist).
EDITED_HELP_ALONE = _(
    "The formal document is generated from this form in each of the case's working languages. "
    "To use your own wording in one of them, upload it here: it replaces the generated one in "
    "that language."
)


def offer_case_documents(field, submission) -> None:
    """Let ``field`` (a ModelChoiceField) choose one of the case's documents, each named with
    its event and its visibility now."""
    field.queryset = (
        Document.objects.filter(submission=submission, event__isnull=False)
        # A proposal's draft is not a document of the case: its approval issues a copy.
        .exclude(event__kind="proposed")
        .select_related("event")
        .order_by("event__seq", "position")
    )
    # Each choice names a document by its own title, in its own language (marked for readers
    # and checks that tell the interface's language from the documents').
    field.widget.attrs["data-document-titles"] = ""
    field.label_from_instance = lambda d: (
        gettext("%(title)s — %(language)s (event %(seq)s, now: %(visibility)s)")
        % {
            # A decision's language versions share its code: the title and language tell them apart.
            "title": f"{d.code} — {d.title}" if d.code and d.title else d.code or d.title,
            "language": d.get_language_display(),
            "seq": d.event.seq,
            "visibility": d.get_visibility_display(),
        }
    )


class ActionForm(AccessibleForm):
    """What every action asks: the real date (for what arrived on paper or by email) with a
    reason when it is earlier than today, a title and note, and documents."""

    describes_its_user = False  # names and emails are of submitters, not the officer's own
    keeps_files = True  # a valid file survives the page sent back for another field's problem
    criteria_prefix = ""  # the criteria's field names, where a form has them (decisions.py)
    offerable = True  # False where a choice it needs has no option left (the case page omits it)
    notice_text = ""  # what the case page says above the form, where a form has something to say

    @property
    def action_label(self) -> str:
        """What the workspace calls the action this form records."""
        return str(self.rule.label)

    on = forms.DateField(
        label=_("Date it took effect"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "For something that arrived on paper or by email, its real date. Leave empty for today."
        ),
    )
    date_reason = forms.CharField(
        label=_("Why it is recorded with an earlier date"),
        required=False,
        help_text=_("Required when the date is earlier than today."),
    )
    title = forms.CharField(label=_("Title"), required=False, max_length=500)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    document = DocumentField(label=_("Document"), required=False)
    # Walk 79: asked for on sending, but not said beforehand.
    document_title = forms.CharField(
        label=_("Title of the document"),
        required=False,
        help_text=_("Required with a document."),
    )
    document_language = forms.ChoiceField(
        label=_("Language of the document"), choices=[], required=False
    )
    document_visibility = forms.ChoiceField(
        label=_("Who may see the document"),
        required=False,
        choices=[("", _("As the rules say for this action")), *Visibility.choices],
    )
    translation = DocumentField(label=_("Translation of the document"), required=False)
    # Only where the profile has more than two languages (the CEC's): with two, the other one.
    translation_language = forms.ChoiceField(
        label=_("Language of the translation"), choices=[], required=False
    )
    # Walk 73: the translation took the document's title, marked as written in its language.
    translation_title = forms.CharField(
        label=_("Title of the translation"),
        required=False,
        max_length=500,
        help_text=_("In the translation's language. Left blank, it keeps the document's title."),
    )
    translation_official = forms.BooleanField(
        label=_("Official translation by the Secretariat"), required=False
    )
    redacted = DocumentField(
        label=_("Redacted public version of the document"),
        required=False,
        help_text=_("The full document keeps its visibility; the redacted version is public."),
    )

    uses_documents = True
    note_required = False

    def __init__(self, *args, submission, rule, **kwargs):
        kwargs.setdefault("prefix", rule.kind)
        super().__init__(*args, **kwargs)
        self.submission = submission
        self.rule = rule
        self.scan_reference = submission.receipt_number or ""
        self.fields["document_language"].choices = LANGUAGE_CHOICES
        self.fields["document_language"].initial = submission.language
        if len(LANGUAGE_CHOICES) > 2:
            self.fields["translation_language"].choices = [("", "—"), *LANGUAGE_CHOICES]
        else:
            del self.fields["translation_language"]
        if not self.uses_documents:
            for name in self.document_fields():
                self.fields.pop(name, None)
        if self.note_required:
            self.fields["note"].required = True
        limit = rule.documents_at_most
        if limit is not None and self.uses_documents:
            # Only the levels the engine accepts (walk 23: a draft record's form offered
            # "Public" and a public redacted version, then refused them).
            self.fields["document_visibility"].choices = [
                choice
                for choice in self.fields["document_visibility"].choices
                if not choice[0] or not beyond(choice[0], limit)
            ]
            del self.fields["redacted"]
        if rule.default_visibility == Visibility.SUBMITTER and self.uses_documents:
            # An entry the submitters and the Secretariat read: its documents reach no one
            # else, whatever level they bear (walk 170: "Secretariat and the Party concerned"
            # chosen for a submitter's annex, which the Party never saw).
            self.fields["document_visibility"].choices = [
                choice
                for choice in self.fields["document_visibility"].choices
                if choice[0] in ("", Visibility.SUBMITTER, Visibility.SECRETARIAT)
            ]
            self.fields["document_visibility"].help_text = _(
                "This entry is read by the Secretariat and the submitters only. To send a "
                "document to a Party, record a letter to it."
            )
            self.fields.pop("redacted", None)  # a public version would reach no one either
        last = submission.last_event_on
        if "on" in self.fields and last and last < timezone.localdate():
            # Said beforehand, not only on refusing (walk 113: a pending proposal dated today
            # refused a letter's real date after the form had asked for it).
            said = gettext("The case's last entry is dated %(date)s: not earlier than that.") % {
                "date": long_date(last)
            }
            self.fields["on"].help_text = f"{self.fields['on'].help_text} {said}"
            self.fields["on"].widget.attrs["min"] = last.isoformat()
        elif "on" in self.fields and last:
            self.fields["on"].help_text = gettext(
                "The case's last entry is dated today: leave it empty for today."
            )
        self.published_fields = []  # the texts the docket will show (``published_help``)
        if rule.decision and "note" in self.fields:
            # Its note is the decision's reasons wherever it is read (the Director's card, the
            # docket, the generated document: ``describe``); walk 176 typed "Note" and read
            # "Reasons" after.
            self.fields["note"].label = gettext("Reasons")
        self.setup()
        if self.publishes_text():
            kept = self.uses_documents and limit is not None and beyond(Visibility.PUBLIC, limit)
            for name in ("title", "note"):
                if name in self.fields:
                    self.fields[name].help_text = published_help(submission, kept)
                    # Written in the case's language, as the help asks (walk 83).
                    self.fields[name].widget.attrs["lang"] = submission.language
                    self.published_fields.append(name)
        self.ask_about_name_parts()
        if issues_documents(self.rule.kind):
            proposed = settings.SEM_FOUR_EYES and self.rule.decision
            for language, label in EDITED_LABELS.items():
                self.fields[f"edited_{language}"] = DocumentField(
                    label=label,
                    required=False,
                    help_text=EDITED_HELP if proposed else EDITED_HELP_ALONE,
                )

    def words_made_public(self) -> dict[str, str]:
        """{field: the words this post puts before the public}: what the officer typed into
        the texts the docket will show (``published_fields``)."""
        return {name: str(self[name].value() or "") for name in self.published_fields}

    def ask_about_name_parts(self) -> None:
        """Where the words this post makes public write a part of a withheld name ("la Sra.
        Ccori"), the officer confirms it does not identify the person, or rewords it (walk
        157: only the Director's card said so, after proposing; a part of a name may be
        anyone's, so it is not masked: ``withheld.parts_named_in``). ``name_parts_in``:
        {field: the words of the name it writes}, each field told so (walk 160: the box at
        the form's foot named no field)."""
        self.name_parts_in = {}
        self.names_whole_in = {}
        words = self.words_made_public() if self.is_bound else {}
        names = withheld.names_of(self.submission) if any(words.values()) else []
        for field, text in words.items():
            if parts := withheld.parts_named_in(text, names):
                self.name_parts_in[field] = parts
            # A whole name the officer typed is refused where it is typed, as in a title
            # (walk 171: "Ms Margaret A. Whitfield" read "Ms a person whose name is withheld…"
            # on the docket); an existing entry's words (the visibility form) stay masked.
            if field in self.published_fields and (whole := withheld.named_in(text, names)):
                self.names_whole_in[field] = whole[0]
        self.offer_name_parts_box()

    def offer_name_parts_box(self) -> None:
        """The confirmation box, naming the words of ``name_parts_in``, where there are any."""
        if self.name_parts_in:
            found = sorted({part for parts in self.name_parts_in.values() for part in parts})
            self.fields[NAME_PARTS_CONFIRMED] = forms.BooleanField(
                label=gettext("I have read it: it may be published as written."),
                required=False,
                help_text=gettext(
                    "The text made public writes %(words)s, part of a name withheld from the "
                    "public. It is not masked, as it may be anyone's: the public reads it as "
                    "written."
                )
                % {"words": ", ".join(found)},
            )

    def pending(self, replaces: int | None) -> None:
        """Say which pending proposal of this kind a post replaces (``None``: none). Without
        one there is no draft to download yet: the edited documents' help says what is true
        now (walk 52: "download the draft of the pending proposal" before any proposal)."""
        self.replaces = replaces
        if replaces is None:
            for language in EDITED_LABELS:
                if f"edited_{language}" in self.fields:
                    self.fields[f"edited_{language}"].help_text = EDITED_HELP_ALONE

    def resume(self, proposal: dict, comment: str) -> None:
        """Fill the form with a proposal the Executive Director returned, to be changed and
        proposed again (the third walk: it had to be typed again from nothing), or with one
        still pending that proposing again replaces (``comment`` empty). Its files are not
        carried: they are attached again."""
        initial = {}
        for key, value in proposal.items():
            if key in ("criteria", "factors") and isinstance(value, dict):
                yes, no = ("met", "not_met") if key == "criteria" else ("yes", "no")
                prefix = self.criteria_prefix if key == "criteria" else ""
                for letter, finding in value.items():
                    initial[f"{prefix}{letter}_finding"] = yes if finding.get("met") else no
                    initial[f"{prefix}{letter}_reasons"] = finding.get("reasons", "")
            elif key in self.fields and not isinstance(value, dict | list):
                initial[key] = value
            elif key in self.fields and isinstance(self.fields[key], forms.MultipleChoiceField):
                initial[key] = list(value) if isinstance(value, list) else []
        self.initial.update(initial)
        self.returned_comment = comment

    def publishes_text(self) -> bool:
        """Whether what the officer types here (title, note, reasons) will be on the docket."""
        return self.rule.public

    def publishes(self) -> set[int]:
        """The entries held for review that this step publishes (``PublicationForm``): the
        case page leaves them out of its warning that a closing step does not publish them."""
        return set()

    def edited_fields(self):
        return [self[f"edited_{lang}"] for lang in EDITED_LABELS if f"edited_{lang}" in self.fields]

    def edited_documents(self) -> dict:
        """{language: file} of the edited versions uploaded in place of generated ones."""
        return {
            language: upload
            for language in EDITED_LABELS
            if (upload := self.cleaned_data.get(f"edited_{language}"))
        }

    @staticmethod
    def document_fields():
        return (
            "document",
            "document_title",
            "document_language",
            "document_visibility",
            "translation",
            "translation_language",
            "translation_title",
            "translation_official",
            "redacted",
        )

    def setup(self):
        """Add the kind's own fields (subclasses)."""

    def own_fields(self):
        common = {"on", "date_reason", "title", "note", NAME_PARTS_CONFIRMED}
        common.update(self.document_fields())
        common.update(f"edited_{language}" for language in EDITED_LABELS)
        return [self[name] for name in self.fields if name not in common]

    def common_fields(self):
        names = ("on", "date_reason", "title", "note", NAME_PARTS_CONFIRMED)
        return [self[n] for n in names if n in self.fields]

    def upload_fields(self):
        return [self[n] for n in self.document_fields() if n in self.fields]

    def clean(self):
        data = super().clean()
        if NAME_PARTS_CONFIRMED in self.fields and not data.get(NAME_PARTS_CONFIRMED):
            for field, parts in self.name_parts_in.items():
                value = data.get(field)
                self.add_error(
                    field,
                    gettext(
                        "This text writes %(words)s, part of a name withheld from the public: "
                        "check that it does not identify the person, and confirm it below."
                    )
                    % {"words": ", ".join(parts)},
                )
                if value is not None:  # still read by the form's own checks (walk 161: the
                    data[field] = value  # visibility form then said "choose a text" too)
            self.add_error(
                NAME_PARTS_CONFIRMED,
                gettext("Tick this box if the text does not identify the person."),
            )
        for field, name in self.names_whole_in.items():
            self.add_error(
                field,
                gettext(
                    "This text writes %(name)s, a name withheld from the public; the public "
                    "would read “%(label)s” in its place. Write it without the name (for "
                    "example, “the submitter”)."
                )
                % {
                    "name": name,
                    "label": withheld.in_sentence(name, [name], self.submission.language),
                },
            )
        on = data.get("on")
        if on and on > timezone.localdate():
            self.add_error("on", gettext("An event cannot be dated in the future."))
        last = self.submission.last_event_on
        out_of_order = bool(on and last and on < last)
        if out_of_order:
            # Said with the other problems of the post, on the date itself (walk 27: the
            # engine's refusal came alone, after the reason was given, dated 2026-12-04).
            # Walk 97: and what to do (a letter received on an earlier day).
            self.add_error(
                "on",
                date_order_error(last)
                + " "
                + gettext("Date it that day or later, and say in its note when it happened."),
            )
        # Not asked for a date no reason can make right (walk 76).
        if on and on < timezone.localdate() and not data.get("date_reason") and not out_of_order:
            self.add_error(
                "date_reason", gettext("Give a reason for recording this with a past date.")
            )
        if self.uses_documents:
            # Once: where the kind requires a title, the field said so already (walk 49).
            if (
                data.get("document")
                and not data.get("document_title")
                and "document_title" not in self.errors
            ):
                self.add_error("document_title", gettext("Give the document a title."))
            if (data.get("translation") or data.get("redacted")) and not data.get("document"):
                self.add_error("document", gettext("Upload the document it goes with."))
            if data.get("translation_title") and not data.get("translation"):
                self.add_error("translation", gettext("Upload the translation this title names."))
            # Walk 73: under the CEC a French document's translation was filed as Spanish,
            # whatever its language.
            chosen = data.get("translation_language")
            document = data.get("document_language") or self.submission.language
            if data.get("translation") and "translation_language" in self.fields:
                if not chosen:
                    self.add_error(
                        "translation_language", gettext("Say which language the translation is in.")
                    )
                elif chosen == document:
                    self.add_error(
                        "translation_language",
                        gettext("A translation is in another language than the document."),
                    )
        return data

    # --- what the service receives ------------------------------------------------------------
    def data_for_event(self) -> dict:
        return {}

    def author(self) -> str | None:
        return None

    def visibility(self) -> str | None:
        return None

    def documents_in(self) -> list:
        data = self.cleaned_data
        if not self.uses_documents or not data.get("document"):
            return []
        title = data["document_title"]
        language = data.get("document_language") or self.submission.language
        items = [
            DocumentInput(
                title=title,
                language=language,
                file=data["document"],
                visibility=data.get("document_visibility") or None,
            )
        ]
        if data.get("translation"):
            other = data.get("translation_language") or next(
                code for code, _label in LANGUAGE_CHOICES if code != language
            )
            items.append(
                DocumentInput(
                    # Its own title, or the document's: pages say "translation" from the
                    # link, in the reader's language (a suffix stored here would be hashed in
                    # the officer's).
                    title=data.get("translation_title") or title,
                    language=other,
                    file=data["translation"],
                    visibility=data.get("document_visibility") or None,
                    translation_of=0,
                    official_translation=bool(data.get("translation_official")),
                )
            )
        if data.get("redacted"):
            items.append(
                DocumentInput(
                    title=title,
                    language=language,
                    file=data["redacted"],
                    visibility=Visibility.PUBLIC,
                    redacted_version_of=0,
                )
            )
        return items

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {
            "data": self.data_for_event(),
            "on": data.get("on") or None,
            "reason": data.get("date_reason", ""),
            "title": data.get("title", ""),
            "note": data.get("note", ""),
            "documents_in": self.documents_in(),
        }
        if self.author() is not None:
            kwargs["author"] = self.author()
        if self.visibility() is not None:
            kwargs["visibility"] = self.visibility()
        if self.name_parts_in and data.get(NAME_PARTS_CONFIRMED):
            # Kept with the step, for the Director and the auditor (walk 161: the tick was
            # saved nowhere); never in the public export (exporter.PRIVATE_KEYS).
            confirmed = sorted({part for parts in self.name_parts_in.values() for part in parts})
            kwargs["data"] = {**kwargs["data"], published.NAME_PARTS_CONFIRMED: confirmed}
        return kwargs
