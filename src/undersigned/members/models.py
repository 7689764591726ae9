from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from undersigned.accounts.models import Branch, Organisation


class Eligibility(models.TextChoices):
    """Who may sign or vote: the mode of an Audience (see eligibility.py)."""

    ANYONE = "anyone", "Anyone"
    MEMBERS = "members", "Members of the organisation"
    GROUPS = "groups", "Members of selected regions or branches"
    INVITED = "invited", "An invited list"


class MemberProof(models.TextChoices):
    """How a signer or voter was recognised as a member."""

    NO = "no", "Not checked against the roster"
    EMAIL = "yes", "Member (email on the roster)"
    NUMBER = "number", "Member (verified by membership number)"


class RosterEntry(models.Model):
    """One member on an organisation's roster. The membership number and email are kept only
    as keyed digests (see members/digests.py), never in the clear, and the name not at all."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        LAPSED = "lapsed", "Lapsed"

    # No index of its own: the unique (organisation, number_digest) index serves it, and
    # every index costs time on a 500,000-row import.
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="roster", db_index=False
    )
    number_digest = models.CharField(max_length=64)
    email_digest = models.CharField(max_length=64)
    # Which roster key made the digests, so a key rotation can tell old rows from new.
    key_id = models.CharField(max_length=8)
    branch = models.ForeignKey(Branch, models.PROTECT, related_name="roster")
    # Only the outward part ("SW1A" of "SW1A 1AA"), and only if the roster gave one.
    postcode_outward = models.CharField(max_length=8, blank=True)
    # The keyed digest of the whole postcode, which the number route requires (blank for
    # entries imported before it was kept: those match on the outward part until the
    # roster is imported again).
    postcode_digest = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        verbose_name_plural = "roster entries"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number_digest"], name="roster_number_unique"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "email_digest"], name="roster_email")]

    def __str__(self) -> str:
        return f"{self.number_digest[:8]}… ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class InvitedEmail(models.Model):
    """An address on an invited list, digested like the roster's. The list belongs to
    whatever is being signed or voted on (a letter, a motion), through a content type."""

    subject_type = models.ForeignKey(ContentType, models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    email_digest = models.CharField(max_length=64)
    key_id = models.CharField(max_length=8)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "email_digest"], name="invited_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email_digest[:8]}…"


class RosterImport(models.Model):
    """A roster file being imported in the background (members/imports.py): the file waits
    under VAR_DIR until a worker imports it; the page shows its progress, then its result."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting for a worker"
        RUNNING = "running", "Importing"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="roster_imports")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=200, blank=True)
    file_name = models.CharField(max_length=100)  # under VAR_DIR/imports/
    size = models.BigIntegerField(default=0)
    dry_run = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    ok = models.BooleanField(default=False)
    summary = models.TextField(blank=True)
    problems = models.JSONField(default=list, blank=True)  # the first 100: line, column, message
    problems_total = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"Roster import {self.pk} ({self.get_state_display()})"
