"""Acts the Secretariat records for others (a Party, the Council, the submitters, a person
sending information) and the case's housekeeping (assignment, targets). The visibility form is
in ``visibility``."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from secretariat.workspace.forms.actions import ActionForm
from submissions.dates import long_date
from submissions.models import LANGUAGE_CHOICES, PARTY_CHOICES, PARTY_CODES, User
from submissions.roles import SECRETARIAT_ROLES
from submissions.stages import Author, Stage, Visibility
from workflow import cofilers, council
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

    def setup(self):
        # After the final factual record, only a Party that never commented may still send
        # comments, as its portal offers (walk 168: every Party was offered here, in FF).
        if not self.submission.events.filter(kind="final_submitted").exists():
            return
        commented = set(
            self.submission.events.filter(kind="draft_commented").values_list(
                "data__party", flat=True
            )
        )
        self.fields["party"].choices = [
            choice for choice in self.fields["party"].choices if choice[0] not in commented
        ]
        self.offerable = len(self.fields["party"].choices) > 1
        self.notice_text = _(
            "The final factual record has been submitted: only a Party that had not commented "
            "on the draft may still send comments."
        )


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
