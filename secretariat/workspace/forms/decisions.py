"""The Secretariat's determinations and decisions: admissibility (Art. 18.8.2), whether to
request a response (Art. 18.8.4), a factual record's outcome, closing and reopening. The
publication of the final factual record is in ``publication``."""

from django import forms
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from secretariat.templatetags.sem_text import colon
from secretariat.web.forms import EMPTY_DASHES
from secretariat.workspace.forms.actions import MET, YES_NO, ActionForm, published_help
from submissions.stages import NEVER_PUBLIC, ClosureReason, Stage, Visibility
from workflow.profile_guards import earlier_open_cases
from workflow.services.actions import reopening_stage
from workflow.services.context import today
from workflow.table import CLOSURE_BY_STAGE
from workflow.treaty import criteria_for, factors_for, lettered_items, named_item


def _finding_fields(
    form, letter, label, choices, initial=None, help_text="", prefix="", named=None
):
    """A finding and its reasons for item ``letter``; ``named`` (a combined determination's
    "Criterion %(item)s" or "Factor %(item)s", and the reasons' own words for it) tells apart
    two lists lettered from (a)."""
    item = f"({letter})"
    reasons = gettext("Reasons for %(item)s") % {"item": item}
    if named is not None:
        # Its own words for the reasons (walk 38: French read «Motifs pour Critère (a)»).
        label, reasons = named_item(named[0], letter, label), named[1] % {"item": item}
    form.fields[f"{prefix}{letter}_finding"] = forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        initial=initial,
        help_text=help_text,
    )
    form.fields[f"{prefix}{letter}_reasons"] = forms.CharField(
        label=reasons,
        # Written in the case's language, as its help asks (walk 83: lang unmarked).
        widget=forms.Textarea(attrs={"rows": 2, "lang": form.submission.language}),
        help_text=published_help(form.submission),
    )
    form.published_fields.append(f"{prefix}{letter}_reasons")


class AdmissibilityForm(ActionForm):
    """Article 18.8.2: a finding and reasons for each of (a)–(f); the outcome follows."""

    criteria_named = None  # the criteria alone: "(a)" is a criterion

    def setup(self):
        self.criteria_fields()

    def criteria_fields(self):
        labels = self.criteria_labels()
        refused = self.not_standing()
        suggestion, explanation = self.criterion_f_suggestion(refused)
        # Where standing is no criterion of the case's text (USMCA 24.27(1): "Any person of a
        # Party may file"), the same check is shown above the criteria, as a note.
        self.notice_text = "" if "f" in labels else self.standing_summary(refused)
        for letter, label in labels.items():
            _finding_fields(
                self,
                letter,
                label,
                MET,
                initial=suggestion if letter == "f" else None,
                help_text=explanation if letter == "f" else "",
                prefix=self.criteria_prefix,
                named=self.criteria_named,
            )
            if letter == "f" and refused:
                # Walk 135: (f) found met against the suggestion, by a slip or on purpose,
                # went to the Director without a word. A finding against it is confirmed.
                self.fields[f"{self.criteria_prefix}f_confirmed"] = forms.BooleanField(
                    label=_("My finding on criterion (f) differs from the suggestion."),
                    required=False,
                    help_text=_("Tick it only where it does: the form asks when they differ."),
                )

    def clean(self):
        cleaned = super().clean()
        confirm = f"{self.criteria_prefix}f_confirmed"
        if (
            confirm in self.fields
            and cleaned.get(f"{self.criteria_prefix}f_finding") == "met"
            and not cleaned.get(confirm)
        ):
            self.add_error(confirm, gettext("Tick this box to confirm it, or correct the finding."))
        return cleaned

    def not_standing(self) -> list[str]:
        """The submitters who are not persons of a Party who may file about the Party
        concerned, as Submitter.may_file_about reads it."""
        party = self.submission.party.code
        memberships = self.submission.memberships.select_related("submitter")
        return [m.submitter.name for m in memberships if not m.submitter.may_file_about(party)]

    def criterion_f_suggestion(self, refused) -> tuple[str, str]:
        """Criterion (f), offered as a suggestion."""
        if refused:
            return "not_met", ngettext(
                "Suggested: not met. Not a person of a Party who may file about %(party)s: "
                "%(names)s.",
                "Suggested: not met. Not persons of a Party who may file about %(party)s: "
                "%(names)s.",
                len(refused),
            ) % {"party": self.submission.party.name, "names": ", ".join(refused)}
        return "met", gettext(
            "Suggested: met. Every submitter is a person of a Party who may file about "
            "%(party)s (Article 18.8.3)."
        ) % {"party": self.submission.party.name}

    def standing_summary(self, refused) -> str:
        if refused:
            return ngettext(
                "Who may file: not a person of a Party who may file about %(party)s: %(names)s.",
                "Who may file: not persons of a Party who may file about %(party)s: %(names)s.",
                len(refused),
            ) % {"party": self.submission.party.name, "names": ", ".join(refused)}
        return gettext(
            "Who may file: every submitter is a person of a Party who may file about %(party)s."
        ) % {"party": self.submission.party.name}

    def criteria_labels(self) -> dict:
        """The criteria the case is determined against (its era's, ``workflow.treaty``)."""
        return lettered_items(criteria_for(self.submission.filed_on))

    def criteria(self) -> dict:
        data, prefix = self.cleaned_data, self.criteria_prefix
        return {
            letter: {
                "met": data[f"{prefix}{letter}_finding"] == "met",
                "reasons": data[f"{prefix}{letter}_reasons"],
            }
            for letter in self.criteria_labels()
        }

    def outcome(self) -> str:
        return "meets" if all(c["met"] for c in self.criteria().values()) else "does_not_meet"

    def data_for_event(self):
        return {"outcome": self.outcome(), "criteria": self.criteria()}


