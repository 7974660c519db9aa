"""Acts the Secretariat records for others (a Party, the Council, the submitters, a person
sending information) and the case's housekeeping (assignment, visibility, targets)."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from secretariat.workspace.forms import entries
from secretariat.workspace.forms.actions import ActionForm, offer_case_documents
from secretariat.workspace.forms.entries import entry_label
from submissions import published
from submissions.dates import long_date
from submissions.models import LANGUAGE_CHOICES, PARTY_CHOICES, PARTY_CODES, Document, User
from submissions.roles import SECRETARIAT_ROLES
from submissions.stages import Author, Stage, Visibility
from workflow import cofilers, council
from workflow.models import Event
from workflow.periods import KIND_LABELS
from workflow.table import ON_BEHALF_KINDS
from workflow.target_guards import missed

EVIDENCE_HELP = _(
    "Required: the letter or email you are recording. The record will wait for the "
    "Executive Director's approval."
)
EVIDENCE_HELP_ALONE = _("Required: the letter or email you are recording.")


class OnBehalfForm(ActionForm):
    """What a Party, a Council member or the submitters did, recorded by the Secretariat from
    their letter or email: the letter is the record's evidence, and the record goes through
    four eyes (PROCESS.md, "Records made on someone else's behalf")."""

    @property
    def on_behalf(self) -> bool:
        """Whether this records someone else's act, which goes through four eyes."""
        return self.rule.kind in ON_BEHALF_KINDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.rule.kind in ON_BEHALF_KINDS and "document" in self.fields:
            field = self.fields["document"]
            field.required = True
            field.label = _("Letter or email received (evidence)")
            field.help_text = EVIDENCE_HELP if settings.SEM_FOUR_EYES else EVIDENCE_HELP_ALONE


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


class PartyForm(OnBehalfForm):
    """An act of one Party or its Council member, recorded by the Secretariat from paper."""

    # No Party chosen beforehand: the officer reads it from the letter (a default recorded
    # the first Party's comment twice in a walk).
    party = forms.ChoiceField(label=_("Party"), choices=[("", "—"), *PARTY_CHOICES])
    author_prefix = "council"

    def data_for_event(self):
        return {"party": self.cleaned_data["party"]}

    def author(self):
        return f"{self.author_prefix}:{self.cleaned_data['party']}"


class CouncilActForm(PartyForm):
    """A Council member's instruction recorded from a letter; once the members' instructions
    are already the Council's (workflow.council), the form says a further one changes
    nothing in the case's course."""

    def setup(self):
        notices = []
        if self.rule.kind == "publication_instructed" and not self.submission.events.filter(
            kind="final_submitted"
        ):
            # REGISTRY-FORMAT.md takes an instruction given early (walks 27 and 29 recorded
            # one, and neither the form nor the docket said what it meant).
            notices.append(
                _(
                    "No final factual record has been submitted yet. The instruction is "
                    "recorded now, marked so on the docket, and takes effect once the final "
                    "record is submitted: the period to publish runs from then."
                )
            )
        facts = council.facts_of(self.submission)
        # A member who has given it (or voted on the record) is not offered again (walk 38:
        # Canada's paper instruction was recorded twice; the engine now refuses it).
        done = {
            party
            for party, _name in PARTY_CHOICES
            if (
                council.voted(facts, party)
                if self.rule.kind == "council_instructed"
                else council.given_by(facts, self.rule.kind, party)
            )
        }
        self.fields["party"].choices = [
            choice for choice in self.fields["party"].choices if choice[0] not in done
        ]
        # Every member has acted (walk 101: the form came with "—" its only Party).
        self.offerable = len(self.fields["party"].choices) > 1
        if council.decides(facts, self.rule.kind):
            notices.append(
                _(
                    "The Council's rule is already met for this instruction. A further "
                    "member's instruction is recorded on the case and changes nothing in its "
                    "course."
                )
            )
        self.notice_text = " ".join(str(notice) for notice in notices)


class RecordedCommentForm(PartyForm):
    author_prefix = "party"


class RecordedRecommendationForm(PartyForm):
    def setup(self):
        self.fields["party"].required = False
        self.fields["party"].choices = [("", _("The Council as a whole")), *PARTY_CHOICES]

    def data_for_event(self):
        party = self.cleaned_data.get("party")
        return {"party": party} if party else {}

    def author(self):
        party = self.cleaned_data.get("party")
        return f"council:{party}" if party else None


class PartyConcernedForm(OnBehalfForm):
    """What the Party concerned sent (its response, an extension notice), recorded from paper."""

    def author(self):
        return f"party:{self.submission.party.code}"


