"""The floor's one endpoint (see bench/floor/app.py)."""

from django.http import HttpRequest
from django.urls import path
from ninja import NinjaAPI, Status

from undersigned.api.schemas import AcceptedOut, SignIn
from undersigned.letters.models import Letter, Signature

api = NinjaAPI(urls_namespace="floor")
letters: dict[str, int] = {}  # slug -> id: each process reads a letter once


@api.post("/letters/{slug}/signatures", response={202: AcceptedOut})
def sign(request: HttpRequest, slug: str, payload: SignIn) -> Status[dict[str, str]]:
    if slug not in letters:
        letters[slug] = Letter.objects.values_list("pk", flat=True).get(slug=slug)
    Signature.objects.create(
        letter_id=letters[slug],
        name=payload.name,
        email=payload.email,
        role=payload.role,
        display=payload.display,
        language="en",
        emails_sent=1,
    )
    return Status(202, {"status": "pending"})


urlpatterns = [path("api/v1/", api.urls)]
