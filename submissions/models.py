"""The case and its parties: submissions, submitters, environmental laws, documents, accounts.

The stage of a submission is written only by ``workflow.services``; nothing here changes it.
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from submissions import profiles
from submissions.history import sealed_history
from submissions.stages import ClosureReason, Stage, Visibility, author_choices, language_choices
from submissions.texts import PerLanguageTexts

# The working languages of the installation's procedure profile (settings.LANGUAGES), in its
# order: the first is the default of a person's preferred language.
LANGUAGE_CHOICES = list(settings.LANGUAGES)

FIRST_LANGUAGE = LANGUAGE_CHOICES[0][0]
# The installation's Parties (submissions.profiles), as codes and as a label on its own (a
# choice, a chart); in a sentence see workflow.treaty.
PROCEDURE = profiles.installed()
PARTY_CODES = PROCEDURE.codes
PARTY_CHOICES = PROCEDURE.party_choices()


identifier_prefix_validator = RegexValidator(
    r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$",
    _("A prefix is made of capital letters, digits and hyphens."),
)
identifier_validator = RegexValidator(
    rf"^{PROCEDURE.identifier_regex}$",
    _("An identifier reads PREFIX/PARTY/NNN/YYYY, for example SEM/PE/002/2023."),
)


class User(AbstractUser):
    """An account: Secretariat staff, a Party's focal point, a Council member or an auditor.

    Submitters need no account: they follow their case through a private link.
    """

    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=language_choices,
        default=LANGUAGE_CHOICES[0][0],
    )
    party = models.ForeignKey(
        "submissions.Party",
        verbose_name=_("Party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("For focal points and Council members: the Party they speak for."),
    )
    history = sealed_history()

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def signature(self) -> str:
        """How a receipt names the account that recorded a post: its full name with its
        username, else the username alone (walk 44: "Recorded by pe_focal")."""
        full = self.get_full_name()
        return f"{full} ({self.get_username()})" if full else self.get_username()


class Party(models.Model):
    """A Party to the Agreement: one of the profile's (Peru and the United States under the
    default)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100)
    name_es = models.CharField(_("name in Spanish"), max_length=100)
    history = sealed_history()

    class Meta:
        ordering = ["code"]
        verbose_name = _("Party")
        verbose_name_plural = _("Parties")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """Its name in the reader's language: the row's in English and Spanish (the admin may
        change them), the profile's in a language the row has no column for (French)."""
        language = (get_language() or "en")[:2]
        if language == "es":
            return self.name_es
        if language != "en" and self.code in PROCEDURE.codes:
            return PROCEDURE.party(self.code).names.get(language, self.name_en)
        return self.name_en


class IdentifierCounter(models.Model):
    """The last number handed out in one sequence, locked while the next one is taken: the
    profile's identifier sequences (``IdentifierScheme.sequence``); receipts (``R``) per year."""

    prefix = models.CharField(max_length=40)
    party = models.CharField(max_length=2, blank=True)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)
    history = sealed_history()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "party", "year"], name="unique_counter"),
        ]

    def __str__(self):
        return f"{self.prefix}/{self.party}/{self.year}: {self.last}"

    @classmethod
    def _locked(cls, prefix: str, party: str, year: int) -> "IdentifierCounter":
        # Creating the row may race with another transaction: the unique constraint makes one
        # of them fail, and the savepoint lets that one read the winner's row instead.
        try:
            with transaction.atomic():
                cls.objects.get_or_create(prefix=prefix, party=party, year=year)
        except IntegrityError:
            pass
        return cls.objects.select_for_update().get(prefix=prefix, party=party, year=year)

    @classmethod
    def take(cls, prefix: str, party: str, year: int, taken=lambda n: False) -> int:
        """The next free number of a sequence. Must run inside a transaction.

        ``taken(n)`` says whether a number is already held (by an imported case); such
        numbers are skipped, never reused.
        """
        counter = cls._locked(prefix, party, year)
        number = counter.last + 1
        while taken(number):
            number += 1
        counter.last = number
        counter.save(update_fields=["last"])
        return number

    @classmethod
    def identifier_for(cls, submission, prefix: str, *, advance: bool) -> str:
        """The identifier a case being acknowledged receives: the profile's scheme, the filing
        year, the case's Party, the next number of its sequence not held by an imported case.
        In a transaction; the counter row stays locked until it ends. ``advance=False`` only
        looks (the acknowledgement's documents name it before the event assigns it)."""
        scheme = profiles.installed().identifier
        party, year = submission.party.code, submission.filed_on.year
        counter = cls._locked(*scheme.sequence(prefix, party, year))
        number = counter.last + 1
        while Submission.objects.filter(
            identifier=scheme.format(prefix, party, number, year)
        ).exists():
            number += 1
        if advance:
            counter.last = number
            counter.save(update_fields=["last"])
        return scheme.format(prefix, party, number, year)

    @classmethod
    def hold_identifier(cls, identifier: str) -> None:
        """Record that an imported identifier's number is held in its sequence."""
        scheme = profiles.installed().identifier
        prefix, party, number, year = scheme.parse(identifier)
        cls.hold(*scheme.sequence(prefix, party, year), number)

    @classmethod
    def hold(cls, prefix: str, party: str, year: int, number: int) -> None:
        """Record that ``number`` is held (an imported identifier), so it is never handed out.

        One UPDATE in the usual case (the importer holds thousands of numbers); it takes the row
        lock itself, so it is as safe as ``take`` under concurrency."""
        scope = cls.objects.filter(prefix=prefix, party=party, year=year)
        if scope.filter(last__lt=number).update(last=number) or scope.exists():
            return
        counter = cls._locked(prefix, party, year)
        if number > counter.last:
            counter.last = number
            counter.save(update_fields=["last"])


