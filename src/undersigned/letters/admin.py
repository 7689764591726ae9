from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from undersigned.letters import services
from undersigned.letters.models import (
    Invitation,
    Letter,
    LetterTranslation,
    LetterUpdate,
    LetterVersion,
    Refusal,
    Signature,
)
from undersigned.lib.admin import ReadOnlyAdmin


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin[Letter]):
    list_display = ["title", "organisation", "status", "confirmed_count", "opens_at", "closes_at"]
    list_filter = ["status", "organisation"]
    search_fields = ["title", "slug"]
    readonly_fields = ["confirmed_count", "member_count", "removed_count", "version"]
    filter_horizontal = ["organisers", "eligible_regions", "eligible_branches"]


@admin.register(LetterVersion)
class LetterVersionAdmin(admin.ModelAdmin[LetterVersion]):
    list_display = ["letter", "number", "reason", "created"]


@admin.register(LetterTranslation)
class LetterTranslationAdmin(ReadOnlyAdmin):
    """Read only: a new version of a translated text goes through the workspace, which logs
    it (letters/translations.py)."""

    list_display = ["letter", "language", "number", "title", "created"]
    list_filter = ["language"]


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin[Signature]):
    list_display = ["name", "letter", "status", "display", "member", "review", "confirmed_at"]
    list_filter = ["status", "display", "member", "review", "letter"]
    search_fields = ["name", "email"]
    raw_id_fields = ["letter", "branch", "region", "removed_by"]
    # Status changes go through the services (they keep the count and the log exact).
    readonly_fields = [
        "uid",
        "status",
        "letter",
        "email",
        "commit_salt",
        "display_salt",
        "log_index",
        "confirmed_at",
        "withdrawn_at",
        "removed_at",
        "erased_at",
    ]

    actions = ["erase_personal_data"]

    @admin.action(description="Erase personal data (the signature stays counted and logged)")
    def erase_personal_data(self, request: HttpRequest, queryset: QuerySet[Signature]) -> None:
        erased = 0
        for signature in queryset.filter(erased_at__isnull=True):
            services.erase(signature)
            erased += 1
        self.message_user(
            request, f"Erased the personal data of {erased} signature(s).", messages.SUCCESS
        )


@admin.register(Refusal)
class RefusalAdmin(ReadOnlyAdmin):
    """Addresses waiting for their refusal email; deleted once it is sent."""

    list_display = ["letter", "created"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    """Invited addresses waiting for their invitation email; deleted once it is sent."""

    list_display = ["letter", "created"]


@admin.register(LetterUpdate)
class LetterUpdateAdmin(ReadOnlyAdmin):
    """Organisers' updates to signers, as sent."""

    list_display = ["subject", "letter", "created", "sent_at", "recipients"]
