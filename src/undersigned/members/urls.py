from django.urls import path

from undersigned.members import views

app_name = "members"
urlpatterns = [
    path("<slug:org_slug>/members/", views.index, name="index"),
    path("<slug:org_slug>/members/regions/add/", views.region_add, name="region_add"),
    path("<slug:org_slug>/members/regions/<int:pk>/", views.region, name="region"),
    path("<slug:org_slug>/members/branches/add/", views.branch_add, name="branch_add"),
    path("<slug:org_slug>/members/branches/<int:pk>/", views.branch, name="branch"),
    path("<slug:org_slug>/members/import/", views.structure_import, name="structure_import"),
    path("<slug:org_slug>/members/roster/", views.roster_upload, name="roster"),
    path(
        "<slug:org_slug>/members/roster/imports/<int:pk>/",
        views.roster_import,
        name="roster_import",
    ),
]
