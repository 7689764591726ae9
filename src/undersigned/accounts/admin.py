from django.contrib import admin

from undersigned.accounts.models import AuditEntry, Invite, Membership
from undersigned.lib.admin import ReadOnlyAdmin


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ["created", "organisation", "actor", "action", "letter"]
    list_filter = ["organisation", "action"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Invite)
class InviteAdmin(ReadOnlyAdmin):
    list_display = ["email", "organisation", "role", "created", "accepted_at"]
    list_filter = ["organisation", "role"]
    exclude = ["token_hash"]
