"""Accounts of the Parties' focal points and Council members, managed by the Secretariat.

The Secretariat invites a person by email (through the outbox: ``notices.outbox``) with a
one-time link to set a password (Django's password-reset token: it stops working once the
password is set, or after ``PASSWORD_RESET_TIMEOUT``), deactivates the account when the person
leaves, and sees who holds which role and what the Parties and the Council did. Secretariat
accounts themselves are managed in the admin.
"""

import logging

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from notices import outbox
from secretariat.accounts import otp
from secretariat.web.forms import AccessibleForm
from submissions import access
from submissions.history import acting_user
from submissions.models import LANGUAGE_CHOICES, PARTY_CODES, Party, User
from submissions.roles import PARTY_BOUND_ROLES, Role, roles_of
from workflow.activity import portal_activity

log = logging.getLogger(__name__)

INVITABLE_ROLES = [
    (Role.FOCAL_POINT, Role.FOCAL_POINT.label),
    (Role.COUNCIL, Role.COUNCIL.label),
]


# --- Services --------------------------------------------------------------------------------


def invite(
    *,
    email: str,
    first_name: str,
    last_name: str,
    role: Role,
    party: str,
    language: str,
    actor,
) -> User:
    """Create the account of a focal point or Council member, without a usable password, and
    queue the email (sent after commit, in their language) with a link to set one.

    Only the Executive Director invites: an account that speaks for a government or a Council
    member, created by an officer for an address the officer controls, would let one officer
    act on both sides of the process."""
    if not access.is_director(actor):
        raise PermissionDenied
    if Role(role) not in PARTY_BOUND_ROLES or party not in PARTY_CODES:
        raise ValueError("only focal points and Council members of the profile's Parties")
    with transaction.atomic(), acting_user(actor):
        user = User(
            username=email.lower(),
            email=email.lower(),
            first_name=first_name,
            last_name=last_name,
            preferred_language=language,
        )
        user.set_unusable_password()
        user.save()
        access.assign_role(user, Role(role), party)
        outbox.queue_invitation(user)
    log.info("user %s invited %s as %s of %s", actor.pk, user.pk, role, party)
    return user


def is_party_bound(user) -> bool:
    """A focal point's or Council member's account (active or not: an inactive account has
    no roles for access, but keeps its groups)."""
    return user.groups.filter(name__in=[r.value for r in PARTY_BOUND_ROLES]).exists()


def deactivate(user: User, *, actor) -> None:
    """A focal point or Council member has left: they can no longer sign in or see any case.
    The account stays, so that what they recorded keeps its author."""
    if not access.is_secretariat(actor):
        raise PermissionDenied
    if not is_party_bound(user):
        raise PermissionDenied
    with acting_user(actor):
        user.is_active = False
        user.save(update_fields=["is_active"])
    log.info("user %s deactivated %s", actor.pk, user.pk)


def set_email_language(user: User, language: str, *, actor) -> None:
    """A person chooses the language of the emails they receive (the outbox writes each
    notice in its recipient's ``preferred_language``). Only for themselves."""
    if actor.pk != user.pk:
        raise PermissionDenied
    if language not in dict(LANGUAGE_CHOICES):
        raise ValueError(f"not a language of this installation: {language!r}")
    with transaction.atomic(), acting_user(actor):
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


# --- Forms -------------------------------------------------------------------------------------


class EmailLanguageForm(AccessibleForm):
    preferred_language = forms.ChoiceField(
        label=gettext_lazy("Language of the emails you receive"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
    )


class InviteForm(AccessibleForm):
    # The invited person's details, not the Director's: no autofill from the Director's own.
    describes_its_user = False

    email = forms.EmailField(label=gettext_lazy("Email"))
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=INVITABLE_ROLES)
    party = forms.ModelChoiceField(
        label=gettext_lazy("Party"), queryset=Party.objects.all(), to_field_name="code"
    )
    preferred_language = forms.ChoiceField(
        label=gettext_lazy("Language of the invitation and emails"), choices=LANGUAGE_CHOICES
    )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
            raise forms.ValidationError(_("An account with this email already exists."))
        return email


# --- Views -------------------------------------------------------------------------------------


def _require_reader(user) -> None:
    # A Secretariat administrator (superuser) without a role reads it too: they reset second
    # factors from here.
    if not (access.is_staff_reader(user) or (user.is_superuser and user.is_active)):
        raise PermissionDenied


def _require_secretariat(user) -> None:
    if not access.is_secretariat(user):
        raise PermissionDenied


