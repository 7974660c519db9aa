"""The sitemap: the public pages and every public case, in both languages, through the gate."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from submissions import access


class PagesSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return ["home", "docket", "statistics", "open_data"]

    def location(self, item):
        return reverse(item)


class CasesSitemap(Sitemap):
    i18n = True
    alternates = True
    # One file up to the protocol's 50,000 addresses (two per case: English and Spanish).
    limit = 25000

    def items(self):
        return (
            access.public_submissions().only("slug", "last_public_on").order_by("-filed_on", "-id")
        )

    def location(self, item):
        return reverse("docket_case", args=[item.slug])

    def lastmod(self, item):
        return item.last_public_on


SITEMAPS = {"pages": PagesSitemap, "cases": CasesSitemap}