class ResponseDecisionForm(AdmissibilityForm):
    """Article 18.8.4: a finding and reasons for each of (a)–(d), then the decision.

    In admissibility review (a profile's combined determination, ``profiles.transitions``)
    the criteria come first, each to be found met: one that is not is the subject of a
    determination on the criteria alone."""

    criteria_prefix = "criterion_"  # the factors' letters are the criteria's first four

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
        self.combined = self.submission.stage == Stage.ADMISSIBILITY_REVIEW
        if self.combined:
            # Both lists are lettered from (a): each finding says which it is (walk 19).
            self.criteria_named = (
                gettext("Criterion %(item)s"),
                gettext("Reasons for criterion %(item)s"),
            )
            self.criteria_fields()
        self.factor_labels = lettered_items(factors_for(self.submission.filed_on))
        named = (
            (gettext("Factor %(item)s"), gettext("Reasons for factor %(item)s"))
            if self.combined
            else None
        )
        for letter, label in self.factor_labels.items():
            _finding_fields(self, letter, label, YES_NO, named=named)
        # Factor (d), whether the submission is drawn only from mass media reports, is asked
        # of the submitters when they file: their answer is the start (a walk answered "Yes",
        # against the filing, not seeing that "Yes" counts against a request).
        # Unlike the other factors, a "Yes" to (d) counts against a request: the form says so.
        media = self.submission.relies_on_media_only
        if "d" in self.factor_labels:
            hints = [gettext("Unlike the other factors, “Yes” here weighs against a request.")]
            if media is not None:
                self.fields["d_finding"].initial = "yes" if media else "no"
                drawn = gettext(
                    "The submitters answered that it is drawn only from mass media reports."
                )
                not_drawn = gettext(
                    "The submitters answered that it is not drawn only from mass media reports."
                )
                hints.insert(0, drawn if media else not_drawn)
                # Walks 70 and 75: a "Yes" against the filing's "No", by mistake, was
                # recorded with the hint only. A finding against the answer is confirmed.
                self.fields["d_confirmed"] = forms.BooleanField(
                    label=_("My finding on factor (d) differs from the submitters' answer."),
                    required=False,
                    help_text=_("Tick it only where it does: the form asks when they differ."),
                )
            self.fields["d_finding"].help_text = " ".join(hints)
        # The decision comes after the factors, as the Secretariat reasons.
        self.order_fields(
            [
                *(k for k in self.fields if k not in ("outcome", "delivered_on")),
                "outcome",
                "delivered_on",
            ]
        )

    def clean(self):
        cleaned = super().clean()
        delivered = cleaned.get("delivered_on")
        if delivered is not None and delivered > today():  # the engine's rule, on its field
            self.add_error(
                "delivered_on",
                gettext("A request cannot be recorded as delivered on a date still to come."),
            )
        media = self.submission.relies_on_media_only
        finding = cleaned.get("d_finding")
        if (
            "d_confirmed" in self.fields
            and finding
            and (finding == "yes") != media
            and not cleaned.get("d_confirmed")
        ):
            self.add_error(
                "d_confirmed",
                # After the box's own label in the summary (walk 78: said twice).
                gettext("Tick this box to confirm it, or correct the finding."),
            )
        if self.combined and not self.errors and self.outcome_of_criteria() != "meets":
            raise forms.ValidationError(
                _(
                    "A combined determination finds every criterion met. Where one is not met, "
                    "record the determination on the criteria alone."
                )
            )
        return cleaned

    @property
    def action_label(self) -> str:
        # In admissibility review it is the combined determination (walk 19: it was offered
        # as the determination on the factors alone, and recorded under both articles).
        if self.combined and self.rule.combined_label:
            return str(self.rule.combined_label)
        return super().action_label

    def outcome_of_criteria(self) -> str:
        return AdmissibilityForm.outcome(self)

    def data_for_event(self):
        data = self.cleaned_data
        result = {
            "outcome": data["outcome"],
            "factors": {
                letter: {
                    "met": data[f"{letter}_finding"] == "yes",
                    "reasons": data[f"{letter}_reasons"],
                }
                for letter in self.factor_labels
            },
        }
        if data.get("delivered_on"):
            result["delivered_on"] = data["delivered_on"].isoformat()
        if self.combined:
            result["criteria"] = self.criteria()
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
        if self.reason() == ClosureReason.NOT_A_SUBMISSION:
            # Told to those who filed it (walk 128: their page and email said only "not a
            # submission", not why), to no one else.
            self.fields["note"].help_text = gettext(
                "The submitters read these reasons on their private page. A case closed as not "
                "a submission is never public."
            )
            if "document_visibility" in self.fields:  # walk 176: "Public" was offered
                field = self.fields["document_visibility"]
                field.choices = [
                    choice
                    for choice in field.choices
                    if choice[0] in ("", Visibility.SUBMITTER, Visibility.SECRETARIAT)
                ]
                field.help_text = NEVER_PUBLIC
                self.fields.pop("redacted", None)  # a public version would reach no one
        if self.reason() != ClosureReason.PENDING_PROCEEDING:
            del self.fields["precise_matter"]
        else:
            self.fields["precise_matter"].required = True

    def reason(self) -> str:
        return CLOSURE_BY_STAGE.get(self.submission.stage, "")

    def publishes_text(self) -> bool:
        return self.reason() != ClosureReason.NOT_A_SUBMISSION

    def reason_label(self) -> str:
        reason = self.reason()
        return str(ClosureReason(reason).label) if reason else ""

    def data_for_event(self):
        return {"reason": self.reason()}

    def visibility(self):
        # A case closed as not a submission is never public, nor is its closure; those who
        # filed it read why (PROCESS.md: closed "with a reason").
        if self.reason() == ClosureReason.NOT_A_SUBMISSION:
            return Visibility.SUBMITTER
        return None