class EnvironmentalLaw(models.Model):
    """A statute or regulation (Art. 18.14) at issue in one or more submissions."""

    party = models.ForeignKey(Party, verbose_name=_("Party"), on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=500)
    provisions = models.CharField(_("provisions"), max_length=500, blank=True)
    history = sealed_history()

    class Meta:
        ordering = ["name", "provisions"]
        verbose_name = _("environmental law")
        verbose_name_plural = _("environmental laws")
        constraints = [
            models.UniqueConstraint(fields=["party", "name", "provisions"], name="unique_law"),
        ]

    def __str__(self):
        return f"{self.name} ({self.provisions})" if self.provisions else self.name


class SubmissionQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(stage=Stage.CLOSED)


class Submission(PerLanguageTexts, models.Model):
    """A submission under Article 18.8: one case, from filing to closure.

    ``stage``, ``closure_reason``, ``registered_on``, ``chain_head`` and ``event_count`` are
    written by the workflow services only, in the same transaction as the event that changes
    them.
    """

    # What the submitters answered on the form, as filed (Art. 18.8.2 and the factors): the
    # filing form, the officer's page and the admin show these, in this order.
    ANSWERS = (
        "facts",
        "authorities_communication",
        "authorities_response",
        "private_remedies",
        "harm",
        "relies_on_media_only",
    )

    receipt_number = models.CharField(_("receipt number"), max_length=20, unique=True, null=True)
    identifier = models.CharField(
        _("identifier"),
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        validators=[identifier_validator],
    )
    slug = models.SlugField(_("slug"), max_length=60, unique=True, null=True, blank=True)
    # The procedure profile the case was filed or imported under (submissions.profiles).
    procedure = models.CharField(
        _("procedure"), max_length=32, default=profiles.installed_slug, editable=False
    )
    party = models.ForeignKey(
        Party, verbose_name=_("Party concerned"), on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(
        _("language of the submission"), max_length=2, choices=language_choices
    )
    title_en = models.CharField(_("title in English"), max_length=500, blank=True)
    title_es = models.CharField(_("title in Spanish"), max_length=500, blank=True)
    summary_en = models.TextField(_("summary in English"), blank=True)
    summary_es = models.TextField(_("summary in Spanish"), blank=True)
    title_fr = models.CharField(_("title in French"), max_length=500, blank=True)
    summary_fr = models.TextField(_("summary in French"), blank=True)
    laws = models.ManyToManyField(
        EnvironmentalLaw,
        through="SubmissionLaw",
        verbose_name=_("environmental laws at issue"),
        related_name="submissions",
    )
    facts = models.TextField(_("facts"), blank=True)
    authorities_communication = models.TextField(_("communication to the authorities"), blank=True)
    authorities_response = models.TextField(_("the authorities' response"), blank=True)
    private_remedies = models.TextField(_("private remedies pursued"), blank=True)
    harm = models.TextField(_("harm alleged"), blank=True)
    relies_on_media_only = models.BooleanField(
        _("relies only on mass media reports"), null=True, blank=True
    )
    filed_on = models.DateField(_("filing date"))
    registered_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=40, choices=Stage.choices, db_index=True)
    closure_reason = models.CharField(
        _("closure reason"), max_length=40, choices=ClosureReason.choices, blank=True
    )
    related = models.ManyToManyField(
        "self", verbose_name=_("related submissions"), blank=True, symmetrical=True
    )
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_submissions",
    )
    # Reserved at import for a case that arrives with its identifier; applied when acknowledged.
    imported_identifier = models.CharField(
        _("identifier in the imported registry"), max_length=60, blank=True, editable=False
    )
    chain_head = models.CharField(_("chain hash"), max_length=64, blank=True)
    event_count = models.PositiveIntegerField(_("number of events"), default=0)
    last_event_on = models.DateField(_("last event"), null=True, blank=True)
    # The date of the last event that changed what the public sees of the case (a public
    # event, or a decision publishing or withdrawing something): the docket's "last update"
    # (walk 45: it gave the date of a proposal only the Secretariat could see).
    last_public_on = models.DateField(_("last update"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = sealed_history(
        excluded_fields=["chain_head", "event_count", "last_event_on", "last_public_on"]
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self):
        return self.reference

    def answer_rows(self) -> list[tuple]:
        """(label, answer) for each of the submitters' answers given (``ANSWERS``)."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.ANSWERS
            if getattr(self, name) not in ("", None)
        ]

    @property
    def reference(self) -> str:
        """The identifier once acknowledged, else the receipt number."""
        return self.identifier or self.receipt_number or f"#{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.stage != Stage.CLOSED

    @property
    def is_registered(self) -> bool:
        return self.registered_on is not None

    @staticmethod
    def slug_for(identifier: str) -> str:
        return identifier.lower().replace("/", "-")


class SubmissionLaw(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE)
    law = models.ForeignKey(EnvironmentalLaw, on_delete=models.PROTECT)
    position = models.PositiveIntegerField(default=0)
    history = sealed_history()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "law"], name="unique_submission_law"),
        ]

    def __str__(self):
        return f"{self.submission_id}: {self.law_id}"


def identity_upload_to(instance, filename):
    """Identity documents live under an unguessable folder, never served directly."""
    return f"identity/{timezone.now():%Y}/{secrets.token_hex(16)}/{filename}"


class Submitter(models.Model):
    """A person of a Party (or not: the Secretariat decides criterion (f)) who files or joins."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        ORGANIZATION = "organization", _("Organization")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    nationality = models.CharField(
        _("nationality or country of establishment"),
        max_length=2,
        help_text=_("Two-letter country code."),
    )
    residence = models.CharField(_("country of permanent residence"), max_length=2, blank=True)
    identity_document = models.FileField(
        _("identity document"), upload_to=identity_upload_to, blank=True
    )
    postal_address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=language_choices,
        default=LANGUAGE_CHOICES[0][0],
    )
    confidential = models.BooleanField(_("identity withheld from the public"), default=False)
    history = sealed_history()

    class Meta:
        verbose_name = _("submitter")
        verbose_name_plural = _("submitters")

    def __str__(self):
        return self.name

    def parties(self) -> set[str]:
        """The Parties this submitter is a *person of*. This is the one place that decides it.

        TPA Art. 1.3: a national of a Party — including a permanent resident — or an
        enterprise (including an NGO) constituted in a Party. Where the profile says residence
        decides (``standing_by_residence``: the CEC's "residing or established"), an individual
        who gives a country of residence is of that Party only; one who gives none is taken to
        reside in the country of their nationality.
        """
        codes = {self.nationality.upper()}
        if self.kind == self.Kind.INDIVIDUAL and self.residence:
            if PROCEDURE.standing_by_residence:
                codes = set()
            codes.add(self.residence.upper())
        return codes & set(PARTY_CODES)

    def may_file_about(self, party_code: str) -> bool:
        """Criterion (f) with Art. 18.8.3: a person of the United States may not file about the
        United States (they use the CEC process) — even one who is also a person of Peru (a dual
        national, or a Peruvian permanently resident in the United States), since the exception
        turns on being a person of the United States at all; anyone else who is a person of a
        Party may file about either Party; a person of neither Party may not file."""
        parties = self.parties()
        if party_code in PROCEDURE.not_about_own_party and party_code in parties:
            return False
        return bool(parties)


