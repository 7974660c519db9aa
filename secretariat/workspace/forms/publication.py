"""Publication of the final factual record (moved out of ``decisions``, which was at the length
limit)."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from secretariat.templatetags.sem_text import colon
from secretariat.workspace.forms.actions import ActionForm
from secretariat.workspace.queries import record_languages_missing
from submissions import profiles, published
from submissions.models import PARTY_CHOICES
from submissions.texts import semicolon
from workflow.describe import not_sent_for_public


class PublicationForm(ActionForm):
    """Publication of the final factual record. Where the profile publishes the Parties'
    comments on the draft with it (the CEC Council's Resolutions 05-09 and 07-03), the
    Parties whose comments it attaches, among those that commented."""

    attach_comments = forms.MultipleChoiceField(
        label=_("Parties whose comments on the draft are published with it"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "As the Council's instruction says. The comments of a Party not ticked stay with "
            "the Parties."
        ),
    )

    def setup(self):
        self._setup_comments()
        # Walk 145: the final record went public in Spanish alone, unremarked.
        untranslated = self._languages_missing()
        if untranslated:
            self.notice_text = " ".join(filter(None, [self.notice_text, untranslated]))

    def _languages_missing(self) -> str:
        """The docket's languages that neither the record nor a translation of it is in, ""
        if none (walk 146: not its cover letter's, in English beside a Spanish record)."""
        missing = record_languages_missing(self.submission.pk)
        if not missing:
            return ""
        return gettext(
            "The final factual record is not in every language of the docket; it has no "
            "version in: %(languages)s. To publish it in each, add its translation first "
            "(“Add a translation or a redacted version”, above)."
        ) % {"languages": missing}

    def _setup_comments(self):
        if "document" in self.fields:
            # Walk 100: the final record uploaded here again stood on the docket twice.
            self.fields["document"].help_text = _(
                "This step makes the final factual record already submitted public: do not "
                "attach it again. Attach only another document, if any."
            )
        comments = list(
            self.submission.events.filter(kind="draft_commented")
            .prefetch_related("documents")
            .order_by("seq")
        )
        commented = dict.fromkeys(event.data.get("party") for event in comments)
        self.as_sent, self.attached_at_first = [], set()
        if not profiles.installed().comments_attached_on_publication:
            del self.fields["attach_comments"]
            self._as_sent(comments)
            return
        if not commented:
            del self.fields["attach_comments"]
            return
        labels = dict(PARTY_CHOICES)
        # A Party that did not send its comments for the public says so beside its box (walk
        # 130: ticked, they went to the Director unremarked).
        unsent = set(not_sent_for_public(self.submission, [code for code in commented if code]))
        self.fields["attach_comments"].choices = [
            (
                code,
                gettext("%(party)s (did not send its comments for the public)")
                % {"party": labels.get(code, code)}
                if code in unsent
                else labels.get(code, code),
            )
            for code in commented
            if code
        ]
        # Ticked at first: the Parties that sent their comments for the public (walk 71: all
        # three had, and the proposal read "attached: none").
        self.fields["attach_comments"].initial = list(
            dict.fromkeys(e.data.get("party") for e in comments if e.data.get("publish_requested"))
        )
        # What it publishes as ticked at first, out of the warning on held entries (walk 108).
        self.attached_at_first = {
            e.seq for e in comments if e.data.get("party") in self.fields["attach_comments"].initial
        }

    def _as_sent(self, comments) -> None:
        """Where the profile does not attach the comments whole (PROCESS.md, step 10: they
        "stay at *parties* unless a Party asked for them to be public"), those sent for the
        public on which the Secretariat has not decided: published with the record as sent
        (``published.WITH_COMMENTS``), and said here (walk 98: held, they stayed behind)."""
        decided = published.decided_entries(
            self.submission.events.filter(kind=published.TEXT_DECISION).values_list(
                "data", flat=True
            )
        )
        self.as_sent = [
            event
            for event in comments
            if any(published.sent_for_public(event.data)) and event.seq not in decided
        ]
        if self.as_sent:
            labels = dict(PARTY_CHOICES)
            items = []
            for event in self.as_sent:
                item = gettext("no. %(seq)s (%(party)s)") % {
                    "seq": event.seq,
                    "party": labels.get(event.data.get("party"), ""),
                }
                marked = published.sent_for_public(event.data)[1]
                # And the documents it publishes by name (walk 106: numbers alone).
                titles = [d.title for d in event.documents.all() if d.position in marked]
                if titles:
                    named = ", ".join(gettext("“%(name)s”") % {"name": t} for t in titles)
                    item = f"{item}{colon()} {named}"
                items.append(item)
            self.notice_text = gettext(
                "With the final factual record, this step publishes what the Parties sent for "
                "the public with their comments on the draft: %(items)s. Their other documents, "
                "and the comments not sent for the public, stay with the Parties."
            ) % {"items": semicolon().join(items)}

    def publishes(self) -> set[int]:
        """The entries held for review this step publishes (the case page leaves them out of
        its warning that closing does not publish them): as sent, or attached as ticked at
        first."""
        return {event.seq for event in self.as_sent} | self.attached_at_first

    def data_for_event(self):
        if self.as_sent:
            return {published.WITH_COMMENTS: [event.seq - 1 for event in self.as_sent]}
        # Said even when none is ticked: the Executive Director then reads "none", a choice.
        if "attach_comments" not in self.fields:
            return {}
        return {"attach_comments": list(self.cleaned_data.get("attach_comments") or ())}
