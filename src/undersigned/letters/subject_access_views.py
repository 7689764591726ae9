"""The pages of subject access (see subject_access.py)."""

import json

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from undersigned.letters import queries, subject_access, tokens
from undersigned.letters.models import Letter, Signature
from undersigned.lib.forms import AccessibleErrorsMixin
from undersigned.lib.http import posted
from undersigned.lib.network import client_ip


class AccessForm(AccessibleErrorsMixin, forms.Form):
    email = forms.EmailField(
        max_length=254,
        label=gettext_lazy("The email address you signed with"),
        error_messages={"required": gettext_lazy("Enter your email address.")},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def ask(request: HttpRequest, slug: str) -> HttpResponse:
    letter = queries.public_letter(slug)
    form = AccessForm(posted(request))
    if request.method == "POST" and form.is_valid():
        subject_access.request_access(letter, form.cleaned_data["email"], client_ip(request.META))
        return render(request, "letters/my_data_sent.html", {"letter": letter})
    status = 400 if form.errors else 200
    context = {"letter": letter, "form": form}
    return render(request, "letters/my_data_ask.html", context, status=status)


def _signature(slug: str, token: str) -> tuple[Letter, Signature]:
    try:
        uid = tokens.read(token, tokens.ACCESS)
    except tokens.Expired:
        uid = None
    signature = (
        Signature.objects.select_related("letter", "branch", "region")
        .filter(uid=uid, letter__slug=slug, erased_at__isnull=True)
        .first()
        if uid
        else None
    )
    if signature is None:
        raise Http404
    return signature.letter, signature


def show(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    letter, signature = _signature(slug, token)
    data = json.dumps(subject_access.data_of(signature), indent=2, ensure_ascii=False)
    context = {"letter": letter, "signature": signature, "data": data, "token": token}
    response = render(request, "letters/my_data.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


def download(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    letter, signature = _signature(slug, token)
    body = json.dumps(subject_access.data_of(signature), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{letter.slug}-my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def erase(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    letter, signature = _signature(slug, token)
    subject_access.erase(signature)
    return render(request, "letters/my_data_erased.html", {"letter": letter})