def new_tracking_token() -> str:
    return secrets.token_urlsafe(32)


class SubmissionSubmitter(models.Model):
    """A submitter's membership of a case: when they joined and their private tracking link."""

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    submitter = models.ForeignKey(
        Submitter, verbose_name=_("submitter"), on_delete=models.PROTECT, related_name="memberships"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    joined_on = models.DateField(_("joined on"))
    tracking_token = models.CharField(
        _("tracking link"), max_length=64, unique=True, default=new_tracking_token, editable=False
    )
    token_revoked_at = models.DateTimeField(_("tracking link revoked at"), null=True, blank=True)
    history = sealed_history(excluded_fields=["tracking_token"])

    class Meta:
        verbose_name = _("submitter of a case")
        verbose_name_plural = _("submitters of the case")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "submitter"], name="unique_membership"),
        ]

    def __str__(self):
        return f"{self.submission_id}: {self.submitter_id}"


def document_upload_to(instance, filename):
    return f"documents/{timezone.now():%Y/%m}/{secrets.token_hex(8)}/{filename}"


class Document(models.Model):
    """A document of a case: filed, generated, received or published. Never deleted; a changed
    visibility or a replacement keeps the earlier state in the history."""

    class Kind(models.TextChoices):
        SUBMISSION = "submission", _("Submission")
        ANNEX = "annex", _("Annex or evidence")
        REVISION = "revision", _("Revised submission")
        ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement of receipt")
        DETERMINATION = "determination", _("Determination")
        REQUEST = "request", _("Request for a response")
        RESPONSE = "response", _("Party response")
        NOTIFICATION = "notification", _("Notification to the Council")
        INSTRUCTION = "instruction", _("Council instruction")
        DRAFT_FACTUAL_RECORD = "draft_factual_record", _("Draft factual record")
        FINAL_FACTUAL_RECORD = "final_factual_record", _("Final factual record")
        COMMENT = "comment", _("Comments on the draft factual record")
        INFORMATION = "information", _("Information")
        CORRESPONDENCE = "correspondence", _("Correspondence")
        RECOMMENDATION = "recommendation", _("Recommendation")
        NOTICE = "notice", _("Notice")
        OTHER = "other", _("Other")

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="documents"
    )
    event = models.ForeignKey(
        "workflow.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    code = models.CharField(_("code"), max_length=80, blank=True)
    title = models.CharField(_("title"), max_length=500)
    language = models.CharField(_("language"), max_length=2, choices=language_choices)
    author = models.CharField(_("author"), max_length=20, choices=author_choices)
    date = models.DateField(_("date"))
    visibility = models.CharField(_("visibility"), max_length=20, choices=Visibility.choices)
    # The visibility it was recorded with: part of its event's hashed content, never changed.
    initial_visibility = models.CharField(
        _("initial visibility"), max_length=20, choices=Visibility.choices, editable=False
    )
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=300, blank=True)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="translations",
    )
    official_translation = models.BooleanField(_("official translation"), default=False)
    redacted_version_of = models.ForeignKey(
        "self",
        verbose_name=_("redacted version of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="redacted_versions",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = sealed_history()

    class Meta:
        ordering = ["event_id", "position", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.code or self.title


def sha256_of(fileobj, chunk_size=1024 * 1024) -> tuple[str, int]:
    """SHA-256 and size of a file, read in chunks, never whole."""
    digest = hashlib.sha256()
    size = 0
    if hasattr(fileobj, "seek"):
        fileobj.seek(0)
    while chunk := fileobj.read(chunk_size):
        digest.update(chunk)
        size += len(chunk)
    if hasattr(fileobj, "seek"):
        fileobj.seek(0)
    return digest.hexdigest(), size


class AccessLogEntry(models.Model):
    """One view or download of restricted material by a signed-in person (who, what, when).

    Written only by ``submissions.access.log_access``; shown to auditors on the case's audit
    page. Never edited: it records a fact, like an event, but changes no case.
    """

    class What(models.TextChoices):
        VIEW = "view", pgettext_lazy("access log", "viewed")
        DOWNLOAD = "download", pgettext_lazy("access log", "downloaded")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    what = models.CharField(max_length=10, choices=What.choices)
    path = models.CharField(max_length=500)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["submission", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.what} {self.path}"