class RecordedResponseForm(PartyConcernedForm):
    pending_proceeding = forms.BooleanField(
        label=_("The Party states that the matter is the subject of a pending proceeding"),
        required=False,
    )

    def setup(self):
        # REGISTRY-FORMAT.md takes a response in any later stage, closed included, as a late
        # or further one (walk 21 recorded one on a closed case, and the form had not said so).
        if self.submission.stage != Stage.AWAITING_RESPONSE:
            self.notice_text = _(
                "The case is past the stage of the Party's response. This letter is recorded "
                "as a late or further response, marked so on the docket, and does not change "
                "the case's course."
            )

    def data_for_event(self):
        return {"pending_proceeding": bool(self.cleaned_data.get("pending_proceeding"))}


class SubmitterActForm(OnBehalfForm):
    """Something the submitters did (a revision, information, a withdrawal) on paper."""

    def author(self):
        return "submitter"


class IdentityForm(SubmitterActForm):
    uses_documents = False
    submitter = forms.ChoiceField(label=_("Submitter"), choices=[])

    def setup(self):
        members = self.submission.memberships.select_related("submitter").order_by("position", "id")
        # Only those not yet withheld (walk 23: the guard refuses the others).
        self.fields["submitter"].choices = [
            (str(i), m.submitter.name)
            for i, m in enumerate(members)
            if not m.submitter.confidential
        ]

    def data_for_event(self):
        return {"submitter": int(self.cleaned_data["submitter"])}


class LeavingForm(SubmitterActForm):
    """A co-filer leaves the submission to the others, by letter (walk 141)."""

    submitter = forms.ChoiceField(label=_("Submitter who leaves"), choices=[])

    def setup(self):
        members = self.submission.memberships.select_related("submitter").order_by("position", "id")
        gone = cofilers.gone(self.submission)
        self.fields["submitter"].choices = [
            (str(i), m.submitter.name) for i, m in enumerate(members) if i not in gone
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
    # Walk 120: the person who joined could be given no email, so no private link.
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_(
            "The person's private link to follow the case is sent here. Without an email, the "
            "Secretariat writes to them by post."
        ),
    )

    # Walk 124: the person's emails and link went in English on a Spanish case.
    preferred_language = forms.ChoiceField(
        label=_("Language for messages from the Secretariat"), choices=LANGUAGE_CHOICES
    )

    def setup(self):
        self.fields["preferred_language"].initial = self.submission.language

    def data_for_event(self):
        data = self.cleaned_data
        person = {
            "name": data["name"],
            "kind": data["person_kind"],
            "country": data["country"].upper(),
            "confidential": bool(data.get("confidential")),
        }
        if data.get("email"):
            person["email"] = data["email"]
            person["preferred_language"] = data["preferred_language"]
        return {"submitters": [person]}


class CallForm(ActionForm):
    closes_on = forms.DateField(
        label=_("The call closes on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Leave empty to close it later by recording a closing date. The call also closes "
            "when the final factual record is submitted."
        ),
    )

    def data_for_event(self):
        closes_on = self.cleaned_data.get("closes_on")
        return {"closes_on": closes_on.isoformat()} if closes_on else {}


class RecordedInformationForm(ActionForm):
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


class RecordedCorrespondenceForm(ActionForm):
    """A letter, an email, an internal note: with its author and who may see it."""

    event_author = forms.ChoiceField(
        label=_("From"),
        choices=[
            ("secretariat", _("Secretariat")),
            ("submitter", _("Submitter")),
            *((f"party:{code}", Author(f"party:{code}").label) for code in PARTY_CODES),
        ],
    )
    # The narrowest at first (walk 75: "Public" was chosen for whoever did not look).
    event_visibility = forms.ChoiceField(
        label=_("Who may see it"),
        choices=Visibility.choices,
        initial=Visibility.SECRETARIAT,
        help_text=_("Choose “Secretariat only” for an internal note."),
    )

    def publishes_text(self):
        return False  # its visibility is chosen on the form ("Who may see it")

    def setup(self):
        # Its documents go where the entry goes unless chosen (walk 77: a letter in a
        # "Secretariat only" entry was filed "Public", the action's rule's level).
        field = self.fields["document_visibility"]
        field.choices = [("", _("Like the entry")), *field.choices[1:]]

    def documents_in(self) -> list:
        items = super().documents_in()
        for item in items:
            if item.visibility is None:
                item.visibility = self.visibility()
        return items

    def clean(self):
        data = super().clean()
        # Walk 76: the form sent empty put a blank public line on the case for good. Not said
        # beside a field's own error (walk 79: a title too long, an empty file).
        said = any(name in self.errors for name in ("title", "note", "document"))
        if not (data.get("title") or data.get("note") or data.get("document") or said):
            self.add_error(
                "title", gettext("Give it a title, a note or a document: it says nothing yet.")
            )
        return data

    def author(self):
        return self.cleaned_data["event_author"]

    def visibility(self):
        return self.cleaned_data["event_visibility"]


