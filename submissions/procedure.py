"""The shape of a procedure profile (submissions.profiles): a treaty's Parties, languages,
identifiers, periods, texts and Council rule as data, and the steps a profile may add to the
registry format's table. Each value's source is in docs/profiles.md."""

import datetime
import math
import re
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class Party:
    """A Party to the treaty.

    ``label``: the name on its own (a choice, a chart's bar); ``in_sentence``: as a sentence
    names it, with its article where English has one ("the United States"); ``government``:
    the addressee of a request, without the article a Spanish sentence contracts ("al Gobierno
    del Perú"); ``council``: its member of the Council, as an author; ``names``: the fixed
    name in each working language, for the reference rows.

    A sentence never puts a preposition before a name it received as a placeholder ("a el
    Perú"): it takes a whole phrase, translated as one piece (notices.phrases). ``phrases``
    holds them in the interface's language (lazy, through the catalogue); ``document_phrases``
    holds the formal documents' fixed wording per language (notices.wording). Their keys:
    ``concerning`` (a submission concerning the Party), ``from`` (a response), ``for`` (an
    account), ``by_government``, ``by_council``, ``on_behalf_government``,
    ``on_behalf_council``; and per language ``name``, ``concerning``, ``addressee``.
    """

    code: str
    label: object
    in_sentence: object
    government: object
    council: object
    names: dict
    phrases: dict
    document_phrases: dict
    # What people write for a nationality, in any working language (the filing form takes
    # them for the country): lower case, accents as written.
    demonyms: tuple[str, ...] = ()
    # What people write for its name in short, in any working language, as the docket's search
    # reads them: lower case, without dots or spaces ("EE. UU." is "eeuu").
    short_names: tuple[str, ...] = ()

    @property
    def authors(self) -> tuple[str, str]:
        """The event authors that speak for this Party: its government and its Council
        member (submissions.stages.Author)."""
        return (f"party:{self.code}", f"council:{self.code}")


@dataclass(frozen=True)
class Period:
    """A deadline's default length, its unit, and its basis: the article that fixes it, or
    ``"setting"`` where the text fixes none and the Secretariat may change it
    (``DeadlineLength``)."""

    length: int
    working_days: bool
    basis: str


@dataclass(frozen=True)
class CouncilRule:
    """When the Council's members' instructions are the Council's: ``share`` of its members
    (one per Party) must have instructed; ``0`` means any one member suffices (US-Peru TPA
    Art. 18.9.2 and 18.9.7; CAFTA-DR Art. 17.8.2, "by a vote of any Party"); NAAEC
    Art. 15(2) and 15(7) ask for "a two-thirds vote" (two of the three)."""

    share: Fraction = Fraction(0)
    basis: str = ""

    def needed(self, members: int) -> int:
        """How many members' instructions make the Council's."""
        return max(1, math.ceil(self.share * members))


ANY_ONE_MEMBER = CouncilRule()
TWO_THIRDS = CouncilRule(Fraction(2, 3))


@dataclass(frozen=True)
class Era:
    """An earlier text of the same process: a case filed on or before ``until`` is determined
    against its criteria and factors (the CEC's cases filed before 1 July 2020 under NAAEC
    Art. 14, with six criteria, later ones under USMCA Art. 24.27, with five)."""

    name: str
    until: datetime.date
    criteria: dict
    factors: dict
    # The treaty periods that differ under it, by deadline kind, and the Party's longer
    # response after exceptional circumstances (NAAEC 14(3): 30 days, 60).
    periods: dict = field(default_factory=dict)
    extended_party_response: "Period | None" = None
    # The names of its steps that cite its own articles, by event kind ("combined": a
    # determination of both the criteria and the request), replacing the profile's.
    labels: dict = field(default_factory=dict)


