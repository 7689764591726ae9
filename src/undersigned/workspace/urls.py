from django.urls import path

from undersigned.workspace.views import (
    audit,
    exports,
    invited,
    letters,
    moderation,
    motions,
    people,
    protection,
    settings,
    translations,
    updates,
)

app_name = "workspace"

letter = "<slug:org_slug>/letters/<slug:slug>/"
signature = letter + "signatures/<int:signature_id>/"

urlpatterns = [
    path("", letters.dashboard, name="dashboard"),
    path("<slug:org_slug>/letters/new/", letters.create, name="create"),
    path(letter, letters.letter, name="letter"),
    path(letter + "edit/", letters.edit, name="edit"),
    path(letter + "text/<str:language>/", translations.translate, name="translate"),
    path(letter + "preview/", letters.preview, name="preview"),
    path(letter + "publish/", letters.publish, name="publish"),
    path(letter + "close/", letters.close, name="close"),
    path(letter + "duplicate/", letters.duplicate, name="duplicate"),
    path(letter + "delete/", letters.delete, name="delete"),
    path(letter + "reopen/", letters.reopen, name="reopen"),
    path(letter + "initial/", letters.add_initial, name="add_initial"),
    path(letter + "updates/", updates.updates, name="updates"),
    path(letter + "moderation/", moderation.moderation, name="moderation"),
    path(letter + "moderation/bulk/", protection.bulk, name="bulk_moderation"),
    path(letter + "under-attack/", protection.under_attack, name="under_attack"),
    path(letter + "retention/", protection.retention, name="retention"),
    path(signature + "approve/", moderation.approve, name="approve"),
    path(signature + "remove/", moderation.remove, name="remove"),
    path(signature + "restore/", moderation.restore, name="restore"),
    path(letter + "export/", exports.exports, name="export"),
    path(
        letter + "export/<str:kind>.<str:fmt>",
        exports.download,
        name="download",
    ),
    path(letter + "statistics/", exports.statistics, name="statistics"),
    path(
        "<slug:org_slug>/people/invites/<int:invite_id>/cancel/",
        people.cancel_invite,
        name="cancel_invite",
    ),
    path("<slug:org_slug>/members/invited/<slug:letter_slug>/", invited.invited, name="invited"),
    path("<slug:org_slug>/audit/", audit.audit_log, name="audit"),
    path("<slug:org_slug>/settings/", settings.organisation_settings, name="settings"),
    path("<slug:org_slug>/people/", people.people, name="people"),
    path(
        "<slug:org_slug>/people/two-factor/",
        protection.two_factor_policy,
        name="two_factor_policy",
    ),
    path("<slug:org_slug>/people/<int:membership_id>/role/", people.change_role, name="role"),
    path(
        "<slug:org_slug>/people/<int:membership_id>/remove/",
        people.remove_person,
        name="remove_person",
    ),
    path("<slug:org_slug>/rulebook/", motions.rulebook, name="rulebook"),
    path("<slug:org_slug>/bodies/", motions.bodies, name="bodies"),
    path("<slug:org_slug>/bodies/<slug:slug>/", motions.body, name="body"),
    path("<slug:org_slug>/bodies/<slug:slug>/officers/", motions.add_officer, name="add_officer"),
    path("<slug:org_slug>/meetings/<int:pk>/", motions.meeting, name="meeting"),
    path("<slug:org_slug>/meetings/<int:pk>/notice/", motions.notice, name="notice"),
    path("<slug:org_slug>/meetings/<int:pk>/attendance/", motions.attendance, name="attendance"),
    path("<slug:org_slug>/meetings/<int:pk>/motions/", motions.add_motion, name="add_motion"),
    path(
        "<slug:org_slug>/meetings/<int:pk>/publish/",
        motions.publish_meeting,
        name="publish_meeting",
    ),
    path("<slug:org_slug>/motions/<int:pk>/", motions.motion, name="motion"),
    path("<slug:org_slug>/motions/<int:pk>/amend/", motions.amend, name="amend"),
    path(
        "<slug:org_slug>/motions/<int:pk>/amendments/<int:number>/",
        motions.decide_amendment,
        name="decide_amendment",
    ),
    path("<slug:org_slug>/motions/<int:pk>/vote/", motions.vote, name="vote"),
    path("<slug:org_slug>/motions/<int:pk>/poll/", motions.open_poll, name="open_poll"),
    path("<slug:org_slug>/motions/<int:pk>/poll/close/", motions.close_poll, name="close_poll"),
]
