from django.contrib import admin
from django.urls import include, path

from undersigned.accounts import views as account_views
from undersigned.letters import views as letter_views

urlpatterns = [
    path("", letter_views.home, name="home"),
    path("", include("undersigned.letters.urls")),
    path("accounts/", include("undersigned.accounts.urls")),
    path("o/<slug:slug>/logo.png", account_views.logo, name="organisation_logo"),
    path("workspace/", include("undersigned.workspace.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("undersigned.ledger.urls")),
    path("", include("undersigned.motions.urls")),
    path("workspace/", include("undersigned.members.urls")),
]
urlpatterns += [path("", include("undersigned.api.urls"))]
urlpatterns += [path("", include("undersigned.letters.sharing_urls"))]
urlpatterns += [path("", include("undersigned.letters.press_urls"))]
urlpatterns += [path("", include("undersigned.ops.urls"))]
handler500 = "undersigned.ops.errors.server_error"
