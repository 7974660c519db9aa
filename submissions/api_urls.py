"""Routes of this part of the site (filled in by its issue)."""

urlpatterns: list = []
