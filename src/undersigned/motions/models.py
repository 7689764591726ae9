"""Branch meetings and their motions, recorded by the body's officers, and judged against the
organisation's rulebook (rulebook.py, standing.py). The verdict is stored with the motion and
recomputed whenever the record changes, so every page and the API show the same one."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from undersigned.accounts.models import Branch, Organisation, Region
from undersigned.members.eligibility import Audience
from undersigned.members.models import Eligibility, RosterEntry
from undersigned.motions.rulebook import MEETING_LABELS, MOTION_LABELS, MeetingKind, MotionKind
from undersigned.motions.standing import STANDING_LABELS, Standing


class Rulebook(models.Model):
    """One version of an organisation's rulebook: the TOML source as uploaded (hashed,
    shown publicly). The newest version is the one in force."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="rulebooks")
    number = models.PositiveIntegerField()
    source = models.TextField()
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="rulebook_number"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} rulebook v{self.number}"


class Body(models.Model):
    """A body that meets and decides: a branch, a district party, the regional committee,
    the national executive, a named committee. `kind` names its rules in the rulebook; its
    eligible members are the active roster members of its branch, its region, or the whole
    organisation."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="bodies")
    kind = models.CharField(max_length=50)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    branch = models.ForeignKey(Branch, models.PROTECT, null=True, blank=True, related_name="+")
    region = models.ForeignKey(Region, models.PROTECT, null=True, blank=True, related_name="+")
    published = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="body_slug"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("motions:body", args=[self.organisation.slug, self.slug])

    def audience(self) -> Audience:
        if self.branch_id:
            return Audience(
                self.organisation, Eligibility.GROUPS, branch_ids=frozenset({self.branch_id})
            )
        if self.region_id:
            return Audience(
                self.organisation, Eligibility.GROUPS, region_ids=frozenset({self.region_id})
            )
        return Audience(self.organisation, Eligibility.MEMBERS)


class Officer(models.Model):
    """A person's office in a body: officers call meetings and record what they decide."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")

    body = models.ForeignKey(Body, models.CASCADE, related_name="officers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="offices")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["body", "user", "role"], name="officer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} of {self.body}"


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", MEETING_LABELS[MeetingKind.ORDINARY]
        SPECIAL = "special", MEETING_LABELS[MeetingKind.SPECIAL]
        AGM = "agm", MEETING_LABELS[MeetingKind.AGM]

    body = models.ForeignKey(Body, models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=300, blank=True)
    online = models.BooleanField(default=False)
    # When the notice went to the eligible members (None: no notice was given).
    notice_sent_at = models.DateTimeField(null=True, blank=True)
    # The eligible members at the rulebook's cutoff, counted from the roster when the notice
    # went (or when officers recorded it).
    eligible_count = models.PositiveIntegerField(null=True, blank=True)
    # Attendance: members marked present from the roster (Attendance rows), or a number where
    # names were not taken.
    present_count = models.PositiveIntegerField(null=True, blank=True)
    rulebook = models.ForeignKey(Rulebook, models.PROTECT, null=True, blank=True, related_name="+")
    published = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return f"{self.body}: {self.get_kind_display()} on {self.starts_at:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse(
            "motions:meeting", args=[self.body.organisation.slug, self.body.slug, self.pk]
        )


