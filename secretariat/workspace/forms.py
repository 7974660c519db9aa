"""The workspace's forms: one per action of the transition table, built from its keys.

Each form turns what a person typed into the arguments of ``services.record_event`` (see
``ActionForm.service_kwargs``); the service decides whether the action is legal. The forms only
ask what the table's required and optional keys need, in words a person understands.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from submissions.models import LANGUAGE_CHOICES, Document, User
from submissions.roles import SECRETARIAT_ROLES
from submissions.stages import OPEN_STAGES, ClosureReason, Stage, Visibility
from submissions.storage import DocumentInput, sniff
from submissions.uploads import screen
from workflow import services
from workflow.deadlines import KIND_LABELS
from workflow.table import CLOSURE_BY_STAGE, TABLE

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
MET = [("met", _("Met")), ("not_met", _("Not met"))]
PARTY_CHOICES = [("PE", _("Peru")), ("US", _("United States"))]

# Article 18.8.2: the criteria a submission must meet.
CRITERIA = {
    "a": _("(a) is in writing in English or Spanish"),
    "b": _("(b) clearly identifies the person making the submission"),
    "c": _(
        "(c) provides sufficient information to allow the Secretariat to review it, including "
        "any documentary evidence on which it may be based and identification of the "
        "environmental laws of which the failure to enforce is asserted"
    ),
    "d": _("(d) appears to be aimed at promoting enforcement rather than at harassing industry"),
    "e": _(
        "(e) indicates that the matter has been communicated in writing to the relevant "
        "authorities of the Party and indicates the Party's response, if any"
    ),
    "f": _("(f) is filed by a person of a Party (Article 18.8.3)"),
}

# Article 18.8.4: what guides the decision whether to request a response.
FACTORS = {
    "a": _("(a) the submission is not frivolous and alleges that a person is harmed"),
    "b": _(
        "(b) the submission, alone or in combination with other submissions, raises matters "
        "whose further study would advance the goals of Chapter Eighteen and the Environmental "
        "Cooperation Agreement"
    ),
    "c": _("(c) private remedies available under the Party's law have been pursued"),
    "d": _("(d) the submission is drawn exclusively from mass media reports"),
}


def scanned(upload) -> None:
    """The optional virus scan (clamd) for files staff upload; a flagged file is quarantined."""
    screen(upload, upload.name, sniff(upload))


class AccessibleForm(forms.Form):
    """Links each invalid field to its error message (aria-describedby), besides its help."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                ids = [f"{bound.auto_id}_errors"]
                if self.fields[name].help_text:
                    ids.append(f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)
                self.fields[name].widget.attrs["aria-invalid"] = "true"


