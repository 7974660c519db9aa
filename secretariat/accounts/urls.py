"""The Secretariat's management of Party and Council accounts (/<lang>/secretariat/accounts/),
and the invitation link the invited person opens."""

from django.urls import path

from secretariat.accounts import views as accounts

urlpatterns = [
    path("", accounts.account_list, name="account_list"),
    path("invite/", accounts.account_invite, name="account_invite"),
    path("<int:pk>/deactivate/", accounts.account_deactivate, name="account_deactivate"),
    path("<int:pk>/resend/", accounts.account_resend, name="account_resend"),
    path("activity/", accounts.activity, name="account_activity"),
    path("welcome/<uidb64>/<token>/", accounts.set_password, name="account_set_password"),
    path("welcome/done/", accounts.password_set, name="account_password_set"),
]
