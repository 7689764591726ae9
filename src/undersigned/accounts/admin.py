from django.contrib import admin

from undersigned.accounts.models import (
    AuditEntry,
    Branch,
    Invite,
    Membership,
    Organisation,
    OrganisationLogo,
    Region,
)
from undersigned.lib.admin import ReadOnlyAdmin


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ["created", "organisation", "actor", "action", "subject_label"]
    list_filter = ["organisation", "action"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(OrganisationLogo)
class OrganisationLogoAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "updated"]


@admin.register(Invite)
class InviteAdmin(ReadOnlyAdmin):
    list_display = ["email", "organisation", "role", "created", "accepted_at"]
    list_filter = ["organisation", "role"]
    exclude = ["token_hash"]


class RegionInline(admin.TabularInline[Region, Organisation]):
    model = Region
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RegionInline]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin[Region]):
    list_display = ["name", "code", "organisation"]
    list_filter = ["organisation"]


@admin.register(Branch)
class BranchAdmin(admin.ModelAdmin[Branch]):
    list_display = ["name", "code", "region", "organisation"]
    list_filter = ["organisation", "region"]
