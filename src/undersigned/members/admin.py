from django.contrib import admin

from undersigned.lib.admin import ReadOnlyAdmin
from undersigned.members.models import (
    Branch,
    InvitedEmail,
    Organisation,
    Refusal,
    Region,
    RosterEntry,
)


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


@admin.register(RosterEntry)
class RosterEntryAdmin(ReadOnlyAdmin):
    """Digests only: rosters change by import (`undersigned roster import` or the workspace)."""

    list_display = ["organisation", "branch", "status", "postcode_outward", "key_id"]
    list_filter = ["organisation", "status"]


@admin.register(InvitedEmail)
class InvitedEmailAdmin(ReadOnlyAdmin):
    list_display = ["letter", "key_id"]


@admin.register(Refusal)
class RefusalAdmin(ReadOnlyAdmin):
    """Addresses waiting for their refusal email; deleted once it is sent."""

    list_display = ["letter", "created"]
