"""The Secretariat's workspace, under /<lang>/secretariat/. Every name starts with ``ws_``."""

from django.urls import path

from secretariat.workspace import views

urlpatterns = [
    path("", views.queue, name="ws_queue"),
    path("file/", views.file_case, name="ws_file"),
    path("approvals/", views.approvals, name="ws_approvals"),
    path("case/<int:pk>/", views.case, name="ws_case"),
    path("case/<int:pk>/act/<slug:kind>/", views.action, name="ws_action"),
    path("case/<int:pk>/proposals/<int:seq>/approve/", views.approve, name="ws_approve"),
    path("case/<int:pk>/proposals/<int:seq>/return/", views.return_proposal, name="ws_return"),
    path("case/<int:pk>/related/", views.link_related, name="ws_link_related"),
    path("case/<int:pk>/texts/", views.public_texts, name="ws_texts"),
    path("case/<int:pk>/document-version/", views.document_version, name="ws_document_version"),
    path("case/<int:pk>/audit/", views.audit, name="ws_audit"),
    path("case/<int:pk>/audit/history.json", views.audit_export, name="ws_audit_export"),
    path("case/<int:pk>/audit/access-log.csv", views.audit_access_log, name="ws_audit_access_log"),
    path(
        "case/<int:pk>/audit/row-history.csv", views.audit_row_history, name="ws_audit_row_history"
    ),
    path(
        "case/<int:pk>/submitters/<int:membership_pk>/tracking-link/",
        views.tracking_link,
        name="ws_tracking_link",
    ),
    path(
        "case/<int:pk>/documents/<int:document_pk>/",
        views.download,
        name="ws_download",
    ),
]
