"""The workspace's members pages: owners manage regions, branches and the roster."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count, ProtectedError, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from undersigned.accounts.access import MANAGE_PEOPLE, membership
from undersigned.accounts.models import AuditEntry, Branch, Organisation, Region
from undersigned.lib.http import posted
from undersigned.members import imports, roster, structure
from undersigned.members.forms import (
    BranchForm,
    CSVUploadForm,
    RegionForm,
    RosterUploadForm,
)
from undersigned.members.models import RosterEntry, RosterImport


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _files(request: HttpRequest) -> MultiValueDict[str, UploadedFile[bytes]] | None:
    """Uploads to bind a form to: none on GET, so the page opens without errors."""
    return request.FILES if request.method == "POST" else None


def _owner(request: HttpRequest, org_slug: str) -> Organisation:
    return membership(request.user, org_slug, MANAGE_PEOPLE).organisation


def _index(
    request: HttpRequest,
    org: Organisation,
    status: int = 200,
    region_form: RegionForm | None = None,
    branch_form: BranchForm | None = None,
) -> HttpResponse:
    counts = RosterEntry.objects.filter(organisation=org).aggregate(
        active=Count("id", filter=Q(status=RosterEntry.Status.ACTIVE)),
        lapsed=Count("id", filter=Q(status=RosterEntry.Status.LAPSED)),
    )
    context = {
        "org": org,
        "regions": Region.objects.filter(organisation=org).prefetch_related("branches"),
        "counts": counts,
        "last_import": AuditEntry.objects.filter(organisation=org, action="roster.import")
        .select_related("actor")
        .first(),
        "region_form": region_form or RegionForm(org, prefix="region"),
        "branch_form": branch_form or BranchForm(org, prefix="branch"),
    }
    return render(request, "members/index.html", context, status=status)


def index(request: HttpRequest, org_slug: str) -> HttpResponse:
    return _index(request, _owner(request, org_slug))


@require_POST
def region_add(request: HttpRequest, org_slug: str) -> HttpResponse:
    org = _owner(request, org_slug)
    form = RegionForm(org, request.POST, prefix="region", instance=Region(organisation=org))
    if not form.is_valid():
        return _index(request, org, status=400, region_form=form)
    form.save()
    messages.success(request, _("Region %(name)s added.") % {"name": form.instance.name})
    return redirect("members:index", org_slug=org.slug)


@require_POST
def branch_add(request: HttpRequest, org_slug: str) -> HttpResponse:
    org = _owner(request, org_slug)
    form = BranchForm(org, request.POST, prefix="branch", instance=Branch(organisation=org))
    if not form.is_valid():
        return _index(request, org, status=400, branch_form=form)
    form.save()
    messages.success(request, _("Branch %(name)s added.") % {"name": form.instance.name})
    return redirect("members:index", org_slug=org.slug)


@require_http_methods(["GET", "HEAD", "POST"])
def region(request: HttpRequest, org_slug: str, pk: int) -> HttpResponse:
    org = _owner(request, org_slug)
    obj = get_object_or_404(Region, organisation=org, pk=pk)
    return _edit(request, org, obj, RegionForm(org, posted(request), instance=obj))


@require_http_methods(["GET", "HEAD", "POST"])
def branch(request: HttpRequest, org_slug: str, pk: int) -> HttpResponse:
    org = _owner(request, org_slug)
    obj = get_object_or_404(Branch, organisation=org, pk=pk)
    return _edit(request, org, obj, BranchForm(org, posted(request), instance=obj))


def _edit(
    request: HttpRequest, org: Organisation, obj: Region | Branch, form: RegionForm | BranchForm
) -> HttpResponse:
    region = isinstance(obj, Region)
    # Whole sentences for each kind: Welsh mutates around the noun (y rhanbarth hwn, y gangen hon).
    kind = _("Region") if region else _("Branch")
    context = {"org": org, "form": form, "obj": obj, "kind": kind}
    if request.method == "POST" and "delete" in request.POST:
        try:
            obj.delete()
        except ProtectedError:
            context["form"] = type(form)(org, instance=obj)
            context["error"] = (
                _("This region still has branches, so it cannot be deleted.")
                if region
                else _("This branch still has members on the roster, so it cannot be deleted.")
            )
            return render(request, "members/edit.html", context, status=409)
        deleted = _("The region %(name)s was deleted.") if region else None
        deleted = deleted or _("The branch %(name)s was deleted.")
        messages.success(request, deleted % {"name": obj.name})
        return redirect("members:index", org_slug=org.slug)
    if request.method == "POST" and form.is_valid():
        form.save()
        saved = _("The region %(name)s was saved.") if region else None
        saved = saved or _("The branch %(name)s was saved.")
        messages.success(request, saved % {"name": obj.name})
        return redirect("members:index", org_slug=org.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "members/edit.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def structure_import(request: HttpRequest, org_slug: str) -> HttpResponse:
    org = _owner(request, org_slug)
    form = CSVUploadForm(posted(request), _files(request))
    result = None
    if request.method == "POST" and form.is_valid():
        result = structure.import_structure(org, form.cleaned_data["file"], actor=_actor(request))
        if result.ok:
            messages.success(request, result.summary())
            return redirect("members:index", org_slug=org.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "members/structure_import.html",
        {"org": org, "form": form, "problems": result and result.problems},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def roster_upload(request: HttpRequest, org_slug: str) -> HttpResponse:
    org = _owner(request, org_slug)
    form = RosterUploadForm(
        posted(request), _files(request), ask_lapse="confirm_lapse" in request.POST
    )
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.ROSTER_BACKGROUND_BYTES:
            # A large file is imported by a worker: a web request would time out.
            job = imports.start(
                org, upload, dry_run=form.cleaned_data["dry_run"], actor=_actor(request)
            )
            return redirect("members:roster_import", org_slug=org.slug, pk=job.pk)
        result = roster.import_roster(
            org,
            upload,
            dry_run=form.cleaned_data["dry_run"],
            hold_mass_lapse=not form.cleaned_data.get("confirm_lapse"),
            actor=_actor(request),
            source=upload.name,
        )
        if result.ok and not result.dry_run and not result.held:
            messages.success(request, result.summary())
            return redirect("members:index", org_slug=org.slug)
        if result.held:
            form = RosterUploadForm(ask_lapse=True)
    status = 400 if request.method == "POST" and not (result and result.ok) else 200
    context = {
        "org": org,
        "form": form,
        "result": result,
        "limit_mb": settings.ROSTER_MAX_UPLOAD_BYTES // (1024 * 1024),
        "recent": RosterImport.objects.filter(organisation=org)[:5],
    }
    return render(request, "members/roster.html", context, status=status)


def roster_import(request: HttpRequest, org_slug: str, pk: int) -> HttpResponse:
    """A background import: its progress while it runs, then its result."""
    org = _owner(request, org_slug)
    job = get_object_or_404(RosterImport, organisation=org, pk=pk)
    context = {
        "org": org,
        "job": job,
        "progress": imports.progress(job),
        "problems": imports.problems_of(job),
        "running": job.state in (RosterImport.State.QUEUED, RosterImport.State.RUNNING),
    }
    return render(request, "members/roster_import.html", context)
