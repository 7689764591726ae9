from django.core.validators import RegexValidator
from django.db import models

code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$",
    "Use letters, digits, '.', '_' or '-' (up to 40 characters).",
)
colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a colour like #1d5c8f.")


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    accent_colour = models.CharField(max_length=7, default="#1d5c8f", validators=[colour_validator])
    contact_email = models.EmailField(blank=True)
    # Members may prove membership with their number and postcode instead of their email.
    allow_number_postcode = models.BooleanField(default=False)
    # The letter page may show what share of each branch's roster has signed.
    show_branch_share = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="regions")
    code = models.CharField(max_length=40, validators=[code_validator])
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="region_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Branch(models.Model):
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="branches")
    region = models.ForeignKey(Region, models.PROTECT, related_name="branches")
    code = models.CharField(max_length=40, validators=[code_validator])
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["region__name", "name"]
        verbose_name_plural = "branches"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="branch_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name


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
    """An address on a letter's invited list, digested like the roster's."""

    letter = models.ForeignKey("letters.Letter", models.CASCADE, related_name="invited")
    email_digest = models.CharField(max_length=64)
    key_id = models.CharField(max_length=8)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["letter", "email_digest"], name="invited_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.email_digest[:8]}…"


class Refusal(models.Model):
    """An ineligible signer's address, kept only until the polite refusal has been emailed
    (the task queue holds ids only, never addresses)."""

    letter = models.ForeignKey("letters.Letter", models.CASCADE, related_name="+")
    email = models.EmailField(max_length=254)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Refusal {self.pk}"
