from django.urls import path

from undersigned.api import views
from undersigned.api.v1 import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("workspace/tokens/", views.tokens, name="api_tokens"),
    path("workspace/tokens/<int:pk>/revoke/", views.revoke, name="api_token_revoke"),
]
