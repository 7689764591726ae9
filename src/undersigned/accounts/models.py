import zoneinfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$",
    _("Use letters, digits, '.', '_' or '-' (up to 40 characters)."),
)
colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #1d5c8f."))


def time_zone_validator(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Use a time zone name like Europe/London."))


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    accent_colour = models.CharField(max_length=7, default="#1d5c8f", validators=[colour_validator])
    contact_email = models.EmailField(blank=True)
    # Members may prove membership with their number and postcode instead of their email.
    allow_number_postcode = models.BooleanField(default=False)
    # The letter page may show what share of each branch's roster has signed.
    show_branch_share = models.BooleanField(default=False)
    # When the logo (OrganisationLogo) last changed; None without one. Kept here so pages
    # can link the logo without reading its bytes.
    logo_updated = models.DateTimeField(null=True, blank=True)
    # Everyone with a role must use two-factor authentication for its workspace.
    require_two_factor = models.BooleanField(default=False)
    # Dates and times on the organisation's public pages are shown in this zone, and
    # organisers enter and read times (closing, publishing) in it in the workspace.
    time_zone = models.CharField(
        max_length=64, default="Europe/London", validators=[time_zone_validator]
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "members_organisation"  # created by the members app, moved here
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationLogo(models.Model):
    """An organisation's logo: a small PNG re-encoded by Pillow on upload, kept in the
    database so that every app process serves it from the site itself."""

    organisation = models.OneToOneField(Organisation, models.CASCADE, related_name="logo")
    png = models.BinaryField()
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Logo of {self.organisation}"


class Region(models.Model):
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="regions")
    code = models.CharField(max_length=40, validators=[code_validator])
    name = models.CharField(max_length=200)

    class Meta:
        db_table = "members_region"
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
        db_table = "members_branch"
        ordering = ["region__name", "name"]
        verbose_name_plural = "branches"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="branch_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")  # manages people and settings, and everything an organiser does
    ORGANISER = "organiser", _("Organiser")  # creates and runs letters
    MODERATOR = "moderator", _("Moderator")  # reviews signatures only


class Membership(models.Model):
    """A person's role in one organisation: the only source of organiser permissions."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="roles")
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="staff")
    role = models.CharField(max_length=20, choices=Role.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_role_per_org"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} of {self.organisation}"


class AuditEntry(models.Model):
    """Who did what to which thing (a letter, a motion, ...), and when. Shown to owners;
    never edited. The thing is any model, through a content type, as in Django's admin
    LogEntry: the audit log knows nothing of letters or motions."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="audit")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True)
    action = models.CharField(max_length=40)
    subject_type = models.ForeignKey(
        ContentType, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    # The subject's name when the entry was written, shown even if it is renamed or deleted.
    subject_label = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="audit_subject")]

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M} {self.actor} {self.action}"


class Invite(models.Model):
    """An owner's invitation to join an organisation in a role. Only a hash of the link's
    token is stored, so a database leak does not hand out accounts."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="invites")
    email = models.EmailField(max_length=254)
    role = models.CharField(max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.email} as {self.get_role_display()} of {self.organisation}"