class Attendance(models.Model):
    """A member marked present by the secretary (by email or membership number on the
    roster: the roster holds no names, so neither does this)."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="attendance")
    roster_entry = models.ForeignKey(RosterEntry, models.PROTECT, related_name="+")
    eligible = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "roster_entry"], name="attendance_once"),
        ]

    def __str__(self) -> str:
        return f"present at {self.meeting_id}"


class Motion(models.Model):
    class Kind(models.TextChoices):
        RESOLUTION = "resolution", MOTION_LABELS[MotionKind.RESOLUTION]
        CALL_ON_BODY = "call_on_body", MOTION_LABELS[MotionKind.CALL_ON_BODY]
        CENSURE = "censure", MOTION_LABELS[MotionKind.CENSURE]
        NO_CONFIDENCE = "no_confidence", MOTION_LABELS[MotionKind.NO_CONFIDENCE]
        DISCIPLINE = "discipline", MOTION_LABELS[MotionKind.DISCIPLINE]
        RESCIND = "rescind", MOTION_LABELS[MotionKind.RESCIND]
        RULE_CHANGE = "rule_change", MOTION_LABELS[MotionKind.RULE_CHANGE]

    class Emergency(models.TextChoices):
        NONE = "", _("Not an emergency motion")
        ACCEPTED = "accepted", _("Accepted by the meeting as an emergency")
        REFUSED = "refused", _("Refused as an emergency")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="motions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    text = models.TextField(help_text="Markdown")
    version = models.PositiveIntegerField(default=1)
    mover = models.CharField(max_length=200)
    seconder = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField()
    emergency = models.CharField(max_length=10, choices=Emergency.choices, default="", blank=True)
    rescinds = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="rescinded_by"
    )
    # The vote, as recorded by officers: counts, or a roll call (NamedVote rows).
    voted_at = models.DateTimeField(null=True, blank=True)
    votes_for = models.PositiveIntegerField(default=0)
    votes_against = models.PositiveIntegerField(default=0)
    abstain = models.PositiveIntegerField(default=0)
    present_at_vote = models.PositiveIntegerField(null=True, blank=True)
    # The verdict, recomputed by services.judge() whenever the record changes.
    standing = models.CharField(
        max_length=12, choices=[(s.value, STANDING_LABELS[s]) for s in Standing], blank=True
    )
    outcome = models.CharField(max_length=10, blank=True)
    summary = models.TextField(blank=True)
    checks = models.JSONField(default=list, blank=True)
    published = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "received_at", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        body = self.meeting.body
        return reverse("motions:motion", args=[body.organisation.slug, body.slug, self.pk])

    @property
    def is_voted(self) -> bool:
        return self.voted_at is not None

    @property
    def standing_label(self) -> str:
        return str(STANDING_LABELS[Standing(self.standing)]) if self.standing else ""


class MotionVersion(models.Model):
    """The motion's text as moved (version 1) and after each accepted amendment. Frozen once
    the motion is voted on."""

    motion = models.ForeignKey(Motion, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    reason = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["motion", "number"]
        constraints = [
            models.UniqueConstraint(fields=["motion", "number"], name="motion_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.motion} v{self.number}"


class Amendment(models.Model):
    """An amendment, moved and decided before the motion: if carried, the motion's text
    becomes `text` (a new version)."""

    motion = models.ForeignKey(Motion, models.CASCADE, related_name="amendments")
    number = models.PositiveIntegerField()
    summary = models.CharField(max_length=300)
    text = models.TextField(help_text="The motion's whole text as amended")
    mover = models.CharField(max_length=200)
    votes_for = models.PositiveIntegerField(null=True, blank=True)
    votes_against = models.PositiveIntegerField(null=True, blank=True)
    abstain = models.PositiveIntegerField(null=True, blank=True)
    carried = models.BooleanField(null=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["motion", "number"]
        constraints = [
            models.UniqueConstraint(fields=["motion", "number"], name="amendment_number"),
        ]

    def __str__(self) -> str:
        return f"Amendment {self.number} to {self.motion}"


class NamedVote(models.Model):
    """One line of a roll call: who voted how, and whether the roster shows them eligible."""

    class Choice(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")
        ABSTAIN = "abstain", _("Abstain")

    motion = models.ForeignKey(Motion, models.CASCADE, related_name="named_votes")
    name = models.CharField(max_length=200)
    roster_entry = models.ForeignKey(
        RosterEntry, models.PROTECT, null=True, blank=True, related_name="+"
    )
    eligible = models.BooleanField(default=False)
    choice = models.CharField(max_length=10, choices=Choice.choices)

    class Meta:
        ordering = ["motion", "id"]

    def __str__(self) -> str:
        return f"{self.name}: {self.choice}"


class NoticeRecipient(models.Model):
    """An eligible member's address, kept only until the meeting's notice has been emailed
    (the roster keeps no addresses; the task queue holds ids only)."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="+")
    email = models.EmailField(max_length=254)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"notice {self.pk}"


class Poll(models.Model):
    """Members voting on a motion themselves: online with a one-time ballot link, or on
    their phones at the meeting after checking in. Named or secret is fixed when it opens.
    A secret poll keeps who voted (Voter.voted) apart from what was chosen (SecretBallot,
    with a random tracker only the voter receives): no row, log entry or time links them."""

    motion = models.OneToOneField(Motion, models.CASCADE, related_name="poll")
    secret = models.BooleanField(default=False)
    allow_change = models.BooleanField(default=False)
    # Shown in the room (and as a QR code): checking in needs it, so only those present can.
    room_code = models.CharField(max_length=12)
    opened_at = models.DateTimeField()
    closes_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The eligible roster at opening: a Merkle root over salted commitments (never names).
    roster_root = models.CharField(max_length=64)
    eligible = models.PositiveIntegerField()
    trackers_checked = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"poll on {self.motion}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Voter(models.Model):
    """An eligible member of a poll (from the roster at opening); their ballot link is a
    signed token naming this row, so no secret is stored. `voted` is all a secret poll
    records of their vote."""

    poll = models.ForeignKey(Poll, models.CASCADE, related_name="voters")
    roster_entry = models.ForeignKey(RosterEntry, models.PROTECT, related_name="+")
    salt = models.CharField(max_length=64)  # for the roster and attendance commitments
    name = models.CharField(max_length=200, blank=True)  # named polls: as the voter gives it
    checked_in = models.BooleanField(default=False)
    voted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "roster_entry"], name="voter_once"),
        ]

    def __str__(self) -> str:
        return f"voter {self.pk}"


class NamedBallot(models.Model):
    """A named poll's ballot: one per voter, enforced by the database."""

    poll = models.ForeignKey(Poll, models.CASCADE, related_name="named_ballots")
    voter = models.OneToOneField(Voter, models.CASCADE, related_name="ballot")
    choice = models.CharField(max_length=10, choices=NamedVote.Choice.choices)

    def __str__(self) -> str:
        return f"ballot {self.pk}"


class SecretBallot(models.Model):
    """A secret poll's ballot: a random id (so the table's order says nothing of who voted
    when), a tracker only the voter knows, the choice; no voter, no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, models.CASCADE, related_name="secret_ballots")
    tracker = models.CharField(max_length=32, unique=True)
    choice = models.CharField(max_length=10, choices=NamedVote.Choice.choices)

    def __str__(self) -> str:
        return f"ballot {self.tracker[:6]}…"


class BallotInvite(models.Model):
    """An eligible member's address, kept only until their ballot link has been emailed."""

    voter = models.ForeignKey(Voter, models.CASCADE, related_name="+")
    email = models.EmailField(max_length=254)

    def __str__(self) -> str:
        return f"invite {self.pk}"
