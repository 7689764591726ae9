from django.urls import path

from undersigned.letters import sharing

app_name = "sharing"
urlpatterns = [
    path("l/<slug:slug>/embed", sharing.embed, name="embed"),
    path("l/<slug:slug>/share.png", sharing.image, name="image"),
    path("l/<slug:slug>/qr.svg", sharing.qr_svg, name="qr_svg"),
    path("l/<slug:slug>/qr.png", sharing.qr_png, name="qr_png"),
    path("l/<slug:slug>/print/", sharing.print_view, name="print"),
    path("workspace/share/<slug:slug>/", sharing.snippet, name="snippet"),
]
