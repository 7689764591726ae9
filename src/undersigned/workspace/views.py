"""The organiser workspace. Every view finds the person's membership first
(access.membership raises 404 outside their organisation or role), then the letter
inside that organisation only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from undersigned.accounts import access, audit, invites, roles
from undersigned.accounts.forms import InviteForm, RoleForm
from undersigned.accounts.models import Membership
from undersigned.letters import export, services, stats
from undersigned.letters.markdown import render_markdown
from undersigned.letters.models import Letter, Signature
from undersigned.letters.moderation import LABELS as FLAG_LABELS
from undersigned.workspace import charts, editor, queries
from undersigned.workspace.forms import InitialSignatoryForm, LetterForm, RemoveForm, ReopenForm


def _posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, even an empty one (so it is validated, not ignored)."""
    return request.POST if request.method == "POST" else None


def _user(request: HttpRequest) -> User:
    """The logged-in person (every view here is behind login_required)."""
    assert isinstance(request.user, User)
    return request.user


def _letter(
    request: HttpRequest, org_slug: str, slug: str, roles: tuple[str, ...] = access.MODERATE
) -> tuple[Membership, Letter]:
    member = access.membership(_user(request), org_slug, roles)
    return member, get_object_or_404(Letter, organisation=member.organisation, slug=slug)


def _back(letter: Letter, view: str = "letter") -> HttpResponse:
    return redirect(f"workspace:{view}", letter.organisation.slug, letter.slug)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    roles = Membership.objects.filter(user=_user(request)).select_related("organisation")
    letters = queries.dashboard_letters(_user(request))
    return render(
        request,
        "workspace/dashboard.html",
        {"roles": roles, "letters": letters, "can_edit": access.EDIT_LETTERS},
    )


@login_required
def create(request: HttpRequest, org_slug: str) -> HttpResponse:
    member = access.membership(_user(request), org_slug, access.EDIT_LETTERS)
    form = LetterForm(member.organisation, _posted(request))
    preview = request.POST.get("action") == "preview"
    if request.method == "POST" and form.is_valid() and not preview:
        letter = editor.save(form, member)
        messages.success(request, "Letter created as a draft.")
        return _back(letter)
    context = {"org": member.organisation, "form": form, "preview": _preview(form, preview)}
    return render(request, "workspace/edit.html", context, status=_status(request, form))


