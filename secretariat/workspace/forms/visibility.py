"""Who sees a document, or an entry's own text (its title and note): the visibility form
(moved out of ``acts``, which was at the length limit)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from secretariat.workspace.forms import entries
from secretariat.workspace.forms.actions import ActionForm, offer_case_documents
from secretariat.workspace.forms.entries import entry_label
from submissions import published, withheld
from submissions.models import Document
from submissions.stages import NEVER_PUBLIC, ClosureReason, Visibility
from workflow.models import Event

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
        if self.submission.closure_reason == ClosureReason.NOT_A_SUBMISSION:
            # Never public, nor the Parties' (walk 176: "Public" was offered, and approved).
            self.fields["to"].choices = [
                (value, label)
                for value, label in self.fields["to"].choices
                if value in ("", Visibility.SUBMITTER, Visibility.SECRETARIAT)
            ]
            self.fields["to"].help_text = NEVER_PUBLIC
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

    def words_made_public(self) -> dict[str, str]:
        """And the words of the entry whose text this post publishes, the parts ticked (walk
        160: a Council member's reasons naming "Mme Lacoursière" were published with no word
        to the officer)."""
        words = super().words_made_public()
        if self["to"].value() != Visibility.PUBLIC or not self["event"].value():
            return words
        try:
            event = self.fields["event"].queryset.get(pk=self["event"].value())
        except (Event.DoesNotExist, ValueError, ValidationError):
            return words  # the field says what is wrong with it
        chosen = self["fields_of_text"].value() or ()
        return {**words, "fields_of_text": published.words_published(event, chosen)}

    def choose_event(self, event) -> None:
        """The form opened from an item held for review: that event's text, to be public."""
        if event is not None and not self.is_bound:
            parts = entries.held_parts(event, self.public.get(event.seq))
            self.initial.update(
                {"event": event.pk, "fields_of_text": parts, "to": Visibility.PUBLIC}
            )
            # Asked before sending, not only once refused (walk 161).
            words = published.words_published(event, parts)
            names = withheld.names_of(self.submission) if words.strip() else []
            if found := withheld.parts_named_in(words, names):
                self.name_parts_in = {"fields_of_text": found}
                self.offer_name_parts_box()

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
                # Not a document the public reads in a redacted version: the full one keeps
                # its visibility (PROCESS.md; walk 171: published beside its redaction).
                positions = sorted(
                    d.position
                    for d in event.documents.exclude(visibility=Visibility.PUBLIC).filter(
                        redacted_versions__isnull=True
                    )
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
