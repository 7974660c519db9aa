"""The site's admin: what the installed apps register, less what must go through a service.

django-otp registers its devices in the admin, where a superuser could delete anyone's second
factor with no notice to the owner and no one-time code for re-enrolment. A second factor is
reset only through secretariat.accounts.otp (the Executive Director or an administrator, the
owner told at once, the reset on the activity page)."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