class ActionForm(AccessibleForm):
    """What every action asks: the real date (for what arrived on paper or by email) with a
    reason when it is earlier than today, a title and note, and documents."""

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
    document = forms.FileField(label=_("Document"), required=False, validators=[scanned])
    document_title = forms.CharField(label=_("Title of the document"), required=False)
    document_language = forms.ChoiceField(
        label=_("Language of the document"), choices=[], required=False
    )
    document_visibility = forms.ChoiceField(
        label=_("Who may see the document"),
        required=False,
        choices=[("", _("As the rules say for this action")), *Visibility.choices],
    )
    translation = forms.FileField(
        label=_("Translation of the document"), required=False, validators=[scanned]
    )
    translation_official = forms.BooleanField(
        label=_("Official translation by the Secretariat"), required=False
    )
    redacted = forms.FileField(
        label=_("Redacted public version of the document"),
        required=False,
        validators=[scanned],
        help_text=_("The full document keeps its visibility; the redacted version is public."),
    )

    uses_documents = True
    note_required = False

    def __init__(self, *args, submission, rule, **kwargs):
        kwargs.setdefault("prefix", rule.kind)
        super().__init__(*args, **kwargs)
        self.submission = submission
        self.rule = rule
        self.fields["document_language"].choices = LANGUAGE_CHOICES
        self.fields["document_language"].initial = submission.language
        if not self.uses_documents:
            for name in self.document_fields():
                del self.fields[name]
        if self.note_required:
            self.fields["note"].required = True
        self.setup()

    @staticmethod
    def document_fields():
        return (
            "document",
            "document_title",
            "document_language",
            "document_visibility",
            "translation",
            "translation_official",
            "redacted",
        )

    def setup(self):
        """Add the kind's own fields (subclasses)."""

    def own_fields(self):
        common = {"on", "date_reason", "title", "note", *self.document_fields()}
        return [self[name] for name in self.fields if name not in common]

    def common_fields(self):
        return [self[n] for n in ("on", "date_reason", "title", "note") if n in self.fields]

    def upload_fields(self):
        return [self[n] for n in self.document_fields() if n in self.fields]

    def clean(self):
        data = super().clean()
        on = data.get("on")
        if on and on > timezone.localdate():
            self.add_error("on", gettext("An event cannot be dated in the future."))
        if on and on < timezone.localdate() and not data.get("date_reason"):
            self.add_error(
                "date_reason", gettext("Give a reason for recording this with a past date.")
            )
        if self.uses_documents:
            if data.get("document") and not data.get("document_title"):
                self.add_error("document_title", gettext("Give the document a title."))
            if (data.get("translation") or data.get("redacted")) and not data.get("document"):
                self.add_error("document", gettext("Upload the document it goes with."))
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
            other = "en" if language == "es" else "es"
            items.append(
                DocumentInput(
                    title=gettext("%(title)s (translation)") % {"title": title},
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
                    title=gettext("%(title)s (redacted public version)") % {"title": title},
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
        return kwargs


def _finding_fields(form, letter, label, choices, initial=None, help_text=""):
    form.fields[f"{letter}_finding"] = forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        initial=initial,
        help_text=help_text,
    )
    form.fields[f"{letter}_reasons"] = forms.CharField(
        label=gettext("Reasons for %(item)s") % {"item": f"({letter})"},
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AdmissibilityForm(ActionForm):
    """Article 18.8.2: a finding and reasons for each of (a)–(f); the outcome follows."""

    def setup(self):
        suggestion, explanation = self.criterion_f_suggestion()
        for letter, label in CRITERIA.items():
            _finding_fields(
                self,
                letter,
                label,
                MET,
                initial=suggestion if letter == "f" else None,
                help_text=explanation if letter == "f" else "",
            )

    def criterion_f_suggestion(self) -> tuple[str, str]:
        """Criterion (f) as Submitter.may_file_about reads it, offered as a suggestion."""
        party = self.submission.party.code
        memberships = self.submission.memberships.select_related("submitter")
        refused = [m.submitter.name for m in memberships if not m.submitter.may_file_about(party)]
        if refused:
            return "not_met", gettext(
                "Suggested: not met. Not a person of a Party who may file about %(party)s: "
                "%(names)s."
            ) % {"party": self.submission.party.name, "names": ", ".join(refused)}
        return "met", gettext(
            "Suggested: met. Every submitter is a person of a Party who may file about "
            "%(party)s (Article 18.8.3)."
        ) % {"party": self.submission.party.name}

    def criteria(self) -> dict:
        data = self.cleaned_data
        return {
            letter: {
                "met": data[f"{letter}_finding"] == "met",
                "reasons": data[f"{letter}_reasons"],
            }
            for letter in CRITERIA
        }

    def outcome(self) -> str:
        return "meets" if all(c["met"] for c in self.criteria().values()) else "does_not_meet"

    def data_for_event(self):
        return {"outcome": self.outcome(), "criteria": self.criteria()}


class ResponseDecisionForm(ActionForm):
    """Article 18.8.4: a finding and reasons for each of (a)–(d), then the decision."""

    outcome = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("request", _("Request a response from the Party")),
            ("no_request", _("Do not request a response (the case closes)")),
        ],
    )
    delivered_on = forms.DateField(
        label=_("Date the request was delivered"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty when it is delivered through the portal on the same day."),
    )

    def setup(self):
        for letter, label in FACTORS.items():
            _finding_fields(self, letter, label, YES_NO)
        # The decision comes after the factors, as the Secretariat reasons.
        self.order_fields(
            [
                *(k for k in self.fields if k not in ("outcome", "delivered_on")),
                "outcome",
                "delivered_on",
            ]
        )

    def data_for_event(self):
        data = self.cleaned_data
        result = {
            "outcome": data["outcome"],
            "factors": {
                letter: {
                    "met": data[f"{letter}_finding"] == "yes",
                    "reasons": data[f"{letter}_reasons"],
                }
                for letter in FACTORS
            },
        }
        if data.get("delivered_on"):
            result["delivered_on"] = data["delivered_on"].isoformat()
        return result


class OutcomeForm(ActionForm):
    """A decision with an outcome of the table and its reasons (in the note)."""

    outcome = forms.ChoiceField(label=_("Outcome"), widget=forms.RadioSelect, choices=[])
    note_required = True

    LABELS = {
        "warranted": _("A factual record is warranted: inform the Council"),
        "not_warranted": _("A factual record is not warranted (the case closes)"),
    }

    def setup(self):
        self.fields["note"].label = gettext("Reasons")
        self.fields["outcome"].choices = [
            (o, self.LABELS.get(o, o)) for o in self.rule.outcomes if o
        ]

    def data_for_event(self):
        return {"outcome": self.cleaned_data["outcome"]}


class MessageForm(ActionForm):
    """Minor errors of form: a message to the submitter, no determination."""

    note_required = True

    def setup(self):
        self.fields["note"].label = gettext("Message to the submitter")


class ClosureForm(ActionForm):
    """Closing a case with the one reason its stage allows, and the Secretariat's reasons."""

    note_required = True
    precise_matter = forms.BooleanField(
        label=_(
            "The Secretariat has verified that the pending proceeding concerns the precise "
            "matter of the submission (Article 18.8.5(a))"
        ),
        required=False,
    )

    def setup(self):
        self.fields["note"].label = gettext("Reasons")
        if self.reason() != ClosureReason.PENDING_PROCEEDING:
            del self.fields["precise_matter"]
        else:
            self.fields["precise_matter"].required = True

    def reason(self) -> str:
        return CLOSURE_BY_STAGE.get(self.submission.stage, "")

    def reason_label(self) -> str:
        reason = self.reason()
        return str(ClosureReason(reason).label) if reason else ""

    def data_for_event(self):
        return {"reason": self.reason()}

    def visibility(self):
        # A case closed as not a submission is never public, nor is its closure.
        if self.reason() == ClosureReason.NOT_A_SUBMISSION:
            return Visibility.SECRETARIAT
        return None


class ReopenForm(ActionForm):
    to_stage = forms.ChoiceField(label=_("Stage the case returns to"), choices=[])
    reason = forms.CharField(
        label=_("Reasons for reopening"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def setup(self):
        self.fields["to_stage"].choices = [(s.value, s.label) for s in Stage if s in OPEN_STAGES]

    def data_for_event(self):
        return {"to_stage": self.cleaned_data["to_stage"], "reason": self.cleaned_data["reason"]}


class AssignForm(ActionForm):
    uses_documents = False
    officer = forms.ChoiceField(label=_("Officer"), choices=[])

    def setup(self):
        staff = (
            User.objects.filter(
                is_active=True, groups__name__in=[r.value for r in SECRETARIAT_ROLES]
            )
            .distinct()
            .order_by("username")
        )
        self.fields["officer"].choices = [
            (u.username, u.get_full_name() or u.username) for u in staff
        ]

    def data_for_event(self):
        return {"officer": self.cleaned_data["officer"]}


class PartyForm(ActionForm):
    """An act of one Party or its Council member, recorded by the Secretariat from paper."""

    party = forms.ChoiceField(label=_("Party"), choices=PARTY_CHOICES)
    author_prefix = "council"

    def data_for_event(self):
        return {"party": self.cleaned_data["party"]}

    def author(self):
        return f"{self.author_prefix}:{self.cleaned_data['party']}"


class CommentForm(PartyForm):
    author_prefix = "party"


class RecommendationForm(PartyForm):
    def setup(self):
        self.fields["party"].required = False
        self.fields["party"].choices = [("", _("The Council as a whole")), *PARTY_CHOICES]

    def data_for_event(self):
        party = self.cleaned_data.get("party")
        return {"party": party} if party else {}

    def author(self):
        party = self.cleaned_data.get("party")
        return f"council:{party}" if party else None


class PartyConcernedForm(ActionForm):
    """What the Party concerned sent (its response, an extension notice), recorded from paper."""

    def author(self):
        return f"party:{self.submission.party.code}"


class ResponseForm(PartyConcernedForm):
    pending_proceeding = forms.BooleanField(
        label=_("The Party states that the matter is the subject of a pending proceeding"),
        required=False,
    )

    def data_for_event(self):
        return {"pending_proceeding": bool(self.cleaned_data.get("pending_proceeding"))}


class SubmitterActForm(ActionForm):
    """Something the submitters did (a revision, information, a withdrawal) on paper."""

    def author(self):
        return "submitter"


class IdentityForm(SubmitterActForm):
    uses_documents = False
    submitter = forms.ChoiceField(label=_("Submitter"), choices=[])

    def setup(self):
        members = self.submission.memberships.select_related("submitter").order_by("position", "id")
        self.fields["submitter"].choices = [
            (str(i), m.submitter.name) for i, m in enumerate(members)
        ]

    def data_for_event(self):
        return {"submitter": int(self.cleaned_data["submitter"])}


class JoinForm(ActionForm):
    """An adhesion: one more person joins the submission."""

    name = forms.CharField(label=_("Name"), max_length=300)
    person_kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("individual", _("Individual")), ("organization", _("Organization"))],
    )
    country = forms.CharField(label=_("Country (two-letter code)"), max_length=2, min_length=2)
    confidential = forms.BooleanField(label=_("Withhold the name from the public"), required=False)

    def data_for_event(self):
        data = self.cleaned_data
        return {
            "submitters": [
                {
                    "name": data["name"],
                    "kind": data["person_kind"],
                    "country": data["country"].upper(),
                    "confidential": bool(data.get("confidential")),
                }
            ]
        }


class CallForm(ActionForm):
    closes_on = forms.DateField(
        label=_("The call closes on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to close it later by recording a closing date."),
    )

    def data_for_event(self):
        closes_on = self.cleaned_data.get("closes_on")
        return {"closes_on": closes_on.isoformat()} if closes_on else {}


class InformationForm(ActionForm):
    """Information a person sent for the factual record (by email or on paper)."""

    name = forms.CharField(label=_("Name"), required=False)
    organization = forms.CharField(label=_("Organization"), required=False)
    email = forms.EmailField(label=_("Email"), required=False)

    def data_for_event(self):
        return {
            k: self.cleaned_data[k]
            for k in ("name", "organization", "email")
            if self.cleaned_data.get(k)
        }

    def author(self):
        return "public"


class CorrespondenceForm(ActionForm):
    """A letter, an email, an internal note: with its author and who may see it."""

    event_author = forms.ChoiceField(
        label=_("From"),
        choices=[
            ("secretariat", _("Secretariat")),
            ("submitter", _("Submitter")),
            ("party:PE", _("Government of Peru")),
            ("party:US", _("Government of the United States")),
        ],
    )
    event_visibility = forms.ChoiceField(
        label=_("Who may see it"),
        choices=Visibility.choices,
        help_text=_("Choose “Secretariat only” for an internal note."),
    )

    def author(self):
        return self.cleaned_data["event_author"]

    def visibility(self):
        return self.cleaned_data["event_visibility"]


class VisibilityForm(ActionForm):
    uses_documents = False
    target = forms.ModelChoiceField(label=_("Document"), queryset=Document.objects.none())
    to = forms.ChoiceField(label=_("New visibility"), choices=Visibility.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def setup(self):
        self.fields["target"].queryset = (
            Document.objects.filter(submission=self.submission, event__isnull=False)
            .select_related("event")
            .order_by("event__seq", "position")
        )
        self.fields["target"].label_from_instance = lambda d: (
            gettext("%(title)s (event %(seq)s, now: %(visibility)s)")
            % {
                "title": d.code or d.title,
                "seq": d.event.seq,
                "visibility": d.get_visibility_display(),
            }
        )

    def data_for_event(self):
        document = self.cleaned_data["target"]
        return {
            "document": [document.event.seq - 1, document.position],
            "from": document.visibility,
            "to": self.cleaned_data["to"],
            "reason": self.cleaned_data["reason"],
        }


class MissedTargetForm(ActionForm):
    uses_documents = False
    deadline = forms.ChoiceField(label=_("Target"), choices=[])
    party = forms.ChoiceField(
        label=_("Party (for the comments on the draft)"),
        required=False,
        choices=[("", "—"), *PARTY_CHOICES],
    )
    reason = forms.CharField(label=_("Public reason"), widget=forms.Textarea(attrs={"rows": 2}))
    new_due_on = forms.DateField(
        label=_("New target date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def setup(self):
        kinds = sorted(set(self.submission.deadlines.values_list("kind", flat=True)))
        self.fields["deadline"].choices = [(k, KIND_LABELS.get(k, k)) for k in kinds]

    def data_for_event(self):
        data = self.cleaned_data
        result = {"deadline": data["deadline"], "reason": data["reason"]}
        if data.get("party"):
            result["party"] = data["party"]
        if data.get("new_due_on"):
            result["new_due_on"] = data["new_due_on"].isoformat()
        return result


class RecomputeForm(ActionForm):
    uses_documents = False
    reason = forms.CharField(label=_("Reason"))

    def data_for_event(self):
        return {"reason": self.cleaned_data["reason"]}


FORMS = {
    "admissibility_determined": AdmissibilityForm,
    "response_decided": ResponseDecisionForm,
    "factual_record_notified": OutcomeForm,
    "form_errors_noted": MessageForm,
    "closed": ClosureForm,
    "reopened": ReopenForm,
    "assigned": AssignForm,
    "council_instructed": PartyForm,
    "publication_instructed": PartyForm,
    "draft_commented": CommentForm,
    "recommendation_made": RecommendationForm,
    "extension_notified": PartyConcernedForm,
    "party_responded": ResponseForm,
    "revision_filed": SubmitterActForm,
    "information_added": SubmitterActForm,
    "withdrawn": SubmitterActForm,
    "identity_withheld": IdentityForm,
    "submitters_joined": JoinForm,
    "information_called": CallForm,
    "information_submitted": InformationForm,
    "correspondence": CorrespondenceForm,
    "visibility_changed": VisibilityForm,
    "deadline_missed_explained": MissedTargetForm,
    "deadlines_recomputed": RecomputeForm,
}

# Kinds the workspace never offers as a form: a case is filed once (see FilingForm), proposals
# are made by recording a decision, and returns are answered from the approval list.
NOT_OFFERED = frozenset({"filed", "proposed", "returned"})


def action_form(kind: str, submission, data=None, files=None) -> ActionForm:
    rule = TABLE[kind]
    cls = FORMS.get(kind, ActionForm)
    return cls(data, files, submission=submission, rule=rule)


class ReturnForm(AccessibleForm):
    comment = forms.CharField(
        label=_("Comment for the officer"), widget=forms.Textarea(attrs={"rows": 3})
    )


class FilingForm(AccessibleForm):
    """A filing that arrived on paper or by email, recorded by the Secretariat with its real
    date. One submitter and one law here; more join later (adhesion) or are added by editing."""

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
    nationality = forms.CharField(
        label=_("Nationality or country of establishment (two-letter code)"),
        max_length=2,
        min_length=2,
    )
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
    document = forms.FileField(
        label=_("The submission (file)"), required=False, validators=[scanned]
    )

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
                    nationality=data["nationality"].upper(),
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


class QueueFilterForm(AccessibleForm):
    """The queue's filters (GET): every field optional."""

    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[])
    party = forms.ChoiceField(
        label=_("Party"), required=False, choices=[("", _("Both")), *PARTY_CHOICES]
    )
    officer = forms.ChoiceField(label=_("Officer"), required=False, choices=[])
    due_within = forms.IntegerField(
        label=_("Due within (days)"), required=False, min_value=0, max_value=3650
    )
    overdue = forms.BooleanField(label=_("Overdue"), required=False)
    unassigned = forms.BooleanField(label=_("Unassigned"), required=False)
    unregistered = forms.BooleanField(label=_("Awaiting registration"), required=False)
    awaiting_approval = forms.BooleanField(label=_("Awaiting approval"), required=False)
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
            .values_list("username", flat=True)
        )
        self.fields["officer"].choices = [
            ("", _("Anyone")),
            ("me", _("My cases")),
            *((name, name) for name in staff),
        ]
