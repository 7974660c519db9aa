"""The acknowledgement of receipt, with the officer's review of what it makes public.

Acknowledgement puts the case on the public docket, and with it every attachment the filer did
not mark confidential (``submissions.access.public_documents``). Before that happens the officer
looks at each: confirms it, or keeps it restricted (the Party concerned still receives it with
a request), and may add a redacted version to publish in its place."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from notices.services import attachments_to_review
from secretariat.web.forms import DocumentField
from secretariat.workspace.forms.actions import ActionForm

PUBLISH = "publish"
RESTRICT = "restrict"


class AcknowledgementForm(ActionForm):
    review_reason = forms.CharField(
        label=_("Why attachments stay restricted or get a redacted version"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the case's history; required when you restrict or redact."),
    )

    def setup(self):
        self.attachments = attachments_to_review(self.submission)
        if not self.attachments:
            # Nothing to review, nothing to give a reason for (walk 120: the field stood first
            # in the form of a filing without attachments).
            del self.fields["review_reason"]
            return
        for document in self.attachments:
            name = document.title or document.original_name
            self.fields[f"attachment_{document.pk}"] = forms.ChoiceField(
                label=gettext("Attachment “%(name)s”") % {"name": name},
                choices=[
                    (PUBLISH, _("Make it public with the acknowledgement")),
                    (RESTRICT, _("Keep it restricted (the Party concerned still receives it)")),
                ],
                widget=forms.RadioSelect,
                # No answer given in advance (walk 89: "Record" on the untouched form published
                # the filer's evidence unreviewed).
                error_messages={
                    "required": _(
                        "Choose whether this attachment is made public or kept restricted."
                    )
                },
            )
            self.fields[f"redacted_{document.pk}"] = DocumentField(
                label=gettext("Redacted version of “%(name)s” to publish") % {"name": name},
                required=False,
            )
        self.order_fields([*(k for k in self.fields if k != "review_reason"), "review_reason"])

    def clean(self):
        data = super().clean()
        if (self.kept_restricted() or self.redacted_versions()) and not data.get("review_reason"):
            self.add_error(
                "review_reason",
                gettext("Say why these attachments stay restricted or get a redacted version."),
            )
        return data

    def kept_restricted(self) -> list:
        data = getattr(self, "cleaned_data", {})
        return [d for d in self.attachments if data.get(f"attachment_{d.pk}") == RESTRICT]

    def redacted_versions(self) -> dict:
        data = getattr(self, "cleaned_data", {})
        return {d: upload for d in self.attachments if (upload := data.get(f"redacted_{d.pk}"))}

    def review_kwargs(self) -> dict:
        return {
            "keep_restricted": self.kept_restricted(),
            "redacted": self.redacted_versions(),
            "review_reason": self.cleaned_data.get("review_reason", ""),
        }
