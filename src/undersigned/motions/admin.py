from django.contrib import admin

from undersigned.lib.admin import ReadOnlyAdmin
from undersigned.motions.models import (
    Amendment,
    Attendance,
    BallotInvite,
    Body,
    Meeting,
    Motion,
    MotionVersion,
    NamedBallot,
    NamedVote,
    NoticeRecipient,
    Officer,
    Poll,
    Rulebook,
    SecretBallot,
    Voter,
)


@admin.register(Rulebook)
class RulebookAdmin(ReadOnlyAdmin):
    """Read-only: owners change the rulebook in the workspace (each change a new version)."""

    list_display = ["organisation", "number", "sha256", "created"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin[Body]):
    list_display = ["name", "kind", "organisation", "published"]
    list_filter = ["organisation", "kind"]


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin[Officer]):
    list_display = ["user", "body", "role"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["body", "kind", "starts_at", "notice_sent_at", "published"]


@admin.register(Motion)
class MotionAdmin(ReadOnlyAdmin):
    """Read-only: the record changes through the officers' pages, which recompute the verdict."""

    list_display = ["title", "kind", "meeting", "standing", "outcome", "published"]
    list_filter = ["standing", "kind"]


@admin.register(
    MotionVersion,
    Amendment,
    NamedVote,
    Attendance,
    NoticeRecipient,
    Poll,
    Voter,
    NamedBallot,
    SecretBallot,
    BallotInvite,
)
class MotionRecordAdmin(ReadOnlyAdmin):
    pass
