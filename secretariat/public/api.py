"""The read-only open-data API (/api/v1/): plain JSON views with the registry format's names
(REGISTRY-FORMAT.md) and the docket's parameters, and its OpenAPI schema.

The detail is the public export of the case (``workflow.registry.public_case``), so the API and
``export_registry`` can never disagree about what is public.
"""

from functools import wraps

from django.conf import settings
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt

from notices import letterhead
from notices import services as notice_documents
from secretariat.public.cache import KeptCountPaginator
from secretariat.public.docket_views import with_public_people
from submissions import access, profiles, published, withheld
from submissions.models import PARTY_CODES
from submissions.search import PAGE_SIZE, DocketFilterForm, docket_queryset
from submissions.stages import Stage
from workflow.models import Deadline
from workflow.registry import public_case, public_documents_by_event, public_submitter


def _summary(request, submission) -> dict:
    withheld.mask_case(submission, withheld.names_of(submission))  # memberships prefetched
    return {
        "identifier": submission.identifier,
        "slug": submission.slug,
        "url": request.build_absolute_uri(reverse("api_submission", args=[submission.slug])),
        "party": submission.party.code,
        "language": submission.language,
        "title": submission.texts("title"),
        "summary": submission.texts("summary"),
        "laws": [
            {"name": link.law.name, **({"provisions": p} if (p := link.law.provisions) else {})}
            for link in submission.submissionlaw_set.all()
        ],
        "submitters": [public_submitter(m.submitter) for m in submission.memberships.all()],
        "filed_on": submission.filed_on.isoformat(),
        "last_update": submission.last_public_on.isoformat() if submission.last_public_on else None,
        "stage": submission.stage,
        "status": "closed" if submission.stage == Stage.CLOSED else "open",
        "closure_reason": submission.closure_reason or None,
        "chain_hash": submission.chain_head,
    }


def _error(status: int, errors) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status)


@csrf_exempt
def not_found(request):
    """An address under /api/v1/ the API does not serve: a JSON 404 naming its entry point."""
    return _error(
        404,
        {
            "path": [
                gettext("The API serves no such address; start at %(url)s.")
                % {"url": request.build_absolute_uri(reverse("api_index"))}
            ]
        },
    )


