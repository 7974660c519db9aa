"""The labels of the Article 18.8.2 criteria and the Article 18.8.4 factors, as the
determination forms ask them (and documents word them)."""

from django.utils.translation import gettext_lazy as _

# Article 18.8.2: the criteria a submission must meet.
CRITERIA = {
    "a": _("(a) is in writing in English or Spanish"),
    "b": _("(b) clearly identifies the person making the submission"),
    "c": _(
        "(c) provides sufficient information to allow the Secretariat to review it, including "
        "any documentary evidence on which it may be based and identification of the "
        "environmental laws of which the failure to enforce is asserted"
    ),
    "d": _("(d) appears to be aimed at promoting enforcement rather than at harassing industry"),
    "e": _(
        "(e) indicates that the matter has been communicated in writing to the relevant "
        "authorities of the Party and indicates the Party's response, if any"
    ),
    "f": _("(f) is filed by a person of a Party (Article 18.8.3)"),
}

# Article 18.8.4: what guides the decision whether to request a response.
FACTORS = {
    "a": _("(a) the submission is not frivolous and alleges that a person is harmed"),
    "b": _(
        "(b) the submission, alone or in combination with other submissions, raises matters "
        "whose further study would advance the goals of Chapter Eighteen and the Environmental "
        "Cooperation Agreement"
    ),
    "c": _("(c) private remedies available under the Party's law have been pursued"),
    "d": _("(d) the submission is drawn exclusively from mass media reports"),
}