class ReopenForm(ActionForm):
    to_stage = forms.ChoiceField(label=_("Stage the case returns to"), choices=[])
    reason = forms.CharField(
        label=_("Reasons for reopening"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def setup(self):
        # Only the stage the case was closed from (PROCESS.md: never a later one).
        origin = reopening_stage(self.submission)
        self.fields["to_stage"].choices = [(s.value, s.label) for s in Stage if s == origin]
        self.fields["to_stage"].initial = origin

    def data_for_event(self):
        return {"to_stage": self.cleaned_data["to_stage"], "reason": self.cleaned_data["reason"]}


class ErratumForm(ActionForm):
    """An erratum to one of the Secretariat's decisions on the case (where the profile has
    errata): which decision, and the correction in the note; the erratum's own file, if any,
    among the documents."""

    corrects = forms.ModelChoiceField(label=_("Decision corrected"), queryset=None)
    note_required = True

    def setup(self):
        self.fields["note"].label = gettext("Correction")
        self.fields["corrects"].queryset = self.submission.events.exclude(code="").order_by("seq")
        self.fields["corrects"].label_from_instance = lambda event: (
            f"{event.code}{colon()} {event.kind_label}"
        )

    def data_for_event(self):
        return {"corrects": self.cleaned_data["corrects"].seq - 1}


class ConsolidationForm(ActionForm):
    """Consolidation with an earlier submission (where the profile has it: the CEC's registry,
    SEM-06-004 with SEM-06-003): which one, among the open cases about the same Party filed no
    later than this one; the reasons in the note."""

    note_required = True

    def setup(self):
        earlier = earlier_open_cases(self.submission)
        language = (get_language() or "en")[:2]
        # ``with`` is the event's key (a Python keyword: added here, not declared).
        self.fields["with"] = forms.ChoiceField(
            label=_("Consolidated with"),
            choices=[("", EMPTY_DASHES)]
            + [
                (
                    other.identifier,
                    f"{other.identifier}{colon()} {other.text_in('title', language)[0]}",
                )
                for other in earlier
            ],
            help_text=_(
                "An earlier submission about the same Party, still open, that presents the "
                "same facts and assertions."
            ),
        )
        self.order_fields(["with"])
        self.fields["note"].label = gettext("Reasons")

    def data_for_event(self):
        return {"with": self.cleaned_data["with"]}


class FactualRecordForm(ActionForm):
    """The draft or the final factual record submitted to the Council: the record itself is
    required (the sixteenth walk submitted a draft without one, and seven Parties were asked
    to comment on nothing but its cover letter)."""

    LABELS = {
        "draft_submitted": _("The draft factual record"),
        "final_submitted": _("The final factual record"),
    }

    # Walk 41: the draft's form said it would be public once published; a draft never is
    # (PROCESS.md, Visibility).
    HELP = {
        "draft_submitted": _(
            "Required: the draft itself. The Parties and the Council read it in their portal; "
            "a draft is never public."
        ),
        "final_submitted": _(
            "Required: the record itself. The Parties read it in their portal; it is public "
            "once published."
        ),
    }

    def setup(self):
        field = self.fields["document"]
        field.required = True
        field.label = self.LABELS[self.rule.kind]
        field.help_text = self.HELP[self.rule.kind]
        self.fields["document_title"].required = True
        self.fields["document_title"].help_text = ""  # the document is required here (walk 80)
