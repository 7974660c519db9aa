"""The signed daily statements of chain heads (workflow.statements) on the public docket: a
page listing them with the public key, each statement as a JSON file, and an Atom feed."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

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
    response["Content-Disposition"] = f'attachment; filename="chain-statement-{date}.json"'
    return response


class StatementFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Public docket: signed statements of chain hashes")

    def link(self):
        return reverse("docket_statements")

    def items(self):
        return ChainStatement.objects.all()[:LIMIT]

    def item_title(self, item):
        return _("Statement of the chain hashes of %(date)s") % {"date": item.date.isoformat()}

    def item_description(self, item):
        return _("Signature %(signature)s with the public key %(key)s.") % {
            "signature": item.signature,
            "key": item.public_key,
        }

    def item_link(self, item):
        return reverse("docket_statement_file", kwargs={"date": item.date.isoformat()})

    def item_pubdate(self, item):
        return item.created_at
