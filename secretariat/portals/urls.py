"""Routes of the Parties' portal (/<lang>/party/) and the Council's (/<lang>/council/)."""

from django.urls import include, path

from secretariat.portals import views


def _case_routes(portal: str) -> list:
    return [
        path(
            "cases/<int:pk>/documents/<int:document_pk>/",
            views.case_document,
            {"portal": portal},
            name=f"{portal}_document",
        ),
        path(
            "cases/<int:pk>/receipts/<int:seq>/",
            views.receipt,
            {"portal": portal},
            name=f"{portal}_receipt",
        ),
        path(
            "cases/<int:pk>/receipts/<int:seq>/document/",
            views.receipt_document,
            {"portal": portal},
            name=f"{portal}_receipt_document",
        ),
    ]


party_patterns = [
    path("", views.party_home, name="party_home"),
    path("cases/<int:pk>/", views.party_case, name="party_case"),
    path("cases/<int:pk>/respond/", views.party_respond, name="party_respond"),
    path("cases/<int:pk>/extension/", views.party_extension, name="party_extension"),
    path("cases/<int:pk>/comment/", views.party_comment, name="party_comment"),
    path("cases/<int:pk>/supplement/", views.party_supplement, name="party_supplement"),
    path("cases/<int:pk>/correspondence/", views.party_correspondence, name="party_correspondence"),
    *_case_routes("party"),
]

council_patterns = [
    path("", views.council_home, name="council_home"),
    path("cases/<int:pk>/", views.council_case, name="council_case"),
    path("cases/<int:pk>/instruct/", views.council_instruct, name="council_instruct"),
    path("cases/<int:pk>/publish/", views.council_publish, name="council_publish"),
    path("cases/<int:pk>/decline/", views.council_decline, name="council_decline"),
    path("cases/<int:pk>/recommend/", views.council_recommend, name="council_recommend"),
    *_case_routes("council"),
]

urlpatterns = [
    path("portal/", views.portal, name="portal"),
    path("portal/cases/<int:pk>/", views.portal, name="portal_case"),
    path("party/", include(party_patterns)),
    path("council/", include(council_patterns)),
]
