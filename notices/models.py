"""The outbox: every message the system sends is first a row, written in the same transaction
as the event that causes it, then sent by a worker that claims it. A row is sent at most once:
it is claimed (pending → sending) by one worker only, and marked sent after the server accepts
it. If the server is down the row goes back to pending with a later attempt time; nothing is
lost."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from submissions.history import sealed_history


class Notice(models.Model):
    """One email to one recipient, in the recipient's language.

    ``message`` names an entry of ``notices.messages.MESSAGES``; ``context`` holds plain values
    (JSON) and the text is rendered at sending time under the recipient's language, so that a
    row written by a Spanish-speaking officer still reaches an English-speaking Party in English.
    ``dedupe_key`` makes writing the same notice twice (a re-run sweep) a no-op.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Given up")

    submission = models.ForeignKey(
        "submissions.Submission",
        verbose_name=_("submission"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notices",
    )
    event = models.ForeignKey(
        "workflow.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notices",
    )
    audience = models.CharField(_("audience"), max_length=20)
    message = models.CharField(_("message"), max_length=40)
    recipient_email = models.EmailField(_("recipient"))
    recipient_name = models.CharField(_("recipient's name"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=2)
    context = models.JSONField(_("context"), default=dict, blank=True)
    dedupe_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = sealed_history(excluded_fields=["context"])

    class Meta:
        ordering = ["id"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.message} → {self.recipient_email} ({self.state})"


class Reminder(models.Model):
    """That a deadline's reminder for one threshold (days before the due date) went out: the
    unique constraint is what makes a second sweep on the same day send nothing new."""

    deadline = models.ForeignKey(
        "workflow.Deadline", on_delete=models.CASCADE, related_name="reminders"
    )
    threshold = models.PositiveSmallIntegerField(_("days before the due date"))
    on = models.DateField(_("date"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["deadline", "threshold"], name="unique_reminder"),
        ]

    def __str__(self):
        return f"{self.deadline_id} −{self.threshold}"


class Digest(models.Model):
    """That the daily staff digest of one day went out (once per day, however often the sweep
    runs)."""

    on = models.DateField(_("date"), unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("daily digest")
        verbose_name_plural = _("daily digests")

    def __str__(self):
        return str(self.on)