@login_required
def edit(request: HttpRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = _letter(request, org_slug, slug, access.EDIT_LETTERS)
    form = LetterForm(member.organisation, _posted(request), instance=letter)
    preview = request.POST.get("action") == "preview"
    if request.method == "POST" and form.is_valid() and not preview:
        editor.save(form, member)
        messages.success(request, "Saved.")
        return _back(letter)
    context = {
        "org": member.organisation,
        "member": member,
        "letter": letter,
        "form": form,
        "preview": _preview(form, preview),
    }
    return render(request, "workspace/edit.html", context, status=_status(request, form))


def _preview(form: LetterForm, wanted: bool) -> str:
    """The text as the public page would render it, from the unsaved form."""
    if not wanted or not form.is_bound:
        return ""
    return render_markdown(form.data.get("body", ""))


def _status(request: HttpRequest, form: LetterForm) -> int:
    return 400 if request.method == "POST" and form.errors else 200


@login_required
def letter(request: HttpRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = _letter(request, org_slug, slug)
    context = {
        "member": member,
        "letter": letter,
        "can_edit": member.role in access.EDIT_LETTERS,
        "flagged": letter.signatures.filter(
            status=Signature.Status.CONFIRMED, review=Signature.Review.FLAGGED
        ).count(),
        "initial": letter.signatures.filter(is_initial=True).order_by("id"),
        "initial_form": InitialSignatoryForm(letter),
        "reopen_form": ReopenForm(),
    }
    return render(request, "workspace/letter.html", context)


@login_required
def preview(request: HttpRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = _letter(request, org_slug, slug, access.EDIT_LETTERS)
    return render(request, "workspace/preview.html", {"letter": letter, "member": member})


@login_required
@require_POST
def publish(request: HttpRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = _letter(request, org_slug, slug, access.EDIT_LETTERS)
    if services.publish(letter):
        audit.record(member.organisation, _user(request), audit.PUBLISHED, letter)
        messages.success(request, "Published: the letter is open for signatures.")
    else:
        messages.error(request, "Only a draft can be published.")
    return _back(letter)


@login_required
@require_POST
def close(request: HttpRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = _letter(request, org_slug, slug, access.EDIT_LETTERS)
    if services.close(letter):
        audit.record(member.organisation, _user(request), audit.CLOSED, letter)
        messages.success(request, "Closed: the letter no longer accepts signatures.")
    else:
        messages.error(request, "Only an open letter can be closed.")
    return _back(letter)


@login_required
@require_POST
def reopen(request: HttpRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = _letter(request, org_slug, slug, access.EDIT_LETTERS)
    form = ReopenForm(request.POST)
    if form.is_valid() and services.reopen(letter, form.cleaned_data["closes_at"]):
        closes_at = form.cleaned_data["closes_at"]
        detail = {"closes_at": closes_at.isoformat() if closes_at else None}
        audit.record(member.organisation, _user(request), audit.REOPENED, letter, **detail)
        messages.success(request, "Reopened: the letter accepts signatures again.")
        return _back(letter)
    context = {"letter": letter, "form": form, "member": member}
    return render(request, "workspace/reopen.html", context, status=400)


@login_required
@require_POST
def add_initial(request: HttpRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = _letter(request, org_slug, slug, access.EDIT_LETTERS)
    form = InitialSignatoryForm(letter, request.POST)
    if letter.status != Letter.Status.DRAFT:
        messages.error(request, "Initial signatories are added before publication.")
        return _back(letter)
    if not form.is_valid():
        context = {"letter": letter, "form": form, "member": member}
        return render(request, "workspace/initial.html", context, status=400)
    data = form.cleaned_data
    services.sign(letter, display=Signature.Display.FULL, is_initial=True, **data)
    audit.record(
        member.organisation, _user(request), audit.INITIAL_SIGNATORY, letter, name=data["name"]
    )
    messages.success(request, f"{data['name']} was emailed a link to confirm.")
    return _back(letter)


@login_required
def moderation(request: HttpRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = _letter(request, org_slug, slug)
    query = request.GET.get("q", "").strip()
    confirmed = letter.signatures.filter(status=Signature.Status.CONFIRMED)
    shown = (
        confirmed.filter(name__icontains=query)
        if query
        else confirmed.filter(review=Signature.Review.FLAGGED)
    )
    removed = letter.signatures.filter(status=Signature.Status.REMOVED).order_by("-removed_at")
    context = {
        "member": member,
        "letter": letter,
        "query": query,
        "queue": Paginator(shown.select_related("branch").order_by("id"), 50).get_page(
            request.GET.get("page")
        ),
        "removed": removed.select_related("removed_by")[:200],
        "flag_labels": FLAG_LABELS,
        "reasons": dict((code.value, label) for code, label in services.REMOVAL_LABELS.items()),
    }
    return render(request, "workspace/moderation.html", context)


def _signature(letter: Letter, signature_id: int) -> Signature:
    return get_object_or_404(letter.signatures.select_related("letter"), pk=signature_id)


@login_required
@require_POST
def approve(request: HttpRequest, org_slug: str, slug: str, signature_id: int) -> HttpResponse:
    member, letter = _letter(request, org_slug, slug)
    signature = _signature(letter, signature_id)
    if services.approve(signature, _user(request)):
        audit.record(
            member.organisation, _user(request), audit.APPROVED, letter, signature=signature.pk
        )
        messages.success(request, f"Approved {signature.name}.")
    return _back(letter, "moderation")


@login_required
def remove(request: HttpRequest, org_slug: str, slug: str, signature_id: int) -> HttpResponse:
    member, letter = _letter(request, org_slug, slug)
    signature = _signature(letter, signature_id)
    form = RemoveForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        reason, note = form.cleaned_data["reason"], form.cleaned_data["note"]
        if services.remove(signature, _user(request), reason, note):
            audit.record(
                member.organisation,
                _user(request),
                audit.REMOVED,
                letter,
                signature=signature.pk,
                reason=reason,
            )
            messages.success(request, f"Removed {signature.name}; it no longer counts.")
        return _back(letter, "moderation")
    context = {"letter": letter, "signature": signature, "form": form, "member": member}
    status = 400 if form.errors else 200
    return render(request, "workspace/remove.html", context, status=status)


@login_required
@require_POST
def restore(request: HttpRequest, org_slug: str, slug: str, signature_id: int) -> HttpResponse:
    member, letter = _letter(request, org_slug, slug)
    signature = _signature(letter, signature_id)
    if services.restore(signature, _user(request)):
        audit.record(
            member.organisation, _user(request), audit.RESTORED, letter, signature=signature.pk
        )
        messages.success(request, f"Restored {signature.name}; it counts again.")
    return _back(letter, "moderation")


@login_required
def exports(request: HttpRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = _letter(request, org_slug, slug)
    can_private = member.role in access.EDIT_LETTERS
    context = {"letter": letter, "member": member, "can_private": can_private}
    return render(request, "workspace/export.html", context)


FORMATS = {
    "csv": (export.stream_csv, "text/csv; charset=utf-8"),
    "json": (export.stream_json, "application/json"),
}


@login_required
def download(
    request: HttpRequest, org_slug: str, slug: str, kind: str, fmt: str
) -> StreamingHttpResponse:
    if kind not in ("public", "private") or fmt not in FORMATS:
        raise Http404
    # Only organisers and owners see emails; a moderator gets the same 404 as a stranger.
    roles = access.EDIT_LETTERS if kind == "private" else access.MODERATE
    member, letter = _letter(request, org_slug, slug, roles)
    stream, content_type = FORMATS[fmt]
    audit.record(member.organisation, _user(request), audit.EXPORTED, letter, kind=kind, fmt=fmt)
    response = StreamingHttpResponse(
        stream(letter, private=kind == "private"), content_type=content_type
    )
    filename = f"{letter.slug}-{kind}-signatures.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def statistics(request: HttpRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = _letter(request, org_slug, slug, access.EDIT_LETTERS)
    figures = stats.letter_stats(letter)
    context = {
        "letter": letter,
        "member": member,
        "stats": figures,
        "hourly": charts.bar_chart(
            "Signatures per hour, last 48 hours", figures["per_hour"], "hour"
        ),
        "daily": charts.bar_chart("Signatures per day", figures["per_day"], "day", fmt=10),
    }
    return render(request, "workspace/stats.html", context)


@login_required
def audit_log(request: HttpRequest, org_slug: str) -> HttpResponse:
    member = access.membership(_user(request), org_slug, access.MANAGE_PEOPLE)
    entries = member.organisation.audit.select_related("actor", "letter")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "workspace/audit.html", {"org": member.organisation, "page": page})


@login_required
def people(request: HttpRequest, org_slug: str) -> HttpResponse:
    member = access.membership(_user(request), org_slug, access.MANAGE_PEOPLE)
    form = InviteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        email, role = form.cleaned_data["email"], form.cleaned_data["role"]
        try:
            invites.invite(member.organisation, email, role, _user(request))
        except invites.AlreadyMember:
            form.add_error("email", "This person is in the organisation already.")
        else:
            messages.success(request, f"Invitation sent to {email}.")
            return redirect("workspace:people", org_slug)
    org = member.organisation
    context = {
        "org": org,
        "form": form,
        "staff": [
            (m, RoleForm(initial={"role": m.role}, prefix=f"m{m.pk}"))
            for m in org.staff.select_related("user").order_by("user__username")
        ],
        "invites": org.invites.filter(accepted_at__isnull=True)[:100],
    }
    return render(request, "workspace/people.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def change_role(request: HttpRequest, org_slug: str, membership_id: int) -> HttpResponse:
    member = access.membership(_user(request), org_slug, access.MANAGE_PEOPLE)
    target = get_object_or_404(member.organisation.staff, pk=membership_id)
    form = RoleForm(request.POST, prefix=f"m{target.pk}")
    if not form.is_valid():
        messages.error(request, "Choose a role from the list.")
    elif form.cleaned_data["role"] != target.role:
        try:
            roles.change_role(target, form.cleaned_data["role"], _user(request))
            messages.success(request, f"{target.user} is now {target.get_role_display().lower()}.")
        except roles.LastOwner:
            messages.error(request, "An organisation needs at least one owner.")
    return redirect("workspace:people", org_slug)


@login_required
@require_POST
def remove_person(request: HttpRequest, org_slug: str, membership_id: int) -> HttpResponse:
    member = access.membership(_user(request), org_slug, access.MANAGE_PEOPLE)
    target = get_object_or_404(member.organisation.staff, pk=membership_id)
    try:
        roles.remove_member(target, _user(request))
        messages.success(request, f"{target.user} no longer has a role here.")
    except roles.LastOwner:
        messages.error(request, "An organisation needs at least one owner.")
    return redirect("workspace:people", org_slug)


@login_required
@require_POST
def cancel_invite(request: HttpRequest, org_slug: str, invite_id: int) -> HttpResponse:
    member = access.membership(_user(request), org_slug, access.MANAGE_PEOPLE)
    found = get_object_or_404(member.organisation.invites, pk=invite_id)
    if invites.cancel(found, _user(request)):
        messages.success(request, f"The invitation to {found.email} was cancelled.")
    return redirect("workspace:people", org_slug)
