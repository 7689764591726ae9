import secrets
import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from undersigned.accounts.models import Branch, Organisation, Region
from undersigned.letters.markdown import render_markdown
from undersigned.members.eligibility import Audience
from undersigned.members.models import Eligibility, MemberProof


def new_salt() -> str:
    return secrets.token_hex(32)


class LetterQuerySet(models.QuerySet["Letter"]):
    def public(self) -> "LetterQuerySet":
        """Letters anyone may see: every letter but drafts."""
        return self.exclude(status=Letter.Status.DRAFT)


class Letter(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    Eligibility = Eligibility

    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="letters")
    title = models.CharField(max_length=200)
    # Slugs are unique across the site because the public address is /l/<slug>/.
    slug = models.SlugField(max_length=80, unique=True)
    addressee = models.CharField(max_length=300, blank=True)
    body = models.TextField(help_text="Markdown")
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="letters"
    )
    # Publish by itself at this time (the worker's clock), while still a draft.
    publish_at = models.DateTimeField(null=True, blank=True)
    # A target shown with a progress bar; none when empty.
    goal = models.PositiveIntegerField(null=True, blank=True)
    ask_role = models.BooleanField(default=True)
    ask_branch = models.BooleanField(default=True)
    eligibility = models.CharField(
        max_length=10, choices=Eligibility.choices, default=Eligibility.ANYONE
    )
    eligible_regions = models.ManyToManyField(Region, blank=True, related_name="+")
    eligible_branches = models.ManyToManyField(Branch, blank=True, related_name="+")
    # Organisers' switch: every signer must solve the proof-of-work challenge.
    under_attack = models.BooleanField(default=False)
    # Signers' personal data is erased this many months after the letter closes.
    retention_months = models.PositiveSmallIntegerField(default=12)
    # Kept in the same transaction as every status change of a signature, so the public
    # count never needs COUNT(*) over the signatures.
    confirmed_count = models.PositiveIntegerField(default=0)
    member_count = models.PositiveIntegerField(default=0)
    removed_count = models.PositiveIntegerField(default=0)
    last_milestone = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The addressee's response (plain text), on the letter and press pages; blank until
    # organisers record one.
    response = models.TextField(blank=True)
    response_date = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # The motion this letter answers (its page shows the motion's standing verdict). A
    # reference by name: letters and motions do not import each other.
    in_response_to = models.ForeignKey(
        "motions.Motion", models.SET_NULL, null=True, blank=True, related_name="letters"
    )

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "-id"]
        indexes = [models.Index(fields=["status", "closes_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("letters:letter", args=[self.slug])

    @property
    def public_url(self) -> str:
        """The letter's full address. From BASE_URL, not a request's Host header: it goes
        into emails, share images, snippets and the verify command."""
        return settings.BASE_URL + self.get_absolute_url()

    def audience(self) -> Audience:
        """Who may sign, as the members app understands it."""
        groups = self.eligibility == self.Eligibility.GROUPS
        return Audience(
            organisation=self.organisation,
            mode=self.eligibility,
            region_ids=frozenset(self.eligible_regions.values_list("pk", flat=True))
            if groups
            else frozenset(),
            branch_ids=frozenset(self.eligible_branches.values_list("pk", flat=True))
            if groups
            else frozenset(),
            subject=self,
        )

    @property
    def is_public(self) -> bool:
        """Published (open or closed): its page, count and log are public."""
        return self.status != self.Status.DRAFT

    @property
    def public_count(self) -> int:
        return self.confirmed_count

    @property
    def body_html(self) -> str:
        return render_markdown(self.body)

    @property
    def goal_percent(self) -> int:
        """How far the count is towards the goal, 0-100 (0 without a goal)."""
        if not self.goal:
            return 0
        return min(100, self.public_count * 100 // self.goal)

    def is_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.status != self.Status.OPEN:
            return False
        return self.closes_at is None or now < self.closes_at

    def closed_on(self) -> datetime | None:
        """When signing stopped, for a letter that is no longer open."""
        if self.status == self.Status.CLOSED:
            return self.closed_at or self.closes_at
        if self.closes_at and timezone.now() >= self.closes_at:
            return self.closes_at
        return None


class LetterVersion(models.Model):
    """The text of a letter as published; version 1 is the text at publication."""

    letter = models.ForeignKey(Letter, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField()
    reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["letter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "number"], name="version_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.letter} v{self.number}"


class LetterTranslation(models.Model):
    """One version of a letter's text in another language than its own (LANGUAGE_CODE).
    Each language has its own numbered versions, each logged as a `text` entry with `lang`;
    the newest is the one shown to readers of that language."""

    letter = models.ForeignKey(Letter, models.CASCADE, related_name="translations")
    language = models.CharField(max_length=10)  # a code of settings.LANGUAGES
    number = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=200)
    addressee = models.CharField(max_length=300, blank=True)
    body = models.TextField(help_text="Markdown")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["letter", "language", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "language", "number"], name="translation_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.letter} [{self.language}] v{self.number}"

    @property
    def body_html(self) -> str:
        return render_markdown(self.body)


class Signature(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for email confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WITHDRAWN = "withdrawn", _("Withdrawn by the signer")
        REMOVED = "removed", _("Removed by a moderator")

    class Display(models.TextChoices):
        FULL = "full", _("My name and role")
        NAME = "name", _("My name only")
        HIDDEN = "hidden", _("Don't show my name (count me only)")

    Member = MemberProof

    class Review(models.TextChoices):
        NONE = "", _("Not flagged")
        FLAGGED = "flagged", _("Flagged for review")
        APPROVED = "approved", _("Approved by a moderator")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    letter = models.ForeignKey(Letter, models.PROTECT, related_name="signatures")
    name = models.CharField(max_length=200)
    # Stored normalised (lib.emails: NFC, trimmed, lower case); blank only once erased.
    email = models.EmailField(max_length=254)
    role = models.CharField(max_length=200, blank=True)
    branch = models.ForeignKey(Branch, models.SET_NULL, null=True, blank=True, related_name="+")
    region = models.ForeignKey(Region, models.SET_NULL, null=True, blank=True, related_name="+")
    # True when the branch came from the roster rather than from the signer's own word.
    branch_verified = models.BooleanField(default=False)
    display = models.CharField(max_length=10, choices=Display.choices, default=Display.FULL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    member = models.CharField(max_length=10, choices=Member.choices, default=Member.NO)
    member_lapsed = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    is_initial = models.BooleanField(default=False)
    # The signer asked for the organisers' updates (and can unsubscribe from every one).
    wants_updates = models.BooleanField(default=False)
    # The one reminder to confirm, for a signature still pending after a day.
    reminded_at = models.DateTimeField(null=True, blank=True)

    # Moderation.
    review = models.CharField(max_length=10, choices=Review.choices, default="", blank=True)
    flags = models.JSONField(default=list, blank=True)
    network_hash = models.CharField(max_length=64, blank=True, db_index=True)
    removal_reason = models.CharField(max_length=40, blank=True)
    removal_note = models.CharField(max_length=500, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    emails_sent = models.PositiveSmallIntegerField(default=0)
    # The confirmation email is owed and not yet queued: set by the INSERT that makes the
    # row, so that signing is one statement; the worker's clock turns owed rows into tasks
    # (services.queue_owed_confirmations). The database default lets a process of the
    # previous release, which knows no such column, insert rows during an upgrade.
    confirmation_owed = models.BooleanField(default=False, db_default=False)
    created = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    # The verifiable log: salts for the commitment and the display record, and the index
    # of this signature's `sign` entry once sequenced.
    commit_salt = models.CharField(max_length=64, default=new_salt, blank=True)
    display_salt = models.CharField(max_length=64, default=new_salt, blank=True)
    log_index = models.BigIntegerField(null=True, blank=True)
    # The language the signer used the site in: their emails are written in it.
    language = models.CharField(max_length=10, blank=True)
    # The language of the text they signed when it was a translation (LetterTranslation),
    # blank for the letter's own text; `version` is then that translation's number.
    text_language = models.CharField(max_length=10, blank=True)
    # The roster entry that verified this signer (rosters); its status marks lapsed members.
    roster_entry = models.ForeignKey(
        "members.RosterEntry", models.SET_NULL, null=True, blank=True, related_name="signatures"
    )

    class Meta:
        ordering = ["-confirmed_at", "-id"]
        constraints = [
            # One signature per person per letter, enforced by the database so that
            # concurrent duplicates cannot both land. Erased rows keep no email.
            models.UniqueConstraint(
                fields=["letter", "email"], condition=~Q(email=""), name="one_signature_per_email"
            ),
        ]
        indexes = [
            models.Index(
                fields=["letter", "status", "-confirmed_at", "-id"], name="signature_public_list"
            ),
            models.Index(fields=["letter", "review"], name="signature_review"),
            models.Index(
                fields=["letter", "confirmed_at"],
                condition=Q(is_initial=True),
                name="signature_initial",
            ),
            models.Index(fields=["id"], condition=Q(confirmation_owed=True), name="signature_owed"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.CONFIRMED and self.display != self.Display.HIDDEN

    @property
    def public_role(self) -> str:
        return self.role if self.display == self.Display.FULL else ""


class Refusal(models.Model):
    """An ineligible signer's address, kept only until the polite refusal has been emailed
    (the task queue holds ids only, never addresses)."""

    letter = models.ForeignKey(Letter, models.CASCADE, related_name="+")
    email = models.EmailField(max_length=254)
    language = models.CharField(max_length=10, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "members_refusal"  # created by the members app, moved here

    def __str__(self) -> str:
        return f"Refusal {self.pk}"


class LetterUpdate(models.Model):
    """News from the organisers ("we delivered the letter"), emailed by the task worker to
    every confirmed signer who asked for updates."""

    letter = models.ForeignKey(Letter, models.CASCADE, related_name="updates")
    subject = models.CharField(max_length=150)
    body = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    # Set when a worker claims the sending (so that it happens once), then the count sent.
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.subject


class Invitation(models.Model):
    """An invited-list address waiting for its invitation email: kept only until the email
    has gone (the task queue holds ids only), like Refusal. A draft's invitations wait for
    publication."""

    letter = models.ForeignKey(Letter, models.CASCADE, related_name="+")
    email = models.EmailField(max_length=254)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Invitation {self.pk}"
