"""The officers' pages: the rulebook, bodies and their officers, meetings (notice and
attendance), motions (text, amendments, the vote) and publishing. Owners and organisers of
the organisation may do all of it; a body's chair and secretary may run that body's
meetings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.forms import BaseForm
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from undersigned.accounts import access, audit
from undersigned.accounts.models import Membership, Organisation
from undersigned.lib.http import AuthenticatedRequest, posted
from undersigned.motions import polls, services
from undersigned.motions import rulebook as rules
from undersigned.motions.models import Amendment, Body, Meeting, Motion, Officer, Poll
from undersigned.workspace.motion_forms import (
    AmendmentForm,
    AttendanceForm,
    BodyForm,
    CountForm,
    MeetingForm,
    MotionForm,
    NoticeForm,
    OfficerForm,
    PollForm,
    RulebookForm,
    VoteForm,
)


def _organisation(request: AuthenticatedRequest, org_slug: str) -> tuple[Organisation, bool]:
    """The organisation, and whether the person manages all of it (owner or organiser);
    officers of one of its bodies get False; anyone else a 404."""
    role = Membership.objects.filter(user=request.user, organisation__slug=org_slug).first()
    if role is not None and role.role in access.EDIT_LETTERS:
        return role.organisation, True
    office = Officer.objects.filter(user=request.user, body__organisation__slug=org_slug).first()
    if office is None:
        raise Http404
    return office.body.organisation, False


def _body(request: AuthenticatedRequest, org_slug: str, slug: str) -> Body:
    org, manager = _organisation(request, org_slug)
    body = get_object_or_404(Body, organisation=org, slug=slug)
    if not manager and not body.officers.filter(user=request.user).exists():
        raise Http404
    return body


def _meeting(request: AuthenticatedRequest, org_slug: str, pk: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("body"), pk=pk, body__organisation__slug=org_slug
    )
    _body(request, org_slug, meeting.body.slug)
    return meeting


def _motion(request: AuthenticatedRequest, org_slug: str, pk: int) -> Motion:
    motion = get_object_or_404(
        Motion.objects.select_related("meeting__body"),
        pk=pk,
        meeting__body__organisation__slug=org_slug,
    )
    _body(request, org_slug, motion.meeting.body.slug)
    return motion


def _not_on_roster(form: BaseForm, field: str, lines: services.Lines) -> None:
    for number, value in lines.unknown:
        message = _("Line %(line)d: “%(value)s” is not on the roster.")
        form.add_error(field, message % {"line": number, "value": value})


@login_required
def bodies(request: AuthenticatedRequest, org_slug: str) -> HttpResponse:
    org, manager = _organisation(request, org_slug)
    form = BodyForm(org, posted(request)) if manager else None
    if form is not None and request.method == "POST" and form.is_valid():
        body = form.save()
        audit.record(org, request.user, "body.created", body)
        messages.success(request, _("%(name)s was added.") % {"name": body.name})
        return redirect("workspace:body", org.slug, body.slug)
    visible = org.bodies.all() if manager else org.bodies.filter(officers__user=request.user)
    context = {
        "org": org,
        "bodies": visible.distinct(),
        "form": form,
        "manager": manager,
        "rulebook": services.current_rulebook(org),
    }
    return render(
        request,
        "workspace/motions/bodies.html",
        context,
        status=400 if form and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def rulebook(request: AuthenticatedRequest, org_slug: str) -> HttpResponse:
    org = access.membership(request.user, org_slug, access.MANAGE_PEOPLE).organisation
    current = services.current_rulebook(org)
    form = RulebookForm(
        posted(request),
        request.FILES or None,
        initial={"source": current.source if current else ""},
    )
    problems: list[rules.RulebookError] = []
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_rulebook(org, form.cleaned_data["source"], request.user)
        except rules.RulebookInvalid as invalid:
            problems = list(invalid.errors)
        else:
            audit.record(org, request.user, "rulebook.saved", saved, version=saved.number)
            messages.success(
                request, _("Rulebook version %(n)d is in force.") % {"n": saved.number}
            )
            return redirect("workspace:rulebook", org.slug)
    status = 400 if request.method == "POST" else 200
    context = {"org": org, "form": form, "problems": problems, "rulebook": current}
    return render(request, "workspace/motions/rulebook.html", context, status=status)


@login_required
def body(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    found = _body(request, org_slug, slug)
    form = MeetingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        form.instance.body = found
        meeting = form.save()
        audit.record(found.organisation, request.user, "meeting.created", meeting)
        messages.success(request, _("Meeting created. Send its notice when you are ready."))
        return redirect("workspace:meeting", org_slug, meeting.pk)
    context = {
        "org": found.organisation,
        "body": found,
        "form": form,
        "officer_form": OfficerForm(),
        "meetings": found.meetings.all(),
        "officers": found.officers.select_related("user"),
    }
    return render(
        request, "workspace/motions/body.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def add_officer(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    org, manager = _organisation(request, org_slug)
    if not manager:
        raise Http404
    found = get_object_or_404(Body, organisation=org, slug=slug)
    form = OfficerForm(request.POST)
    user = None
    if form.is_valid():
        user = User.objects.filter(username__iexact=form.cleaned_data["email"]).first()
        if user is None:
            form.add_error(
                "email", _("Nobody with this login email has an account; invite them first.")
            )
    if user is None:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("workspace:body", org_slug, slug)
    Officer.objects.get_or_create(body=found, user=user, role=form.cleaned_data["role"])
    audit.record(org, request.user, "officer.added", found, person=user.get_username())
    return redirect("workspace:body", org_slug, slug)


@login_required
def meeting(request: AuthenticatedRequest, org_slug: str, pk: int) -> HttpResponse:
    found = _meeting(request, org_slug, pk)
    return _meeting_page(request, found)


def _meeting_page(
    request: AuthenticatedRequest, found: Meeting, status: int = 200, **forms: object
) -> HttpResponse:
    context = {
        "org": found.body.organisation,
        "body": found.body,
        "meeting": found,
        "notice_form": NoticeForm(),
        "attendance_form": AttendanceForm(),
        "motion_form": MotionForm(found),
        "motions": found.motions.all(),
        "present": found.attendance.count(),
        **forms,
    }
    return render(request, "workspace/motions/meeting.html", context, status=status)


@login_required
@require_POST
def notice(request: AuthenticatedRequest, org_slug: str, pk: int) -> HttpResponse:
    found = _meeting(request, org_slug, pk)
    form = NoticeForm(request.POST)
    if not form.is_valid():
        return _meeting_page(request, found, 400, notice_form=form)
    if found.notice_sent_at is not None:
        messages.error(request, _("The notice was sent already."))
    else:
        sent = services.send_notice(found, form.cleaned_data["emails"].splitlines())
        audit.record(found.body.organisation, request.user, "meeting.notice", found, sent=sent)
        messages.success(
            request, _("Notice recorded and sent to %(n)d eligible members.") % {"n": sent}
        )
    return redirect("workspace:meeting", org_slug, pk)


@login_required
@require_POST
def attendance(request: AuthenticatedRequest, org_slug: str, pk: int) -> HttpResponse:
    found = _meeting(request, org_slug, pk)
    form = AttendanceForm(request.POST)
    if form.is_valid() and form.cleaned_data.get("members", "").strip():
        lines = services.mark_present(found, form.cleaned_data["members"])
        _not_on_roster(form, "members", lines)
    elif form.is_valid():
        services.set_present_count(found, form.cleaned_data["count"])
    if form.errors:
        return _meeting_page(request, found, 400, attendance_form=form)
    messages.success(request, _("Attendance recorded."))
    return redirect("workspace:meeting", org_slug, pk)


@login_required
@require_POST
def add_motion(request: AuthenticatedRequest, org_slug: str, pk: int) -> HttpResponse:
    found = _meeting(request, org_slug, pk)
    form = MotionForm(found, request.POST)
    if not form.is_valid():
        return _meeting_page(request, found, 400, motion_form=form)
    fields = {name: form.cleaned_data[name] for name in MotionForm.Meta.fields}
    motion = services.create_motion(found, **fields)
    audit.record(found.body.organisation, request.user, "motion.created", motion)
    return redirect("workspace:motion", org_slug, motion.pk)


@login_required
@require_POST
def publish_meeting(request: AuthenticatedRequest, org_slug: str, pk: int) -> HttpResponse:
    found = _meeting(request, org_slug, pk)
    services.publish(found)
    audit.record(found.body.organisation, request.user, "meeting.published", found)
    messages.success(request, _("Published on the body's public page."))
    return redirect("workspace:meeting", org_slug, pk)


@login_required
def motion(request: AuthenticatedRequest, org_slug: str, pk: int) -> HttpResponse:
    return _motion_page(request, _motion(request, org_slug, pk))


def _motion_page(
    request: AuthenticatedRequest, found: Motion, status: int = 200, **forms: object
) -> HttpResponse:
    poll = Poll.objects.filter(motion=found).first()
    context = {
        "org": found.meeting.body.organisation,
        "motion": found,
        "meeting": found.meeting,
        "amendment_form": AmendmentForm(),
        "vote_form": VoteForm(),
        "count_form": CountForm(),
        "amendments": found.amendments.all(),
        "versions": found.versions.all(),
        "poll": poll,
        "turnout": {
            "voted": poll.voters.filter(voted=True).count() if poll else 0,
            "checked_in": poll.voters.filter(checked_in=True).count() if poll else 0,
        },
        "poll_form": PollForm(),
        **forms,
    }
    return render(request, "workspace/motions/motion.html", context, status=status)


@login_required
@require_POST
def amend(request: AuthenticatedRequest, org_slug: str, pk: int) -> HttpResponse:
    found = _motion(request, org_slug, pk)
    form = AmendmentForm(request.POST)
    if not form.is_valid():
        return _motion_page(request, found, 400, amendment_form=form)
    try:
        services.move_amendment(found, **form.cleaned_data)
    except services.Frozen:
        messages.error(request, _("The motion has been voted on: its text can no longer change."))
    return redirect("workspace:motion", org_slug, pk)


@login_required
@require_POST
def decide_amendment(
    request: AuthenticatedRequest, org_slug: str, pk: int, number: int
) -> HttpResponse:
    found = _motion(request, org_slug, pk)
    amendment = get_object_or_404(Amendment, motion=found, number=number)
    form = CountForm(request.POST)
    if not form.is_valid():
        return _motion_page(request, found, 400, count_form=form)
    data = form.cleaned_data
    try:
        carried = services.decide_amendment(
            amendment, data["votes_for"], data["against"], data["abstain"]
        )
    except services.Frozen:
        messages.error(request, _("The motion has been voted on: its text can no longer change."))
    else:
        messages.success(
            request,
            _("Amendment carried: the motion's text is amended.")
            if carried
            else _("Amendment lost."),
        )
    return redirect("workspace:motion", org_slug, pk)


@login_required
@require_POST
def vote(request: AuthenticatedRequest, org_slug: str, pk: int) -> HttpResponse:
    found = _motion(request, org_slug, pk)
    form = VoteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        lines = services.record_vote(
            found,
            votes_for=data.get("votes_for") or 0,
            against=data.get("against") or 0,
            abstain=data.get("abstain") or 0,
            present=data.get("present"),
            roll_call=data["lines"] or None,
        )
        _not_on_roster(form, "roll_call", lines)
    if form.errors:
        return _motion_page(request, found, 400, vote_form=form)
    audit.record(found.meeting.body.organisation, request.user, "motion.vote", found)
    messages.success(request, _("Vote recorded."))
    return redirect("workspace:motion", org_slug, pk)


@login_required
@require_POST
def open_poll(request: AuthenticatedRequest, org_slug: str, pk: int) -> HttpResponse:
    found = _motion(request, org_slug, pk)
    form = PollForm(request.POST)
    if not form.is_valid():
        return _motion_page(request, found, 400, poll_form=form)
    data = form.cleaned_data
    try:
        polls.open_poll(
            found,
            data["emails"].splitlines(),
            secret=data["secret"],
            allow_change=data["allow_change"],
            closes_at=data["closes_at"],
        )
    except polls.PollError as problem:
        messages.error(request, str(problem))
    else:
        audit.record(found.meeting.body.organisation, request.user, "poll.opened", found)
        messages.success(request, _("The vote is open."))
    return redirect("workspace:motion", org_slug, pk)


@login_required
@require_POST
def close_poll(request: AuthenticatedRequest, org_slug: str, pk: int) -> HttpResponse:
    found = _motion(request, org_slug, pk)
    poll = get_object_or_404(Poll, motion=found)
    try:
        polls.close(poll)
    except polls.PollError as problem:
        messages.error(request, str(problem))
    else:
        audit.record(found.meeting.body.organisation, request.user, "poll.closed", found)
        messages.success(request, _("The vote is closed and logged."))
    return redirect("workspace:motion", org_slug, pk)
