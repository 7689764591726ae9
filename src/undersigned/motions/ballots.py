"""The voter's pages: the ballot behind their emailed link (check in, choose, confirm, then
a tracker for a secret ballot), the room code page, and the published ballots with a
tracker check once the vote has closed."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from undersigned.lib import images
from undersigned.motions import polls
from undersigned.motions.models import NamedBallot, Poll, SecretBallot
from undersigned.motions.tokens import voter_for
from undersigned.motions.views import _body, published_motions


@require_http_methods(["GET", "HEAD", "POST"])
def ballot(request: HttpRequest, token: str) -> HttpResponse:
    voter = voter_for(token)
    if voter is None:
        return render(request, "motions/ballot_problem.html", status=404)
    poll = voter.poll
    context: dict[str, object] = {
        "voter": voter,
        "poll": poll,
        "motion": poll.motion,
        "token": token,
    }
    action = request.POST.get("action", "")
    status = 200
    try:
        if action == "checkin":
            polls.check_in(voter, request.POST.get("room_code", ""))
            context["message"] = _("You are checked in: you count as present.")
        elif action == "choose":
            choice = request.POST.get("choice", "")
            if choice not in polls.CHOICES:
                raise polls.PollError(_("Choose for, against or abstain."))
            context["confirm"] = choice
            context["name"] = request.POST.get("name", "")[:200]
        elif action == "cast":
            tracker = polls.cast(
                voter,
                request.POST.get("choice", ""),
                name=request.POST.get("name", "")[:200],
                tracker=request.POST.get("tracker", ""),
            )
            context["cast"] = request.POST.get("choice")
            context["tracker"] = tracker
    except polls.PollError as problem:
        context["problem"] = str(problem)
        status = 409
    voter.refresh_from_db()
    return render(request, "motions/ballot.html", context, status=status)


@require_safe
def room(request: HttpRequest, code: str) -> HttpResponse:
    poll = get_object_or_404(Poll, room_code=code.upper(), closed_at__isnull=True)
    return render(request, "motions/room.html", {"poll": poll, "motion": poll.motion})


@require_safe
def room_qr(request: HttpRequest, code: str) -> HttpResponse:
    poll = get_object_or_404(Poll, room_code=code.upper(), closed_at__isnull=True)
    url = request.build_absolute_uri(f"/v/room/{poll.room_code}/")
    return HttpResponse(images.qr_svg(url, poll.motion.title), content_type="image/svg+xml")


@require_safe
def published_ballots(request: HttpRequest, org_slug: str, slug: str, pk: int) -> HttpResponse:
    motion = get_object_or_404(published_motions(_body(org_slug, slug)), pk=pk)
    poll = get_object_or_404(Poll, motion=motion, closed_at__isnull=False)
    tracker = request.GET.get("tracker", "").strip()
    found = polls.check_tracker(poll, tracker) if tracker else None
    context = {
        "motion": motion,
        "poll": poll,
        "secret": SecretBallot.objects.filter(poll=poll).order_by("tracker") if poll.secret else [],
        "named": NamedBallot.objects.filter(poll=poll)
        .select_related("voter")
        .order_by("voter__name")
        if not poll.secret
        else [],
        "tracker": tracker,
        "found": found,
    }
    return render(request, "motions/ballots.html", context)