# Entries the visibility form does not list: proposals, their returns, its own decisions.
NOT_LISTED = ("proposed", "returned", "visibility_changed")


class VisibilityForm(ActionForm):
    """Who sees a document, or an event's own text (its title and note): widening is a
    decision under four eyes, narrowing takes effect at once (PROCESS.md, Visibility)."""

    uses_documents = False
    target = forms.ModelChoiceField(
        label=_("Document"), queryset=Document.objects.none(), required=False
    )
    event = forms.ModelChoiceField(
        label=_("Or the text of an event"),
        queryset=Event.objects.none(),
        required=False,
        help_text=_(
            "Publish a Party's or the Council's text sent for the public, or withhold an "
            "event's title, note or a decision's reasons from the public (the original stays "
            "in the history)."
        ),
    )
    fields_of_text = forms.MultipleChoiceField(
        label=_("Which text"),
        # The note carries with it the words an author sent beside it (published.TEXT_DATA: a
        # Party's other information with its response): publishing one publishes both.
        choices=[
            ("title", _("Title")),
            ("note", _("Note, with any information sent with it")),
            # Walk 91: a decision's reasons named a withheld co-filer, for good.
            ("reasons", _("A decision's reasons for each criterion or factor")),
        ],
        # None ticked in advance (walk 93: with title and note ticked, withholding a decision's
        # reasons withheld its public note too); the form opened from an item held for review
        # ticks title and note (``choose_event``). Walk 58's refusal for want of a tick now says
        # what to tick, and the note's label says what it carries.
        help_text=_("Tick each part to publish or to withhold."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Walks 40 and 41: a Party's response took a decision for its words, then one for each of
    # its documents, and an annex sent for the public was left behind.
    with_documents = forms.BooleanField(
        label=entries.WITH_DOCUMENTS,
        required=False,
        initial=True,
        help_text=_(
            "Publishing an entry's text publishes, in the same decision, the documents its "
            "sender marked for the public and not yet public."
        ),
    )
    # No level chosen in advance (walk 90: "Public", the widest, came answered).
    to = forms.ChoiceField(label=_("New visibility"), choices=[("", "—"), *Visibility.choices])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    @property
    def action_label(self) -> str:
        # Walk 149: opened to publish a Party's response, it was headed "Visibility of a
        # document changed" (the step's name in the history, which says which it was).
        return gettext("Visibility of a document or of an entry's text")

    def setup(self):
        # Walk 149: no Title and Note boxes of its own below the "Title" tick (a reason says why).
        del self.fields["title"], self.fields["note"]
        self.notice_text = entries.withheld_notice(self.submission)
        offer_case_documents(self.fields["target"], self.submission)
        # Events with a title or note, those sent for the public whose words may be in
        # their data only (a Party's Art. 18.8.5(b) information, published with the note),
        # and decisions with reasons for their criteria or factors.
        self.fields["event"].queryset = (
            Event.objects.filter(submission=self.submission)
            .filter(
                ~Q(title="")
                | ~Q(note="")
                | Q(data__publish_requested=True)
                | Q(data__has_key="criteria")
                | Q(data__has_key="factors")
            )
            .exclude(kind__in=NOT_LISTED)
            .order_by("seq")
        )
        events = list(self.submission.events.order_by("seq"))
        self.public = shown = published.public_text(events)
        self.fields["event"].label_from_instance = lambda e: entry_label(e, shown.get(e.seq))
        # The "reasons" tick only where an entry gives reasons (walk 97: offered for every
        # entry, then refused for a letter); actions.js hides it beside an entry without them.
        with_reasons = [
            str(e.pk) for e in events if e.kind not in NOT_LISTED and published.has_reasons(e.data)
        ]
        self.offers_reasons = bool(with_reasons)
        if with_reasons:
            self.fields["event"].widget.attrs["data-with-reasons"] = " ".join(with_reasons)
        else:
            field = self.fields["fields_of_text"]
            field.choices = [c for c in field.choices if c[0] != published.REASONS]
        # And "with the documents sent for the public" beside an entry that has some (walk
        # 107: offered beside a determination, or with no entry chosen).
        self.fields["event"].widget.attrs["data-with-documents"] = " ".join(
            str(e.pk)
            for e in events
            if e.kind not in NOT_LISTED and published.sent_for_public(e.data)[1]
        )

    def choose_event(self, event) -> None:
        """The form opened from an item held for review: that event's text, to be public."""
        if event is not None and not self.is_bound:
            parts = entries.held_parts(event, self.public.get(event.seq))
            self.initial.update(
                {"event": event.pk, "fields_of_text": parts, "to": Visibility.PUBLIC}
            )

    def choose_document(self, pk) -> None:
        """The form opened from an item whose words are public and a document still held."""
        if pk is not None and not self.is_bound:
            # "With the documents sent with it" is a choice for an entry's text, not here.
            self.initial.update({"target": pk, "to": Visibility.PUBLIC, "with_documents": False})

    def clean(self):
        data = super().clean()
        document, event = data.get("target"), data.get("event")
        # Walk 89: "choose one but not both" when neither was chosen.
        if document is None and event is None:
            raise forms.ValidationError(_("Choose a document, or the text of an event."))
        if document is not None and event is not None:
            raise forms.ValidationError(_("Choose a document or the text of an event, not both."))
        if document is not None and data.get("to") == document.visibility:
            # Walk 97: "Public → Public" was recorded for good.
            self.add_error(
                "to",
                _("The document already has this visibility: “%(level)s”.")
                % {"level": document.get_visibility_display()},
            )
        if event is not None:
            if not data.get("fields_of_text"):
                self.add_error(
                    "fields_of_text",
                    _("Choose the title, the note, the reasons, or several.")
                    if self.offers_reasons
                    else _("Choose the title, the note, or both."),
                )
            elif "reasons" in data["fields_of_text"] and not published.has_reasons(event.data):
                self.add_error(
                    "fields_of_text", _("This event gives no reasons for criteria or factors.")
                )
            elif data.get("to") in (Visibility.PUBLIC, Visibility.PARTIES):
                refused = entries.refused(event, self.public.get(event.seq), data)
                if refused:
                    self.add_error("fields_of_text", refused)
            if data.get("to") and data["to"] not in (Visibility.PUBLIC, Visibility.PARTIES):
                # Walk 89: "Secretariat only" refused without saying what to choose instead.
                self.add_error(
                    "to",
                    _(
                        "An event's text is either public or kept from the public: choose "
                        "“%(public)s” or “%(parties)s”."
                    )
                    % {"public": Visibility.PUBLIC.label, "parties": Visibility.PARTIES.label},
                )
        return data

    def data_for_event(self):
        data = self.cleaned_data
        if data.get("event") is not None:
            event = data["event"]
            shown = self.public.get(event.seq)
            now_public = shown is not None and not (set(data["fields_of_text"]) & shown)
            result = {
                "event": event.seq - 1,
                "fields": list(data["fields_of_text"]),
                "from": Visibility.PUBLIC if now_public else Visibility.PARTIES,
                "to": data["to"],
                "reason": data["reason"],
            }
            if data.get("with_documents") and data["to"] == Visibility.PUBLIC:
                held = set((event.data or {}).get("for_public") or ())
                positions = sorted(
                    d.position
                    for d in event.documents.exclude(visibility=Visibility.PUBLIC)
                    if d.position in held
                )
                if positions:
                    result["with_documents"] = positions
            return result
        document = data["target"]
        return {
            "document": [document.event.seq - 1, document.position],
            "from": document.visibility,
            "to": data["to"],
            "reason": data["reason"],
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
        # The targets missed today only (walk 77: a target with thirty days left, and one
        # already met, were offered and "explained" on the docket).
        today = timezone.localdate()
        latest = {}
        for deadline in self.submission.deadlines.order_by("id"):
            latest[(deadline.kind, deadline.party)] = deadline
        missed_now = [d for d in latest.values() if missed(d, today)]
        kinds = sorted({d.kind for d in missed_now})
        self.fields["deadline"].choices = [(k, KIND_LABELS.get(k, k)) for k in kinds]
        parties = sorted({d.party for d in missed_now if d.party})
        if parties:
            self.fields["party"].choices = [
                ("", "—"),
                *((p, dict(PARTY_CHOICES)[p]) for p in parties),
            ]
        else:
            del self.fields["party"]

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


class RequestDeliveredForm(ActionForm):
    """The date a request for a response reached the Party, when it is not the decision's."""

    def setup(self):
        # Walk 77 recorded a delivery of a request already delivered through the portal, with
        # no word that it moves the start of the Party's period.
        period = self.submission.deadlines.filter(kind="party_response").order_by("id").last()
        if period is not None:
            self.notice_text = _(
                "The Party's period now counts from %(start)s. Recording a delivery counts it "
                "from the date of this step instead."
            ) % {"start": long_date(period.start_on)}