@dataclass(frozen=True)
class IdentifierScheme:
    """How a case's permanent identifier is written (``SEM/PE/002/2023``) and read back, and
    which sequence its number is counted in (``IdentifierCounter``).

    ``template`` may use ``{prefix}``, ``{party}``, ``{number}``, ``{year}`` and ``{year2}``
    (the year's last two digits: the CEC's ``SEM-97-001``).
    """

    template: str = "{prefix}/{party}/{number:03d}/{year}"
    # The same shape as a regular expression, with ``{prefix}`` and ``{party}`` for the parts
    # the installation and the profile's Parties fill in (the validator's, and the case page's
    # URL in lower case with "-" for "/": ``sem-pe-002-2023``).
    shape: str = r"{prefix}/{party}/\d{{3,}}/\d{{4}}"
    # The parts of an identifier as named groups, to read one back (``parse``).
    parts: str = r"(?P<prefix>.+)/(?P<party>[A-Z]{2})/(?P<number>\d+)/(?P<year>\d{4})"
    # Whether each Party has its own sequence (``SEM/PE/001/2023`` and ``SEM/US/001/2023``)
    # or one sequence runs across the Parties in a year (the CEC's ``SEM-23-001``).
    per_party: bool = True
    # A two-digit year at or above this is of the 1900s (the CEC's first cases are of 1995).
    century_pivot: int = 90
    # The part before the last "/" of the document codes the body's own registry gives, where
    # it is not the identifier (ours: ``SEM/PE/002/2023/D1``), as a regular expression with
    # the case's ``{prefix}``, ``{year2}`` (two digits) and ``{number}`` (three): the
    # importer takes a real history's codes as they were issued (``owns_code``).
    code_reference: str = ""

    def owns_code(self, code: str, identifier: str) -> bool:
        """Whether ``code`` is written the body's own way (``code_reference``) for the case
        ``identifier``."""
        if not self.code_reference or not isinstance(code, str):
            return False
        try:
            prefix, _party, number, year = self.parse(identifier)
        except ValueError:
            return False
        reference = self.code_reference.format(
            prefix=re.escape(prefix), year2=f"{year % 100:02d}", number=f"{number:03d}"
        )
        return re.fullmatch(reference + r"/[^/]+", code) is not None

    def format(self, prefix: str, party: str, number: int, year: int) -> str:
        return self.template.format(
            prefix=prefix, party=party, number=number, year=year, year2=year % 100
        )

    def regex(self, party_codes) -> str:
        """An identifier of any prefix and of one of ``party_codes``, as a regular expression."""
        return self.shape.format(
            prefix=r"[A-Z0-9]+(?:-[A-Z0-9]+)*", party="(" + "|".join(party_codes) + ")"
        )

    def slug_regex(self, party_codes) -> str:
        """A case's slug (``Submission.slug_for``: the identifier in lower case, "-" for "/")."""
        return self.shape.replace("/", "-").format(
            prefix=r"[a-z0-9]+(?:-[a-z0-9]+)*",
            party="(?:" + "|".join(code.lower() for code in party_codes) + ")",
        )

    def parse(self, identifier: str) -> tuple[str, str, int, int]:
        """(prefix, Party, number, year) of an identifier the validator accepted; the Party is
        ``""`` where the identifier names none."""
        found = re.fullmatch(self.parts, identifier)
        if found is None:
            raise ValueError(identifier)
        parts = found.groupdict()
        if "year" in parts:
            year = int(parts["year"])
        else:
            year2 = int(parts["year2"])
            year = (1900 if year2 >= self.century_pivot else 2000) + year2
        return parts["prefix"], parts.get("party", ""), int(parts["number"]), year

    def sequence(self, prefix: str, party: str, year: int) -> tuple[str, str, int]:
        """The (prefix, Party, year) key of the counter an identifier's number is taken from:
        the Party is ``""`` where one sequence runs across the Parties."""
        return prefix, party if self.per_party else "", year


