from django.contrib import admin

from undersigned.lib.admin import ReadOnlyAdmin
from undersigned.members.models import InvitedEmail, RosterEntry, RosterImport


@admin.register(RosterEntry)
class RosterEntryAdmin(ReadOnlyAdmin):
    """Digests only: rosters change by import (`undersigned roster import` or the workspace)."""

    list_display = ["organisation", "branch", "status", "postcode_outward", "key_id"]
    list_filter = ["organisation", "status"]


@admin.register(InvitedEmail)
class InvitedEmailAdmin(ReadOnlyAdmin):
    list_display = ["subject_type", "subject_id", "key_id"]


@admin.register(RosterImport)
class RosterImportAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "source", "state", "ok", "created", "finished"]
    list_filter = ["state"]
