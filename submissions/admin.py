"""The Django admin for accounts, Parties, laws and cases: for looking and reading history —
never for moving a case or rewriting what a case holds.

Whatever a service owns is read-only here: the stage, closure, identifier, the chain,
assignments, withheld identities and document visibility (``workflow.services`` writes them in
the same transaction as the event that explains them), the public titles and summaries and the
related submissions (``set_public_texts``, ``link_related``: each leaves an event), and what a
submitter filed — names, e-mail addresses (where the lost-link message goes), identity
documents. An edit here would leave no event behind (issue 15), so cases and submitters are
shown, never changed; the workspace's forms change what may change, through the services.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from submissions import profiles
from submissions.models import (
    Document,
    EnvironmentalLaw,
    Party,
    Submission,
    SubmissionLaw,
    SubmissionSubmitter,
    Submitter,
    User,
)


class HistoryAdmin(SimpleHistoryAdmin):
    """History to read, never to revert.

    simple_history's "revert" view saves a past version on POST after checking only that the
    user may *view* history — not ``has_change_permission`` — and a past version of a case
    carries its past stage. So reverting is switched off for every model, not just hidden.
    """

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnlyAdmin(HistoryAdmin):
    """Rows written only by the workflow services: shown, never added, changed or deleted."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(HistoryAdmin, BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Secretariat"), {"fields": ("preferred_language", "party")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Secretariat"), {"fields": ("email", "preferred_language", "party")}),
    )
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "party",
        "is_staff",
        "is_active",
    )
    list_filter = ("is_staff", "is_superuser", "is_active", "party", "groups")
    list_select_related = ("party",)


@admin.register(Party)
class PartyAdmin(HistoryAdmin):
    list_display = ("code", "name_en", "name_es")

    def get_readonly_fields(self, request, obj=None):
        # The code is part of every identifier and of the access groups' names.
        return ("code",) if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EnvironmentalLaw)
class EnvironmentalLawAdmin(HistoryAdmin):
    list_display = ("name", "provisions", "party")
    list_filter = ("party",)
    search_fields = ("name", "provisions")
    list_select_related = ("party",)


class SubmissionLawInline(admin.TabularInline):
    model = SubmissionLaw
    fields = ("position", "law")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SubmissionSubmitterInline(admin.TabularInline):
    model = SubmissionSubmitter
    verbose_name = _("submitter")
    verbose_name_plural = _("submitters")
    fields = ("position", "submitter", "joined_on", "token_revoked_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    """A case is filed through workflow.services.file_submission (its first event, receipt
    number and deadlines); its titles, summaries and related submissions change through the
    workspace's forms (services that record an event); the rest is the workflow's or the
    submitter's; and its events are the legal record, which deleting the case would delete."""

    list_display = ("reference", "receipt_number", "party", "stage", "filed_on", "last_event_on")
    list_filter = ("stage", "party")
    search_fields = (
        "identifier",
        "receipt_number",
        *(f"title_{code}" for code in profiles.installed().languages),
    )
    list_select_related = ("party",)
    date_hierarchy = "filed_on"
    inlines = (SubmissionLawInline, SubmissionSubmitterInline)
    filter_horizontal = ("related",)
    # Written by the workflow services, each with its event (see the module docstring). The
    # filing's own facts are read-only too: they are what the submitter filed, and the date
    # starts every clock of the case.
    readonly_fields = (
        "stage",
        "closure_reason",
        "registered_on",
        "identifier",
        "slug",
        "chain_head",
        "event_count",
        "last_event_on",
        "last_public_on",
        "receipt_number",
        "assigned_officer",
        "party",
        "language",
        "filed_on",
        *Submission.ANSWERS,
        "created_at",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "identifier",
                    "receipt_number",
                    "slug",
                    "party",
                    "language",
                    "filed_on",
                    "registered_on",
                    "stage",
                    "closure_reason",
                    "assigned_officer",
                )
            },
        ),
        (
            _("Title and summary"),
            {
                "fields": tuple(
                    f"{field}_{code}"
                    for field in ("title", "summary")
                    for code in profiles.installed().languages
                )
            },
        ),
        (
            _("As filed"),
            {"fields": Submission.ANSWERS},
        ),
        (_("Related submissions"), {"fields": ("related",)}),
        (
            _("Record"),
            {
                "fields": (
                    "chain_head",
                    "event_count",
                    "last_event_on",
                    "last_public_on",
                    "created_at",
                )
            },
        ),
    )

    @admin.display(description=_("reference"), ordering="identifier")
    def reference(self, obj):
        return obj.reference


@admin.register(Submitter)
class SubmitterAdmin(ReadOnlyAdmin):
    """What the submitter filed (name, e-mail address where their private links are sent,
    identity document) never changes without an event; submitters arrive with a filing or an
    adhesion (submitters_joined)."""

    list_display = ("name", "kind", "nationality", "residence", "confidential")
    list_filter = ("kind", "confidential", "nationality")
    search_fields = ("name", "email")
    # Withholding an identity is an event (identity_withheld); lifting it silently would
    # expose a name the submitter asked to hide.
    readonly_fields = ("confidential",)


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    """Read-only: a document's language, title, kind, first visibility and file hash are part
    of its event's hash (workflow.chain), and later visibility changes are events."""

    list_display = ("__str__", "submission", "kind", "language", "author", "date", "visibility")
    list_filter = ("kind", "visibility", "language", "author")
    search_fields = ("code", "title", "submission__identifier", "submission__receipt_number")
    list_select_related = ("submission",)
    readonly_fields = ("sha256", "size", "content_type", "file", "initial_visibility")