@dataclass(frozen=True)
class Procedure:
    """One profile. Each value's source is in docs/profiles.md, beside the same name."""

    slug: str
    parties: tuple[Party, ...]
    languages: tuple[str, ...]
    # The seat: its time zone (every treaty date is a date there) and its public holidays (the
    # ``holidays`` package's country and subdivision).
    time_zone: str
    holidays: tuple[str, str | None]
    # Each deadline of REGISTRY-FORMAT.md's table by its kind, and the Party's longer response
    # period after it notifies exceptional circumstances.
    periods: dict
    extended_party_response: Period
    # The admissibility criteria and the factors guiding a request for a response, by letter,
    # in the treaty's words (the catalogue holds its other authentic language).
    criteria: dict = field(default_factory=dict)
    factors: dict = field(default_factory=dict)
    identifier: IdentifierScheme = IdentifierScheme()
    # The language tag a document written in each language carries (its region: the seat's or
    # the Parties'), for screen readers and spelling.
    language_tags: dict = field(default_factory=dict)
    # The Secretariat's name and its treaty's, by language: the letterhead of its emails and
    # documents, unless the installation sets ``SEM_LETTERHEAD`` (_ES, _FR).
    letterheads: dict = field(default_factory=dict)
    # A law's number or short name the docket's law filter gives as an example (one that its
    # cases cite: Peru's Law No. 29763; Mexico's LGEEPA; Honduras's Decree 104-93).
    law_example: str = "29763"
    # The prefix of new identifiers unless the installation sets ``SEM_IDENTIFIER_PREFIX``.
    identifier_prefix: str = "SEM"
    # The seat's address and country as the footer gives them, unless the installation sets
    # ``SEM_CONTACT_ADDRESS`` and ``SEM_CONTACT_COUNTRY``.
    seat_address: str = "Washington, DC"
    seat_country: str = "US"
    # The Council's rule for instructing a factual record and for instructing its
    # publication.
    preparation_rule: CouncilRule = ANY_ONE_MEMBER
    publication_rule: CouncilRule = ANY_ONE_MEMBER
    # Whether a revised submission that comes after the revision period is refused (CAFTA-DR:
    # "Suspension of the submission consideration … It was presented extemporaneously", El
    # Salvador 2011 [registry]) rather than accepted and marked late (the TPA, PROCESS.md).
    late_revision_refused: bool = False
    # Whether the Secretariat may publish the final factual record with the comments that
    # named Parties gave on its draft attached (the ``published`` event's ``attach_comments``):
    # the CEC Council's Resolution 05-09 (SEM-00-006) instructs it "TO ATTACH to the final
    # factual record comments provided by the Parties", Resolution 07-03 (SEM-02-003) those of
    # Canada and the United States [guidelines]. Elsewhere the comments stay with the Parties
    # unless a Party sent them for the public.
    comments_attached_on_publication: bool = False
    # The first day a submission could be filed under the profile's treaty: a live filing dated
    # earlier is a slip of the keyboard (walk 128: "1999-01-01" was accepted, "10194 days
    # late"). The TPA's entry into force, 1 February 2009 (recalled, not verified: see
    # docs/profiles.md).
    applies_from: datetime.date = datetime.date(2009, 2, 1)
    # Earlier texts of the process, each for the cases filed up to its date (``texts_for``).
    earlier_eras: tuple[Era, ...] = ()
    # The profile's own transitions: event kind -> the stages it adds to the table's (the
    # registry format's) for that kind. Empty for the TPA.
    transitions: dict = field(default_factory=dict)
    # Party codes whose own persons may not file about them (US-Peru TPA Art. 18.8.3: a
    # person of the United States files about the United States under the CEC process).
    not_about_own_party: tuple[str, ...] = ()
    # Whether an individual who gives a country of residence is a person of that Party only,
    # whatever their nationality (NAAEC 14(1)(f): "residing or established in the territory
    # of a Party"; the CEC's filing page: "established or residing"), rather than of the
    # Parties of their nationality and of their residence (TPA Art. 1.3: a national, including
    # a permanent resident). An organization is of the country where it is established.
    standing_by_residence: bool = False
    # What the filing form tells a person before filing (the Secretariat decides), in the
    # profile's articles: ``not_a_person_of_a_party`` (criterion (f)); ``own_party`` and
    # ``own_party_and_another`` (a person of a Party in ``not_about_own_party`` filing about it,
    # alone or also a person of another Party). Each takes ``%(name)s``.
    eligibility_warnings: dict = field(default_factory=dict)
    # The values not yet read in the treaty text or the body's published guidelines, by name,
    # each with what is missing (docs/profiles.md, "Not verified"). While one is left, the
    # profile runs only where the installation says so (``SEM_ALLOW_UNVERIFIED_PROFILE``),
    # for development and for importing histories, and says so on every page.
    unverified: dict = field(default_factory=dict)

    def era_for(self, filed_on: datetime.date | None) -> Era | None:
        """The earlier text a case filed on ``filed_on`` falls under, or ``None``."""
        for era in sorted(self.earlier_eras, key=lambda era: era.until):
            if filed_on is not None and filed_on <= era.until:
                return era
        return None

    def texts_for(self, filed_on: datetime.date | None) -> tuple[dict, dict]:
        """(criteria, factors) a case filed on ``filed_on`` is determined against."""
        era = self.era_for(filed_on)
        return (era.criteria, era.factors) if era else (self.criteria, self.factors)

    def periods_for(self, filed_on: datetime.date | None) -> dict:
        """The treaty periods of an earlier text that replace the profile's for a case filed
        on ``filed_on`` (none for a case under the current text)."""
        era = self.era_for(filed_on)
        return era.periods if era else {}

    def extension_for(self, filed_on: datetime.date | None) -> int:
        """The Party's response period after it notifies exceptional circumstances."""
        era = self.era_for(filed_on)
        longer = (era and era.extended_party_response) or self.extended_party_response
        return longer.length

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(party.code for party in self.parties)

    def party(self, code: str) -> Party:
        for party in self.parties:
            if party.code == code:
                return party
        raise KeyError(code)

    def party_choices(self) -> list[tuple[str, object]]:
        """(code, label) of each Party, in the profile's order."""
        return [(party.code, party.label) for party in self.parties]

    @property
    def portal_authors(self) -> tuple[str, ...]:
        """Every author that speaks for a government or a Council member."""
        return tuple(
            author for kind in (0, 1) for author in (p.authors[kind] for p in self.parties)
        )

    @property
    def identifier_regex(self) -> str:
        """This installation's identifiers (``SEM/PE/002/2023``) as a regular expression."""
        return self.identifier.regex(self.codes)

    @property
    def slug_regex(self) -> str:
        """Its cases' slugs (``sem-pe-002-2023``) as a regular expression."""
        return self.identifier.slug_regex(self.codes)


