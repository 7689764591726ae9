from django.urls import path

from undersigned.workspace import views

app_name = "workspace"

letter = "<slug:org_slug>/letters/<slug:slug>/"
signature = letter + "signatures/<int:signature_id>/"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:org_slug>/letters/new/", views.create, name="create"),
    path(letter, views.letter, name="letter"),
    path(letter + "edit/", views.edit, name="edit"),
    path(letter + "preview/", views.preview, name="preview"),
    path(letter + "publish/", views.publish, name="publish"),
    path(letter + "close/", views.close, name="close"),
    path(letter + "reopen/", views.reopen, name="reopen"),
    path(letter + "initial/", views.add_initial, name="add_initial"),
    path(letter + "moderation/", views.moderation, name="moderation"),
    path(signature + "approve/", views.approve, name="approve"),
    path(signature + "remove/", views.remove, name="remove"),
    path(signature + "restore/", views.restore, name="restore"),
    path(letter + "export/", views.exports, name="export"),
    path(
        letter + "export/<str:kind>.<str:fmt>",
        views.download,
        name="download",
    ),
    path(letter + "statistics/", views.statistics, name="statistics"),
    path(
        "<slug:org_slug>/people/invites/<int:invite_id>/cancel/",
        views.cancel_invite,
        name="cancel_invite",
    ),
    path("<slug:org_slug>/audit/", views.audit_log, name="audit"),
    path("<slug:org_slug>/people/", views.people, name="people"),
    path("<slug:org_slug>/people/<int:membership_id>/role/", views.change_role, name="role"),
    path(
        "<slug:org_slug>/people/<int:membership_id>/remove/",
        views.remove_person,
        name="remove_person",
    ),
]