def read_only(view):
    """A view of the read-only API: GET and HEAD; any other method a JSON 405 naming them
    (walk 134: a POST met the site's HTML page on a missing CSRF token, a 403). Nothing it
    serves changes anything, so no CSRF token is asked for."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = _error(
                405,
                {
                    "method": [
                        gettext("This API only reads: %(method)s is not served; use GET.")
                        % {"method": request.method}
                    ]
                },
            )
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapped


@read_only
def index(request):
    """The API's entry point (/api/v1/): what it serves, and the docket's other open data (the
    pages, the CSV export, the feeds and the signed statements of the chain heads) in each of
    the profile's languages, as absolute links."""
    absolute = request.build_absolute_uri
    procedure = profiles.installed()
    other_data = {}
    for code in procedure.languages:
        with translation.override(code):
            other_data[code] = {
                "docket": absolute(reverse("docket")),
                "docket_csv": absolute(reverse("docket_export_csv")),
                "docket_feed": absolute(reverse("docket_feed")),
                "case_feed": absolute(reverse("docket")) + "{slug}/feed/",
                "statements": absolute(reverse("docket_statements")),
                "statistics": absolute(reverse("statistics")),
            }
    return JsonResponse(
        {
            "version": "1",
            "format": "sem-registry/1",
            "profile": profiles.installed_slug(),
            "parties": list(PARTY_CODES),
            "languages": list(procedure.languages),
            "submissions": absolute(reverse("api_submissions")),
            "submission": absolute(reverse("api_submissions")) + "{slug}/",
            "openapi": absolute(reverse("api_openapi")),
            "other_data": other_data,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@read_only
def submission_list(request):
    """Public cases with the docket's search, filters, sorting and pages."""
    form, queryset = docket_queryset(request.GET)
    if queryset is None:
        return _error(400, {field: list(errs) for field, errs in form.errors.items()})
    paginator = KeptCountPaginator(
        with_public_people(queryset), PAGE_SIZE, search=repr(sorted(form.active_filters().items()))
    )
    page = paginator.asked(form)
    if page is None:
        return _error(404, {"page": list(form.errors["page"])})
    base = request.build_absolute_uri(reverse("api_submissions"))
    filters = form.active_filters()

    def link(number):
        from urllib.parse import urlencode

        return f"{base}?{urlencode({**filters, 'page': number})}"

    return JsonResponse(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [_summary(request, s) for s in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@read_only
def submission_detail(request, slug):
    """One public case in the registry format: events, documents, deadlines, chain hash."""
    try:
        submission = access.get_submission_for_user(
            None, access.public_submissions().select_related("party"), slug=slug
        )
    except Http404:
        return _error(404, {"slug": [gettext("No public submission has this slug.")]})
    # Each period explained in each of the docket's languages too (walk 112).
    case = public_case(submission, explained_in=profiles.installed().languages)
    _link_documents(request, submission, case["events"])
    case["slug"] = submission.slug
    case["last_update"] = (
        submission.last_public_on.isoformat() if submission.last_public_on else None
    )
    return JsonResponse(case, json_dumps_params={"ensure_ascii": False})


def _link_documents(request, submission, events: list) -> None:
    """Each public document of ``events`` (the public export's) with the absolute address of
    its file on the docket (walk 22: the API named documents but gave no way to them), or
    ``None`` where the docket holds no file (a document known by its title, as a registry
    import may bring: walk 69 met links that answered 404); and a formal document's reading
    page. The export lists, per public event in order, its public documents by position."""
    history = list(submission.events.order_by("seq"))
    timeline = published.public_timeline(history)
    by_event = public_documents_by_event(submission, history, timeline)
    # Under the document's own language where the site speaks it (walk 48: every link was
    # under /en/, a Spanish text's too).
    languages = set(profiles.installed().languages)
    for item, event in zip(events, timeline, strict=True):
        documents = by_event.get(event.pk, ())
        for listed, document in zip(item.get("documents", ()), documents, strict=True):
            language = document.language if document.language in languages else None
            address = {}
            with translation.override(language or settings.LANGUAGE_CODE):
                if document.file:
                    address["url"] = reverse(
                        "document_download", args=[submission.slug, document.pk]
                    )
                if notice_documents.generated_kind(document, submission.filed_on):
                    address["read_url"] = reverse(
                        "document_read", args=[submission.slug, document.pk]
                    )
            listed["url"] = None
            listed.update({key: request.build_absolute_uri(path) for key, path in address.items()})


# --- OpenAPI -------------------------------------------------------------------------------------


def _parameter(name, field) -> dict:
    from django import forms

    schema: dict = {"type": "string"}
    if isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
        for validator in field.validators:
            code = getattr(validator, "code", "")
            if code == "min_value":
                schema["minimum"] = validator.limit_value
            elif code == "max_value":
                schema["maximum"] = validator.limit_value
    elif isinstance(field, forms.ChoiceField):
        schema["enum"] = [str(value) for value, _label in field.choices if value != ""]
    elif isinstance(field, forms.CharField) and field.max_length:
        schema["maxLength"] = field.max_length
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": DocketFilterForm.DESCRIPTIONS[name],
        "schema": schema,
    }


NULLABLE_STRING = {"type": "string", "nullable": True}
TEXTS = {
    "type": "object",
    "properties": {code: {"type": "string"} for code in profiles.installed().languages},
}
LAW = {
    "type": "object",
    "required": ["name"],
    "properties": {"name": {"type": "string"}, "provisions": {"type": "string"}},
}
SUBMITTER = {
    "type": "object",
    "required": ["confidential"],
    "description": 'A withheld identity is written as {"confidential": true} alone.',
    "properties": {
        "name": {"type": "string", "description": "Never present for a withheld identity."},
        "kind": {
            "type": "string",
            "enum": ["individual", "organization"],
            "description": "Never present for a withheld identity.",
        },
        "country": {"type": "string", "description": "Never present for a withheld identity."},
        "confidential": {"type": "boolean"},
    },
}
DEADLINE = {
    "type": "object",
    "required": ["kind", "rule", "start_on", "due_on", "state", "late", "explanation"],
    "properties": {
        "kind": {"type": "string"},
        "party": NULLABLE_STRING,
        "rule": {"type": "string"},
        "start_on": {"type": "string", "format": "date"},
        "due_on": {"type": "string", "format": "date"},
        # Every state a period may be in (walk 84 read four: lapsed and unknown were missing).
        "state": {"type": "string", "enum": list(Deadline.State.values)},
        "met_on": {"type": "string", "format": "date", "nullable": True},
        "late": {"type": "boolean"},
        "original_due_on": {
            "type": "string",
            "format": "date",
            "description": "Present only where the Secretariat explained a missed target and "
            "set a new one: the date it missed (due_on and late are the new target's; the "
            "statistics measure against this one).",
        },
        "explanation": {"type": "string", "description": "In English, as the format writes it."},
        "explanations": {
            "type": "object",
            "description": "The same explanation in each of the docket's languages, by code "
            "(the detail only).",
            "additionalProperties": {"type": "string"},
        },
    },
}
COMMON = {
    "identifier": {"type": "string"},
    "slug": {"type": "string"},
    "party": {"type": "string", "enum": list(PARTY_CODES)},
    "language": {"type": "string", "enum": [code for code, _name in settings.LANGUAGES]},
    "title": TEXTS,
    "summary": TEXTS,
    "laws": {"type": "array", "items": LAW},
    "submitters": {"type": "array", "items": SUBMITTER},
    "last_update": {"type": "string", "format": "date", "nullable": True},
    "stage": {"type": "string", "enum": list(Stage.values)},
    "status": {"type": "string", "enum": ["open", "closed"]},
    "closure_reason": NULLABLE_STRING,
    "chain_hash": {"type": "string"},
}
ERRORS = {
    "type": "object",
    "required": ["errors"],
    "properties": {"errors": {"type": "object"}},
}
URI = {"type": "string", "format": "uri"}
# The public document a version renders: its position among the same event's documents, or
# [event index, position] for an earlier event's (walk 113).
VERSION_LINK = {
    "oneOf": [
        {"type": "integer"},
        {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
    ],
    "description": "The public document it renders: its index among this event's documents, "
    "or [event index, document index] for an earlier event's; absent where that one is not "
    "public.",
}
INDEX = {
    "type": "object",
    "required": ["version", "format", "profile", "submissions", "openapi", "other_data"],
    "properties": {
        "version": {"type": "string"},
        "format": {"type": "string"},
        "profile": {"type": "string"},
        "parties": {"type": "array", "items": {"type": "string"}},
        "languages": {"type": "array", "items": {"type": "string"}},
        "submissions": URI,
        "submission": {"type": "string", "description": "A link with {slug} to fill in."},
        "openapi": URI,
        "other_data": {
            "type": "object",
            "description": "Per language: the docket, its CSV export, feeds, the signed "
            "statements of the chain heads and the statistics.",
            "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    },
}


def openapi_schema(request) -> dict:
    form = DocketFilterForm()
    parameters = [_parameter(name, field) for name, field in form.fields.items()]
    summary = {
        "type": "object",
        "required": list(COMMON) + ["url", "filed_on"],
        "properties": {
            **COMMON,
            "url": {"type": "string", "format": "uri"},
            "filed_on": {"type": "string", "format": "date"},
        },
    }
    detail = {
        "type": "object",
        "required": ["identifier", "party", "events", "deadlines", "chain_hash", "stage"],
        "properties": {
            **COMMON,
            "related": {"type": "array", "items": {"type": "string"}},
            "events": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["on", "kind", "author"],
                    "properties": {
                        "on": {"type": "string", "format": "date"},
                        "kind": {"type": "string"},
                        "author": {"type": "string"},
                        "documents": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["language", "title", "url"],
                                "properties": {
                                    "language": {"type": "string"},
                                    "title": {"type": "string"},
                                    "url": {
                                        **URI,
                                        "nullable": True,
                                        "description": "The file, through the docket's gate; "
                                        "null where the docket holds no file.",
                                    },
                                    "read_url": {
                                        **URI,
                                        "description": "A formal document's text as a page "
                                        "(present only for the Secretariat's formal documents).",
                                    },
                                    "translation_of": VERSION_LINK,
                                    "official_translation": {"type": "boolean"},
                                    "redacted_version_of": VERSION_LINK,
                                },
                            },
                        },
                        "corrects": {
                            "type": "integer",
                            "description": "An erratum: the index, in this list of events, "
                            "of the decision it corrects.",
                        },
                        # Walk 109: keys the public export writes that the schema named nowhere
                        # (docs/registry-extensions.md).
                        "publish_requested": {
                            "type": "boolean",
                            "description": "Sent through a portal for the public: what of it "
                            "the public reads waited for the Secretariat's review.",
                        },
                        "for_public": {
                            "type": "array",
                            "items": {"type": "integer"},
                            "description": "The positions (from 0) of the step's documents "
                            "sent for the public; the others were sent to the Parties only.",
                        },
                        "with_comments": {
                            "type": "array",
                            "items": {"type": "integer"},
                            "description": "On a publication: the indexes, in this list of "
                            "events, of the comments on the draft it published as sent.",
                        },
                    },
                    "additionalProperties": True,
                },
            },
            "deadlines": {"type": "array", "items": DEADLINE},
        },
    }
    listing = {
        "type": "object",
        "required": ["count", "page", "pages", "next", "previous", "results"],
        "properties": {
            "count": {"type": "integer"},
            "page": {"type": "integer"},
            "pages": {"type": "integer"},
            "next": {"type": "string", "nullable": True},
            "previous": {"type": "string", "nullable": True},
            "results": {"type": "array", "items": summary},
        },
    }

    def json_response(description, schema):
        return {"description": description, "content": {"application/json": {"schema": schema}}}

    return {
        "openapi": "3.0.3",
        "info": {
            "title": "SEM Secretariat open data",
            "version": "1",
            # The installation's Secretariat and treaty (the profile's letterhead).
            "description": f"The public docket of the {letterhead.for_language('en')}: "
            f"submissions in {profiles.language_list('en')}, with the names of the "
            f"sem-registry/1 format under the {profiles.installed_slug()} profile "
            f"({PAGE_SIZE} cases per page).",
        },
        "servers": [{"url": request.build_absolute_uri("/").rstrip("/")}],
        "paths": {
            "/api/v1/": {
                "get": {
                    "operationId": "getIndex",
                    "summary": "What the API serves, and links to the docket's other open data",
                    "responses": {
                        "200": json_response("Links to the API's routes and the open data", INDEX),
                    },
                }
            },
            "/api/v1/submissions/": {
                "get": {
                    "operationId": "listSubmissions",
                    "summary": "Public submissions, searched and filtered",
                    "parameters": parameters,
                    "responses": {
                        "200": json_response("A page of submissions", listing),
                        "400": json_response("Invalid parameters", ERRORS),
                        "404": json_response("No such page of the results", ERRORS),
                    },
                }
            },
            "/api/v1/submissions/{slug}/": {
                "get": {
                    "operationId": "getSubmission",
                    "summary": "One public submission with its public history",
                    "parameters": [
                        {
                            "name": "slug",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "pattern": "^[a-z0-9-]+$"},
                            "description": "The identifier in lower case, / replaced by -.",
                        }
                    ],
                    "responses": {
                        "200": json_response("The submission", detail),
                        "404": json_response("No public submission has this slug", ERRORS),
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "getSchema",
                    "summary": "This OpenAPI schema",
                    "responses": {
                        "200": json_response("The schema", {"type": "object"}),
                    },
                }
            },
        },
    }


@read_only
def openapi(request):
    return JsonResponse(openapi_schema(request), json_dumps_params={"ensure_ascii": False})
