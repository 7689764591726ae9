"""Letters in the workspace: the dashboard, the editor and a letter's life."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from undersigned.accounts import access, audit
from undersigned.accounts.models import Membership
from undersigned.ledger.models import Log
from undersigned.letters import invitations, retention, services
from undersigned.letters.markdown import render_markdown
from undersigned.letters.models import Letter, Signature
from undersigned.lib.http import AuthenticatedRequest, posted
from undersigned.workspace import editor, queries
from undersigned.workspace.forms import InitialSignatoryForm, LetterForm, ReopenForm
from undersigned.workspace.views.common import back, letter_for, status_of


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    roles = Membership.objects.filter(user=request.user).select_related("organisation")
    letters = queries.dashboard_letters(request.user)
    return render(
        request,
        "workspace/dashboard.html",
        {"roles": roles, "letters": letters, "can_edit": access.EDIT_LETTERS},
    )


@login_required
def create(request: AuthenticatedRequest, org_slug: str) -> HttpResponse:
    member = access.membership(request.user, org_slug, access.EDIT_LETTERS)
    with timezone.override(member.organisation.time_zone):
        return _create(request, member)


def _create(request: AuthenticatedRequest, member: Membership) -> HttpResponse:
    form = LetterForm(member.organisation, posted(request))
    preview = request.POST.get("action") == "preview"
    if request.method == "POST" and form.is_valid() and not preview:
        letter = editor.save(form, member)
        messages.success(request, _("Letter created as a draft."))
        return back(letter)
    context = {"org": member.organisation, "form": form, "preview": _preview(form, preview)}
    return render(request, "workspace/edit.html", context, status=status_of(request, form))


@login_required
def edit(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = letter_for(request, org_slug, slug, access.EDIT_LETTERS)
    # Times are entered and shown in the organisation's zone.
    with timezone.override(member.organisation.time_zone):
        return _edit(request, member, letter)


def _edit(request: AuthenticatedRequest, member: Membership, letter: Letter) -> HttpResponse:
    form = LetterForm(member.organisation, posted(request), instance=letter)
    preview = request.POST.get("action") == "preview"
    if request.method == "POST" and form.is_valid() and not preview:
        editor.save(form, member)
        messages.success(request, _("Saved."))
        return back(letter)
    context = {
        "org": member.organisation,
        "member": member,
        "letter": letter,
        "form": form,
        "preview": _preview(form, preview),
    }
    return render(request, "workspace/edit.html", context, status=status_of(request, form))


def _preview(form: LetterForm, wanted: bool) -> str:
    """The text as the public page would render it, from the unsaved form."""
    if not wanted or not form.is_bound:
        return ""
    return render_markdown(form.data.get("body", ""))


@login_required
def letter(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = letter_for(request, org_slug, slug)
    context = {
        "member": member,
        "letter": letter,
        "can_edit": member.role in access.EDIT_LETTERS,
        "flagged": letter.signatures.filter(
            status=Signature.Status.CONFIRMED, review=Signature.Review.FLAGGED
        ).count(),
        "initial": letter.signatures.filter(is_initial=True).order_by("id"),
        "initial_form": InitialSignatoryForm(letter),
        "reopen_form": ReopenForm(zone=member.organisation.time_zone),
        "log": Log.objects.of(letter).first(),
        "erase_on": retention.erase_on(letter),
    }
    with timezone.override(member.organisation.time_zone):
        return render(request, "workspace/letter.html", context)


@login_required
def preview(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = letter_for(request, org_slug, slug, access.EDIT_LETTERS)
    return render(request, "workspace/preview.html", {"letter": letter, "member": member})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def publish(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    """GET asks for confirmation, with what publishing will do; POST publishes."""
    member, letter = letter_for(request, org_slug, slug, access.EDIT_LETTERS)
    problem = invitations.publish_problem(letter)
    if request.method != "POST" or problem:
        context = {"member": member, "letter": letter, "action": "publish", "problem": problem}
        context["initial"] = letter.signatures.filter(is_initial=True).count()
        return render(
            request,
            "workspace/confirm_action.html",
            context,
            status=400 if problem and request.method == "POST" else 200,
        )
    if services.publish(letter):
        audit.record(member.organisation, request.user, audit.PUBLISHED, letter)
        messages.success(request, _("Published: the letter is open for signatures."))
    else:
        messages.error(request, _("Only a draft can be published."))
    return back(letter)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def close(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    """GET asks for confirmation; POST closes."""
    member, letter = letter_for(request, org_slug, slug, access.EDIT_LETTERS)
    if request.method != "POST":
        context = {"member": member, "letter": letter, "action": "close"}
        return render(request, "workspace/confirm_action.html", context)
    if services.close(letter):
        audit.record(member.organisation, request.user, audit.CLOSED, letter)
        messages.success(request, _("Closed: the letter no longer accepts signatures."))
    else:
        messages.error(request, _("Only an open letter can be closed."))
    return back(letter)


@login_required
@require_POST
def reopen(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = letter_for(request, org_slug, slug, access.EDIT_LETTERS)
    with timezone.override(member.organisation.time_zone):
        form = ReopenForm(request.POST, zone=member.organisation.time_zone)
        form.is_valid()
    if form.is_valid() and services.reopen(letter, form.cleaned_data["closes_at"]):
        closes_at = form.cleaned_data["closes_at"]
        detail = {"closes_at": closes_at.isoformat() if closes_at else None}
        audit.record(member.organisation, request.user, audit.REOPENED, letter, **detail)
        messages.success(request, _("Reopened: the letter accepts signatures again."))
        return back(letter)
    context = {"letter": letter, "form": form, "member": member}
    return render(request, "workspace/reopen.html", context, status=400)


@login_required
@require_POST
def add_initial(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = letter_for(request, org_slug, slug, access.EDIT_LETTERS)
    form = InitialSignatoryForm(letter, request.POST)
    if letter.status != Letter.Status.DRAFT:
        messages.error(request, _("Initial signatories are added before publication."))
        return back(letter)
    if not form.is_valid():
        context = {"letter": letter, "form": form, "member": member}
        return render(request, "workspace/initial.html", context, status=400)
    data = form.cleaned_data
    services.sign(letter, display=Signature.Display.FULL, is_initial=True, **data)
    audit.record(
        member.organisation, request.user, audit.INITIAL_SIGNATORY, letter, name=data["name"]
    )
    messages.success(request, _("%(name)s was emailed a link to confirm.") % {"name": data["name"]})
    return back(letter)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def duplicate(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    """A new draft from this letter's text and settings: a template for the next one."""
    member, letter = letter_for(request, org_slug, slug, access.EDIT_LETTERS)
    if request.method != "POST":
        context = {"member": member, "letter": letter, "action": "duplicate"}
        return render(request, "workspace/confirm_action.html", context)
    copy = editor.duplicate(letter, member)
    messages.success(
        request, _("This is a new draft, copied from “%(title)s”.") % {"title": letter.title}
    )
    return back(copy, "edit")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    """Delete a draft (a published letter is never deleted: its log is public)."""
    member, letter = letter_for(request, org_slug, slug, access.EDIT_LETTERS)
    if letter.status != Letter.Status.DRAFT:
        messages.error(request, _("Only a draft can be deleted; a published letter can be closed."))
        return back(letter)
    if request.method != "POST":
        context = {"member": member, "letter": letter, "action": "delete"}
        return render(request, "workspace/confirm_action.html", context)
    title = letter.title
    editor.delete_draft(letter, member)
    messages.success(request, _("The draft “%(title)s” was deleted.") % {"title": title})
    return redirect("workspace:dashboard")
