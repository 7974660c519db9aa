"""The Executive Director's return of a proposal (templates/workspace/_return.html): one form
per proposal, on the approvals list and on the case page (pending, or lapsed in the timeline).

Load with ``{% load return_forms %}``. ``{% return_form_for proposal as form %}`` gives the
form posted and sent back with its errors (the view's ``return_form``, for ``return_for``:
the case's pk and the proposal's number), else an empty one. Each form's ids end with the
proposal's own pk, so that several on one page stay unique (walk 83).
"""

from django import template

from secretariat.workspace.forms import ReturnForm

register = template.Library()


@register.simple_tag(takes_context=True)
def return_form_for(context, proposal):
    sent_back = context.get("return_form")
    if sent_back is not None and context.get("return_for") == (
        proposal.submission_id,
        proposal.seq,
    ):
        return sent_back
    return ReturnForm(auto_id=f"return-%s-{proposal.pk}")
