from django.conf import settings
from django.db import models

from undersigned.members.models import Organisation


class Role(models.TextChoices):
    OWNER = "owner", "Owner"  # manages people and settings, and everything an organiser does
    ORGANISER = "organiser", "Organiser"  # creates and runs letters
    MODERATOR = "moderator", "Moderator"  # reviews signatures only


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
    """Who did what to which letter, and when. Shown to owners; never edited."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="audit")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True)
    action = models.CharField(max_length=40)
    letter = models.ForeignKey("letters.Letter", models.SET_NULL, null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name_plural = "audit entries"

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
