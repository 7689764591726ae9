"""The demo's motion: the Wearside branch's motion to expel Sam Okafor, moved without notice
at an ordinary meeting, recorded and judged void under the demo rulebook (only the regional
committee can end a membership). `undersigned demo` links the solidarity letter to it."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from undersigned.accounts.models import Branch, Organisation
from undersigned.motions import rulebook as rules
from undersigned.motions import services
from undersigned.motions.models import Body, Meeting, Motion, Officer

TEXT = """That this branch expels Sam Okafor from the Northern Members' Network, with immediate
effect, for bringing the branch into disrepute."""


def load(organisation: Organisation, branch: Branch, secretary: User) -> Motion:
    """Create the story once (idempotent) and return the motion."""
    found = Motion.objects.filter(
        meeting__body__organisation=organisation, kind="discipline"
    ).first()
    if found is not None:
        return found
    if services.current_rulebook(organisation) is None:
        services.save_rulebook(organisation, rules.DEMO_PATH.read_text(encoding="utf-8"), None)
    body, _ = Body.objects.get_or_create(
        organisation=organisation,
        slug="wearside-branch",
        defaults={"kind": "branch", "name": "Wearside branch", "branch": branch},
    )
    Officer.objects.get_or_create(body=body, user=secretary, role=Officer.Role.SECRETARY)
    start = (timezone.now() - timedelta(days=3)).replace(hour=19, minute=0, second=0, microsecond=0)
    # An ordinary meeting called with no notice to the members, as the story has it.
    meeting = Meeting.objects.create(
        body=body,
        kind=Meeting.Kind.ORDINARY,
        starts_at=start,
        place="Wearside Labour Club",
        eligible_count=64,
    )
    services.set_present_count(meeting, 15)
    motion = services.create_motion(
        meeting,
        kind=Motion.Kind.DISCIPLINE,
        title="Motion to expel Sam Okafor",
        text=TEXT,
        mover="Dan Reed",
        seconder="Alan Pike",
        received_at=start + timedelta(minutes=40),
    )
    services.record_vote(
        motion, votes_for=9, against=4, abstain=2, present=15, at=start + timedelta(minutes=55)
    )
    services.publish(meeting)
    motion.refresh_from_db()
    return motion
