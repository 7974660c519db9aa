"""Downloading a case's document: after the access check, as an attachment, never sniffed."""

from django.contrib.auth.decorators import login_required

from secretariat.web import downloads
from submissions import access
from submissions.models import Submission


@login_required
def download(request, pk, document_pk):
    case = access.get_submission_for_staff(request.user, Submission.objects, pk=pk)
    document = access.get_document_for_user(request.user, case, document_pk)
    # PROCESS.md: every view of restricted material by a signed-in user is logged (there).
    # The Secretariat sees the name a file was uploaded under; everyone else a made one.
    return downloads.serve_document(request, document, as_uploaded=True)
