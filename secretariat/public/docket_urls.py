"""The public docket, under /<lang>/docket/.

A case's slug always has the identifier's shape (``sem-pe-002-2023``), so the pattern does not
swallow sibling routes such as the notices' feed at ``docket/feed/``."""

from django.urls import path, re_path

from secretariat.public import docket_views, statement_views
from secretariat.public.cache import public_page
from submissions import profiles

SLUG = rf"(?P<slug>{profiles.installed().slug_regex})"

urlpatterns = [
    path("", public_page(docket_views.docket), name="docket"),
    path("export.csv", public_page(docket_views.docket_export_csv), name="docket_export_csv"),
    path("statements/", public_page(statement_views.statement_list), name="docket_statements"),
    path(
        "statements.atom",
        public_page(statement_views.StatementFeed()),
        name="docket_statements_feed",
    ),
    path(
        "statements/<str:date>.json",
        public_page(statement_views.statement_file),
        name="docket_statement_file",
    ),
    re_path(rf"^{SLUG}/$", public_page(docket_views.docket_case), name="docket_case"),
    # The identifier as printed, in capitals (``/docket/SEM-17-001/``): to the case's page.
    re_path(
        rf"^(?P<typed>(?i:{profiles.installed().slug_regex}))/$",
        docket_views.typed_identifier,
    ),
    re_path(
        rf"^{SLUG}/documents/(?P<pk>\d+)/read/$",
        public_page(docket_views.document_read),
        name="document_read",
    ),
    re_path(
        rf"^{SLUG}/documents/(?P<pk>\d+)/$",
        docket_views.document_download,
        name="document_download",
    ),
]
