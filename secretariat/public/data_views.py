"""The open data's own page: what the public may take away (the CSV, the API, the feeds, the
signed statements) and how to read it, each column and code with its meaning in the reader's
language (walk 84: nothing linked the API, and the CSV's columns and codes were explained
nowhere)."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secretariat.public.docket_views import CSV_COLUMNS, CSV_HEADERS
from submissions.models import PARTY_CHOICES
from submissions.stages import COMMENTS_IN, ClosureReason, Stage
from workflow.models import EVENT_KIND_CHOICES, Deadline
from workflow.periods import KIND_LABELS

# What each column of the docket's CSV holds (docket_views.docket_export_csv writes them).
CSV_MEANINGS = {
    "identifier": _("The case's identifier, as the Secretariat assigned it."),
    "party": _("The code of the Party the submission concerns."),
    "language": _("The code of the language the submission was filed in."),
    "filed_on": _("The day the submission was filed (YYYY-MM-DD)."),
    "status": _("open or closed."),
    "stage": _("The stage's code (listed below)."),
    "closure_reason": _("Why a closed case was closed: its code (listed below); empty while open."),
    "last_update": _("The day of the case's last public entry (YYYY-MM-DD)."),
    "submitters": _(
        "The submitters, separated by semicolons; a name withheld at the submitter's request "
        "reads as the label the docket shows in its place."
    ),
    "laws": _("The environmental laws at issue, separated by semicolons."),
    "chain_hash": _(
        "The fingerprint of the case's whole history: compare it with the signed statements "
        "of the chain hashes."
    ),
    "url": _("The case's page on the public docket."),
    "status_label": _("The status in the language of the export."),
    "stage_label": _("The stage in the language of the export."),
    "closure_reason_label": _("The closure reason in the language of the export."),
    "party_label": _("The Party's name in the language of the export."),
}
# Each title column by its language (walk 134: "in that language" named none).
TITLE_MEANINGS = {
    "en": _("The case's public title in English (empty where it has none)."),
    "es": _("The case's public title in Spanish (empty where it has none)."),
    "fr": _("The case's public title in French (empty where it has none)."),
}


def _columns() -> list[dict]:
    rows = []
    for column in CSV_COLUMNS:
        if column.startswith("title_"):
            meaning = TITLE_MEANINGS[column.removeprefix("title_")]
        else:
            meaning = CSV_MEANINGS[column]
        rows.append({"name": CSV_HEADERS[column], "meaning": meaning})
    return rows


def _stages() -> list[tuple[str, str]]:
    """The stages, the comment period with the words the pages give it once every Party's
    comments are in (walk 85: the docket said one thing, this page only the other)."""
    return [
        (
            code,
            _("%(label)s; once every Party's comments are in, the pages say “%(in)s”")
            % {"label": label, "in": COMMENTS_IN}
            if code == Stage.DRAFT_COMMENT_PERIOD
            else label,
        )
        for code, label in Stage.choices
    ]


def open_data(request):
    """The page, its lists made from the same choices the data uses."""
    codes = [
        (pgettext_lazy("open data", "Parties"), PARTY_CHOICES),
        (pgettext_lazy("open data", "Languages"), settings.LANGUAGES),
        (pgettext_lazy("open data", "Stages"), _stages()),
        (pgettext_lazy("open data", "Closure reasons"), ClosureReason.choices),
        (pgettext_lazy("open data", "Entries of a case's history"), EVENT_KIND_CHOICES()),
        (pgettext_lazy("open data", "Periods"), sorted(KIND_LABELS.items())),
        (pgettext_lazy("open data", "States of a period"), Deadline.State.choices),
    ]
    return render(
        request,
        "open_data.html",
        {
            "columns": _columns(),
            "codes": [
                (heading, [(c, str(label)) for c, label in items]) for heading, items in codes
            ],
        },
    )
