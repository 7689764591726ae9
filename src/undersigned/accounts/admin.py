from django.contrib import admin

from undersigned.accounts.models import AuditEntry, Membership


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