# The combined determination: the admissibility criteria and the request for a response in
# one determination, from admissibility review straight to awaiting the response (or to a
# closure). The CEC's practice: "If the Secretariat finds that your submission meets the
# admissibility criteria of Article 24.27(2), we will directly proceed to consider whether your
# submission merits a response" ("What happens next?" page) [practice]; CAFTA-DR's Secretariat
# did so once, after a revision (Sea Turtles - DR, 5 December 2007) [registry].
COMBINED_DETERMINATION = {"response_decided": frozenset({"admissibility_review"})}

# Council votes against a factual record: a member's recorded vote against preparing it,
# which closes the case once the votes against leave too few members to reach the Council's
# rule (NAAEC Art. 15(2) asks for "a two-thirds vote": two of the three members against
# decide it) [treaty]. How the CEC records a declining resolution was not read (Res. 14-04 is
# the candidate): the event is [ours].
COUNCIL_VOTES = {"council_declined": frozenset({"awaiting_council"})}

# Errata: the Secretariat's correction of one of its published decisions, linked to it, the
# original kept. CAFTA-DR's registry shows them (Sea Turtle -DET- II - CR: "Errata
# Determination 17.7.4" five days after the determination; another after 17.8.1) [registry].
ERRATA = {
    "erratum": frozenset(
        {
            "admissibility_review",
            "awaiting_revision",
            "response_decision",
            "awaiting_response",
            "factual_record_decision",
            "awaiting_council",
            "factual_record_preparation",
            "draft_comment_period",
            "final_factual_record",
            "closed",
        }
    )
}

# Consolidation: the Secretariat's decision to consider a submission together with an earlier
# open one about the same Party. "On September 22, 2006, the Secretariat received submission
# SEM-06-004 (Ex Hacienda El Hospital III), presenting the same facts, containing the same
# assertions, and citing the same environmental laws of SEM-06-003 (Ex Hacienda El Hospital
# II). Thus, pursuant to Section 10.3 of the Guidelines, the Secretariat determined to
# consolidate both submissions" (CEC registry page of SEM-06-003) [registry]. Recorded on the
# later case, naming the earlier (``with``: its identifier), before the Council is notified;
# both are then linked as related cases. Each keeps its own record of the later steps, as both
# registry pages do.
CONSOLIDATION = {
    "consolidated": frozenset(
        {
            "admissibility_review",
            "response_decision",
            "awaiting_response",
            "factual_record_decision",
        }
    )
}

# Supplemental information from the Party concerned, after its response: "supplemental
# information" the United States sent on 30 September 2005 on SEM-04-005, five months after
# its response of 25 April 2005, with updates on proceedings and a request that the
# submission be dismissed (CEC news of 12 October 2005) [registry]. The Party sends it (its
# portal) or the Secretariat records it on its behalf; it moves no stage and no deadline.
SUPPLEMENTAL_INFORMATION = {
    "party_information_added": frozenset(
        {
            "factual_record_decision",
            "awaiting_council",
            "factual_record_preparation",
            "draft_comment_period",
            "final_factual_record",
        }
    )
}

# The planned profiles' values, as they are verified (docs/profiles.md, with the sources).
# The CEC numbers its cases per year across the three Parties: SEM-97-001, SEM-20-001
# [registry: the CEC's registry of submissions].
CEC_IDENTIFIER = IdentifierScheme(
    template="{prefix}-{year2:02d}-{number:03d}",
    shape=r"{prefix}-\d{{2}}-\d{{3}}",
    parts=r"(?P<prefix>.+)-(?P<year2>\d{2})-(?P<number>\d{3})",
    per_party=False,
    # The article, the prefix, the case's year and number, a running document number, then
    # the document's type: ``A24.28/SEM/20-001/25/ADV``, the notification of SEM-20-001
    # (27 July 2021) [registry]; NAAEC-era codes are taken to begin ``A14/`` or ``A15/``
    # the same way [not verified], as are the other type codes.
    code_reference=r"A\d+(?:\.\d+)?/{prefix}/{year2}-{number}/\d+",
)
# The CAFTA-DR Secretariat: CAALA/25/002 (Finca El Zapote, filed 25 August 2025)
# [registry: saa-sem.org]; one sequence across the Parties is inferred, not stated.
CAFTA_DR_IDENTIFIER = IdentifierScheme(
    template="{prefix}/{year2:02d}/{number:03d}",
    shape=r"{prefix}/\d{{2}}/\d{{3}}",
    parts=r"(?P<prefix>.+)/(?P<year2>\d{2})/(?P<number>\d{3})",
    per_party=False,
    century_pivot=100,  # its first case is of 2007
)
