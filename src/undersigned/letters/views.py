import uuid

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from undersigned.ledger import witnessing
from undersigned.letters import (
    challenge,
    display,
    pagecache,
    queries,
    services,
    tokens,
    translations,
    updates,
    versions,
)
from undersigned.letters.forms import DisplayForm, SignatorySearchForm, SignForm
from undersigned.letters.models import Letter, Signature
from undersigned.lib.emails import normalise_email
from undersigned.lib.network import client_ip


def home(request: HttpRequest) -> HttpResponse:
    letters = queries.open_letters().order_by("-opens_at", "-id")[:50]
    closed = queries.closed_letters()[:50]
    return render(request, "letters/home.html", {"letters": letters, "closed": closed})


def _letter_page(
    request: HttpRequest, letter: Letter, form: SignForm | None, status: int = 200, **extra: object
) -> HttpResponse:
    search = SignatorySearchForm(
        letter, request.GET if "find-q" in request.GET else None, prefix="find"
    )
    filters = search.filters()
    page, next_cursor = queries.signatories_page(letter, request.GET.get("after", ""), **filters)
    kept = request.GET.copy()
    kept.pop("after", None)
    if form is not None and "challenge" not in extra:
        # A page kept in the shared page cache is the same for every reader: it carries the
        # widget only when the whole letter asks for it; a busy network meets the widget
        # with its first refused attempt instead.
        extra["challenge"] = letter.under_attack or (
            not pagecache.enabled() and challenge.shown(letter, client_ip(request.META))
        )
    choice = _text_choice(request, letter)
    text = translations.shown(letter, choice or None)
    return render(
        request,
        "letters/letter.html",
        {
            "letter": letter,
            "form": form,
            "signatories": page,
            "next_cursor": next_cursor,
            "initial": queries.initial_signatories(letter)
            if not request.GET.get("after") and not filters
            else [],
            "search": search,
            "searching": bool(filters),
            "search_query": kept.urlencode(),
            "organisers": queries.organiser_names(letter),
            "cosignatures": witnessing.latest_cosignatures(letter),
            "text": text,
            "text_choice": choice,
            "text_shown": text.language or translations.default_language(),
            "text_languages": translations.languages(letter),
            **extra,
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def letter(request: HttpRequest, slug: str) -> HttpResponse:
    cached = pagecache.page_lookup(request, slug)  # before reading the letter
    if cached and cached.value is not None:
        return pagecache.personalise(request, cached.value)
    if (letter := pagecache.public_letter(slug)) is None:
        raise Http404
    if not letter.is_open():
        if request.method == "POST":
            return _letter_page(request, letter, None, status=403, refused=True)
        return pagecache.page(
            request, cached, letter, lambda **extra: _letter_page(request, letter, None, **extra)
        )
    if request.method != "POST":
        form = SignForm(letter)
        return pagecache.page(
            request, cached, letter, lambda **extra: _letter_page(request, letter, form, **extra)
        )
    form = SignForm(letter, request.POST)
    if not form.is_valid():
        return _letter_page(request, letter, form, status=400)
    friction = challenge.attempt(letter, client_ip(request.META))
    if friction == challenge.Friction.REFUSED:
        form.add_error(None, challenge.REFUSED)
        form.error_title = _("Your signature was not recorded yet")
        response = _letter_page(request, letter, form, status=429)
        response["Retry-After"] = str(settings.SIGN_LIMIT_WINDOW)
        return response
    if friction == challenge.Friction.CHALLENGE and not challenge.verify(
        request.POST.get("altcha", "")
    ):
        form.add_error(None, challenge.REQUIRED)
        return _letter_page(request, letter, form, status=400, challenge=True)
    data = form.cleaned_data
    try:
        services.sign(
            letter,
            name=data["name"],
            email=data["email"],
            role=data.get("role", ""),
            branch=data.get("branch"),
            display=data["display"],
            wants_updates=data.get("wants_updates", False),
            ip=client_ip(request.META),
            membership_number=data.get("membership_number", ""),
            postcode=data.get("postcode", ""),
            text_language=_text_choice(request, letter),
        )
    except services.LetterClosed:
        return _letter_page(request, letter, None, status=403, refused=True)
    except services.NotEligible as refusal:
        form.add_error(None, str(refusal))
        form.error_title = _("Your signature was not recorded")
        return _letter_page(request, letter, form, status=403)
    # Shown once on the next page, so the signer can spot a typo. A signed cookie for that
    # page only, not the session: signing creates no session (the letter page stays in the
    # page cache and reads stay on the replica), and the address is in no URL.
    response = redirect("letters:check_email", slug=letter.slug)
    response.set_signed_cookie(
        _SIGNED_EMAIL,
        normalise_email(data["email"]),
        salt=_SIGNED_EMAIL,
        max_age=600,
        path=reverse("letters:check_email", args=[letter.slug]),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


_SIGNED_EMAIL = "undersigned-signed-email"


def challenge_json(request: HttpRequest) -> JsonResponse:
    """A fresh proof-of-work challenge for the sign form's widget."""
    response = JsonResponse(challenge.create())
    response["Cache-Control"] = "no-store"
    return response


def _text_choice(request: HttpRequest, letter: Letter) -> str:
    """The language of the text the reader picked with the page's language links (`?text=`),
    or "" to follow their language."""
    if not (choice := request.GET.get("text", "")):
        return ""  # the common case, without reading the letter's languages
    return choice if choice in {link.code for link in translations.languages(letter)} else ""


def check_email(request: HttpRequest, slug: str) -> HttpResponse:
    email = request.get_signed_cookie(_SIGNED_EMAIL, default="", salt=_SIGNED_EMAIL, max_age=600)
    context = {"letter": queries.public_letter(slug), "email": email}
    response = render(request, "letters/check_email.html", context)
    response.delete_cookie(_SIGNED_EMAIL, path=request.path)
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    letter, uid, expired = _link_target(slug, token, tokens.CONFIRM)
    if expired:
        return _link_problem(request, letter, expired=True)
    if request.method == "POST":
        # The service reads (and locks) the signature itself: no read of it here first.
        outcome, confirmed = (
            services.confirm(uid, letter) if uid else (services.Confirmed.GONE, None)
        )
        if confirmed is None:
            return _link_problem(request, letter)
    else:
        signature = _signature_of(letter, uid)
        if signature is None:
            return _link_problem(request, letter)
        confirmed = signature
        # A used or stale link says what already happened rather than offering the button.
        if (refused := services.confirm_outcome(signature)) is not None:
            outcome = refused
        else:
            # The words they are putting their name to: the text (and its language) they signed.
            text = translations.shown(
                letter, signature.text_language or translations.default_language()
            )
            context = {"letter": letter, "signature": signature, "text": text}
            return render(request, "letters/confirm.html", context)
    refusals = (services.Confirmed.CLOSED, services.Confirmed.GONE, services.Confirmed.MEMBER_USED)
    status = 403 if outcome in refusals else 200
    return render(
        request,
        "letters/confirmed.html",
        {
            "letter": letter,
            "signature": confirmed,
            "outcome": outcome.value,
            "share_url": request.build_absolute_uri(letter.get_absolute_url()),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    letter, uid, _expired = _link_target(slug, token, tokens.WITHDRAW)  # they never expire
    if (signature := _signature_of(letter, uid)) is None:
        return _link_problem(request, letter)
    display_form = DisplayForm(initial={"display": signature.display})
    if request.method == "POST" and "display" in request.POST:
        # Not withdrawing: changing how the signature shows (the same link serves both).
        display_form = DisplayForm(request.POST)
        if display_form.is_valid() and display.change_display(
            signature, display_form.cleaned_data["display"]
        ):
            messages.success(request, _("Done: your signature now shows as you chose."))
        return redirect(request.path)
    if request.method != "POST":
        if signature.status != Signature.Status.WITHDRAWN:
            context = {"letter": letter, "signature": signature, "display_form": display_form}
            return render(request, "letters/withdraw.html", context)
        outcome = services.Withdrawn.ALREADY
    else:
        outcome, _signature = services.withdraw(signature.uid)
    return render(request, "letters/withdrawn.html", {"letter": letter, "outcome": outcome.value})


def changes(request: HttpRequest, slug: str) -> HttpResponse:
    """Every version of the text, each with what changed from the one before."""
    letter = queries.public_letter(slug)
    return render(
        request, "letters/changes.html", {"letter": letter, "changes": versions.changes(letter)}
    )


def _link_target(slug: str, token: str, purpose: str) -> tuple[Letter, uuid.UUID | None, bool]:
    """The letter of an emailed link (a public one from the page cache), the signature uid
    its token names (None if forged or expired) and whether it has expired. Initial
    signatories confirm (or withdraw) before publication, so a draft's links work too, but
    only with a genuine, current token for one of its signatures (see _link_problem)."""
    letter = pagecache.public_letter(slug) or get_object_or_404(
        Letter.objects.select_related("organisation"), slug=slug
    )
    try:
        return letter, tokens.read(token, purpose), False
    except tokens.Expired:
        return letter, None, True


def _signature_of(letter: Letter, uid: uuid.UUID | None) -> Signature | None:
    signature = letter.signatures.filter(uid=uid).first() if uid else None
    if signature is not None:
        signature.letter = letter
    return signature


def _link_problem(request: HttpRequest, letter: Letter, expired: bool = False) -> HttpResponse:
    """A link naming no signature of the letter (404), or an expired one (410). For a draft,
    a bare 404: nobody without a genuine, current link learns that it exists."""
    if not letter.is_public:
        raise Http404
    context = {"letter": letter, "expired": expired}
    return render(request, "letters/link_problem.html", context, status=410 if expired else 404)


@csrf_exempt  # the token in the address is the credential; mail programs post one-click
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """Stop a signer's updates and reminder (RFC 8058 one-click, or the button on the page)."""
    letter = get_object_or_404(Letter.objects.select_related("organisation"), slug=slug)
    uid = tokens.read(token, tokens.UNSUBSCRIBE)
    signature = letter.signatures.filter(uid=uid).first() if uid else None
    if signature is None:
        return render(request, "letters/link_problem.html", {"letter": letter}, status=404)
    if request.method == "POST":
        updates.unsubscribe(signature)
        signature.refresh_from_db()
    context = {"letter": letter, "signature": signature, "done": request.method == "POST"}
    return render(request, "letters/unsubscribe.html", context)
