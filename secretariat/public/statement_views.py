"""The signed daily statements of chain heads (workflow.statements) on the public docket: a
page listing them with the public key, each statement as a JSON file, and an Atom feed."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from secretariat.public.feeds import DocketFeed
from secretariat.web import downloads
from workflow import statements
from workflow.models import ChainStatement

LIMIT = 60


def statement_list(request):
    return render(
        request,
        "docket/statements.html",
        {
            "statements": ChainStatement.objects.all()[:LIMIT],
            "public_key": statements.public_key_hex(),
        },
    )


def statement_file(request, date):
    try:
        on = datetime.date.fromisoformat(date)
    except ValueError as error:
        raise Http404 from error
    statement = get_object_or_404(ChainStatement, date=on)
    response = HttpResponse(
        statements.as_file(statement), content_type="application/json; charset=utf-8"
    )
    return downloads.mark_attachment(response, f"chain-statement-{date}.json")


class StatementFeed(DocketFeed):
    """The statements alone; the docket's own feed carries them beside the events."""

    def get_object(self, request, *args, **kwargs):
        # The docket's filters do not apply to the statements (walk 79: ?year=abc refused
        # with the filing year's label, ?year=2020 ignored).
        return None

    def title(self):
        return _("Public docket: signed statements of chain hashes")

    def subtitle(self):
        return None

    def link(self):
        return reverse("docket_statements")

    def items(self):
        return ChainStatement.objects.all()[:LIMIT]
