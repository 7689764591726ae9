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
