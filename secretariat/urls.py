from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from secretariat import views as site_views
from secretariat.accounts import otp_views, signin
from secretariat.accounts import views as account_views
from secretariat.public.cache import public_page
from secretariat.public.sitemaps import SITEMAPS

# Language-neutral routes: the language switch and the open-data API (its names are the
# registry format's, not a language's).
urlpatterns = [
    path("i18n/setlang/", site_views.set_language, name="set_language"),
    path("api/v1/", include("secretariat.public.api_urls")),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("health/", site_views.health, name="health"),
]
handler500 = site_views.server_error

# No media route: uploaded files are only ever sent by views that apply the access gate.

# Every page a person reads lives under /en/ or /es/.
urlpatterns += i18n_patterns(
    path("", include("secretariat.public.urls")),
    path("privacy/", site_views.privacy, name="privacy"),
    path("", include("secretariat.public.filing_urls")),
    # Before the docket: its feeds (docket/feed/) must win over a docket/<slug>/ route.
    path("", include("secretariat.public.feed_urls")),
    path("docket/", include("secretariat.public.docket_urls")),
    path("", include("secretariat.portals.urls")),
    path("secretariat/accounts/<int:pk>/reset-2fa/", otp_views.reset, name="otp_reset"),
    path("secretariat/accounts/", include("secretariat.accounts.urls")),
    path("secretariat/", include("secretariat.workspace.urls")),
    path("accounts/login/", signin.sign_in, name="login"),
    path("accounts/me/", account_views.my_account, name="my_account"),
    path("accounts/session/", signin.keep_session, name="keep_session"),
    path("accounts/logout/", signin.sign_out, name="logout"),
    path("accounts/otp/", otp_views.verify, name="otp_verify"),
    path("admin/", admin.site.urls),
)
