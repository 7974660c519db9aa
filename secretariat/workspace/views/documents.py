"""Downloading a case's document: after the access check, as an attachment, never sniffed."""

import os

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from submissions import access
from submissions.models import Document, Submission


@login_required
def download(request, pk, document_pk):
    case = access.get_submission_for_staff(request.user, Submission.objects, pk=pk)
    levels = access.visible_levels(request.user, case)
    document = get_object_or_404(
        access.visible_documents(Document.objects.filter(submission=case), levels),
        pk=document_pk,
    )
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    # PROCESS.md: every view of restricted material by a signed-in user is logged.
    access.log_access(request, case, document)
    name = document.original_name or os.path.basename(document.file.name)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=document.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