@never_cache
@login_required
@require_GET
def account_list(request):
    """Who holds which role: every account with a role, active or not."""
    _require_reader(request.user)
    accounts = (
        User.objects.filter(groups__name__in=Role.values)
        .distinct()
        .select_related("party")
        .prefetch_related("groups")
        .order_by("party__code", "last_name", "username")
    )
    rows = []
    for account in accounts:
        names = {g.name for g in account.groups.all()}
        rows.append(
            {
                "account": account,
                "roles": [Role(n).label for n in Role.values if n in names],
                "pending": not account.has_usable_password(),
                "party_bound": any(r.value in names for r in PARTY_BOUND_ROLES),
                "may_reset": otp.may_reset_second_factor(request.user, account),
            }
        )
    return render(
        request,
        "accounts/list.html",
        {
            "rows": rows,
            "may_manage": access.is_secretariat(request.user),
            "may_invite": access.is_director(request.user),
            "may_reset": any(row["may_reset"] for row in rows),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_invite(request):
    if not access.is_director(request.user):
        raise PermissionDenied
    # The invitation's language is the page's until chosen (walk 116: English preset on the
    # Spanish page, for a Peruvian focal point).
    language = (translation.get_language() or "en")[:2]
    form = InviteForm(request.POST or None, initial={"preferred_language": language})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = invite(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            role=Role(data["role"]),
            party=data["party"].code,
            language=data["preferred_language"],
            actor=request.user,
        )
        messages.success(
            request,
            _("%(email)s was invited; the link to set a password was sent by email.")
            % {"email": user.email},
        )
        return redirect("account_list")
    return render(request, "accounts/invite.html", {"form": form})


def _managed_account(request, pk) -> User:
    _require_secretariat(request.user)
    account = get_object_or_404(User, pk=pk)
    if not is_party_bound(account):
        raise PermissionDenied
    return account


@never_cache
@login_required
@require_POST
def account_deactivate(request, pk):
    account = _managed_account(request, pk)
    deactivate(account, actor=request.user)
    messages.success(
        request, _("%(name)s can no longer sign in.") % {"name": account.get_username()}
    )
    return redirect("account_list")


@never_cache
@login_required
@require_POST
def account_resend(request, pk):
    """The invitation again, or, for an account in use, a link to set a new password (walk
    116: a focal point who forgot theirs had no way back in, though the lock-out page told
    them to ask the Secretariat for one). Its second factor stays as it is. A Secretariat
    account too, for the Executive Director or an administrator, on the rule of the second
    factor's reset (``otp.may_reset_second_factor``: never their own, never one of more
    privilege; it was reset in the Django admin alone)."""
    _require_secretariat(request.user)
    account = get_object_or_404(User, pk=pk)
    if not (is_party_bound(account) or otp.may_reset_second_factor(request.user, account)):
        raise PermissionDenied
    if not account.is_active:
        messages.error(request, _("A deactivated account is sent no link."))
    elif account.has_usable_password():
        outbox.queue_invitation(account, renewal=True)
        messages.success(
            request,
            _("A link to set a new password was sent to %(email)s.") % {"email": account.email},
        )
    else:
        outbox.queue_invitation(account)
        messages.success(
            request, _("The invitation was sent again to %(email)s.") % {"email": account.email}
        )
    return redirect("account_list")


def second_factor_resets(limit: int = 200) -> list:
    """Every reset of a second factor, latest first: the account's history rows that
    ``otp.reset_second_factor`` writes, with who reset it and when."""
    return list(
        User.history.filter(history_change_reason=otp.RESET_REASON)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )


@never_cache
@login_required
@require_GET
def activity(request):
    """What each Party and Council member did, and when, across all cases; and who reset
    whose second factor."""
    _require_reader(request.user)
    return render(
        request,
        "accounts/activity.html",
        {"activity": portal_activity(), "resets": second_factor_resets()},
    )


class NewPasswordForm(SetPasswordForm, AccessibleForm):
    """Django's password form, rendered and described like every form of the site. What is
    wrong with the password is said under the password, where its rules are (Django says it
    under the confirmation; walk 116); a confirmation that differs, under the confirmation."""

    def clean(self):
        self.validate_passwords("new_password1", "new_password2")
        if "new_password2" not in self.errors:
            self.validate_password_for_user(self.user, "new_password1")
        return super(SetPasswordForm, self).clean()


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The one-time link of an invitation. A deactivated account's link does not work."""

    form_class = NewPasswordForm
    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("account_password_set")
    post_reset_login = False

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None


set_password = SetPasswordView.as_view()


@require_GET
def password_set(request):
    return render(request, "accounts/password_set.html")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_account(request):
    """A signed-in person's own page: who they are here, and the language of their emails
    (the pages follow the language switcher; the emails cannot)."""
    form = EmailLanguageForm(
        request.POST or None, initial={"preferred_language": request.user.preferred_language}
    )
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["preferred_language"]
        set_email_language(request.user, language, actor=request.user)
        messages.success(
            request,
            _("Saved. The language of your emails: %(language)s.")
            % {"language": dict(LANGUAGE_CHOICES)[language]},
        )
        return redirect("my_account")
    return render(
        request,
        "accounts/me.html",
        {
            "form": form,
            "roles": [role.label for role in sorted(roles_of(request.user))],
            "party": access.party_of(request.user),
        },
    )
