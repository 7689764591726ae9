"""Members vote themselves: one-time links, a confirm step, once only, after close, changing
where allowed, check-in and quorum, the secrecy of a secret ballot, and `verify` on a
motion's log (including tampering)."""

import re
from datetime import timedelta
from io import StringIO

from django.apps import apps
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import LiveServerTestCase, override_settings
from django.utils import timezone

from tests.base import make_org, make_user
from tests.members.base import HEADER, RosterTestCase, csv_file
from undersigned.accounts.models import Branch, Role
from undersigned.ledger.models import EntryBundle, Log, PendingEvent
from undersigned.members import roster
from undersigned.motions import polls, services
from undersigned.motions import rulebook as rules
from undersigned.motions.models import Body, Meeting, Motion, NamedBallot, SecretBallot, Voter

MEMBERS = HEADER + "".join(
    f"T00{n},t{n}@example.org,{{org}}-tyne,NE1 4ST,active,Member {n}\n" for n in range(1, 9)
)
EMAILS = [f"t{n}@example.org" for n in range(1, 9)]
LINK = re.compile(r"https?://\S+(/v/\S+/)")


def make_motion(org_slug: str = "northern") -> Motion:
    from undersigned.accounts.models import Organisation

    org = Organisation.objects.get(slug=org_slug)
    services.save_rulebook(org, rules.DEMO_PATH.read_text(), None)
    body = Body.objects.create(
        organisation=org,
        kind="branch",
        name="Tyneside branch",
        slug="tyneside",
        branch=Branch.objects.get(code=f"{org_slug}-tyne"),
    )
    meeting = Meeting.objects.create(body=body, starts_at=timezone.now() + timedelta(days=8))
    services.send_notice(meeting, [])
    return services.create_motion(
        meeting,
        kind="resolution",
        title="Support the porters",
        text="We support them.",
        mover="Member 1",
        received_at=timezone.now(),
    )


def ballot_link(address: str) -> str:
    for message in reversed(mail.outbox):
        if message.to == [address]:
            return LINK.search(str(message.body)).group(1)  # type: ignore[union-attr]
    raise AssertionError(f"no ballot for {address}")


class BallotTests(RosterTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.import_roster(MEMBERS.replace("{org}", "northern"))
        self.motion = make_motion()

    def vote(self, address: str, choice: str, **extra: str) -> object:
        link = ballot_link(address)
        chosen = self.client.post(link, {"action": "choose", "choice": choice, **extra})
        self.assertContains(chosen, "Cast my vote")
        return self.client.post(link, {"action": "cast", "choice": choice, **extra})

    def test_a_named_online_vote_from_link_to_result(self) -> None:
        mail.outbox.clear()
        polls.open_poll(self.motion, EMAILS + ["outsider@example.org"], secret=False)
        self.assertEqual(len(mail.outbox), 8)  # eligible members only
        page = self.client.get(ballot_link("t1@example.org"))
        self.assertContains(page, "We support them.")
        self.assertContains(page, "version 1")
        # Choosing is not voting: a mail scanner following the link changes nothing.
        self.client.post(ballot_link("t1@example.org"), {"action": "choose", "choice": "for"})
        self.assertFalse(NamedBallot.objects.exists())
        self.assertContains(
            self.vote("t1@example.org", "for", name="Member One"), "Your vote is cast"
        )
        again = self.vote("t1@example.org", "against", name="Member One")
        self.assertContains(again, "You have voted already.", status_code=409)
        for n, choice in ((2, "for"), (3, "against"), (4, "abstain"), (5, "for")):
            self.vote(f"t{n}@example.org", choice, name=f"Member {n}")
        # Results stay hidden while the vote is open.
        self.motion.refresh_from_db()
        self.assertFalse(self.motion.is_voted)
        motion = polls.close(self.motion.poll)
        self.assertEqual((motion.votes_for, motion.votes_against, motion.abstain), (3, 1, 1))
        self.assertEqual(motion.named_votes.count(), 5)
        late = self.vote_after_close("t6@example.org")
        self.assertContains(late, "The vote has closed.", status_code=409)

    def vote_after_close(self, address: str) -> object:
        return self.client.post(
            ballot_link(address), {"action": "cast", "choice": "for", "name": "X"}
        )

    def test_a_vote_may_change_before_close_where_the_poll_allows(self) -> None:
        polls.open_poll(self.motion, EMAILS, secret=False, allow_change=True)
        self.vote("t1@example.org", "for", name="Member One")
        self.vote("t1@example.org", "against", name="Member One")
        self.assertEqual(NamedBallot.objects.get().choice, "against")

    def test_checking_in_with_the_room_code_counts_toward_quorum(self) -> None:
        poll = polls.open_poll(self.motion, EMAILS, secret=True)
        wrong = self.client.post(
            ballot_link("t1@example.org"), {"action": "checkin", "room_code": "NOPE"}
        )
        self.assertContains(wrong, "That is not the code shown in the room.", status_code=409)
        for address in EMAILS[:5]:
            ok = self.client.post(
                ballot_link(address), {"action": "checkin", "room_code": poll.room_code.lower()}
            )
            self.assertContains(ok, "You are checked in")
        self.motion.meeting.refresh_from_db()
        self.assertEqual(self.motion.meeting.present_count, 5)
        for address in EMAILS[:5]:
            self.vote(address, "for")
        motion = polls.close(poll)
        self.assertEqual(motion.present_at_vote, 5)
        self.assertEqual(motion.standing, "valid")  # quorum of the demo branch: 5

    def test_a_secret_ballot_leaves_no_link_between_a_member_and_a_choice(self) -> None:
        poll = polls.open_poll(self.motion, EMAILS, secret=True)
        events_before = PendingEvent.objects.count()
        trackers = {}
        for n, choice in ((1, "for"), (2, "against"), (3, "for")):
            page = self.vote(f"t{n}@example.org", choice)
            trackers[n] = re.search(r"<code>([0-9a-f]{32})</code>", page.content.decode()).group(1)  # type: ignore[attr-defined]
        # Casting wrote nothing to the log's queue (its order or time would link them).
        self.assertEqual(PendingEvent.objects.count(), events_before)
        # No table holds a voter next to a choice or a tracker; ballots have no time.
        self.assertFalse(NamedBallot.objects.exists())
        ballot_fields = {f.name for f in SecretBallot._meta.get_fields()}
        self.assertEqual(ballot_fields, {"id", "poll", "tracker", "choice"})
        tracker_values = set(trackers.values())
        for model in apps.get_models():
            table = model._meta.db_table
            with connection.cursor() as cursor:
                cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our own table names
                names = [c[0] for c in cursor.description]
                rows = cursor.fetchall()
            if model is SecretBallot:
                continue
            for row in rows:
                text = " ".join(str(v) for v in row)
                self.assertFalse(
                    any(t in text for t in tracker_values),
                    f"a tracker is stored in {table}: {names}",
                )
        voter_fields = {
            f.name for f in Voter._meta.get_fields() if not f.is_relation or f.many_to_one
        }
        self.assertNotIn("choice", voter_fields)
        motion = polls.close(poll)
        self.assertEqual((motion.votes_for, motion.votes_against), (2, 1))
        # The log lists the ballots in tracker order, with no time, and names no one.
        log = Log.objects.of(motion).get()
        data = b"".join(
            bytes(b.entries) for b in EntryBundle.objects.filter(log=log).order_by("index")
        )
        ballots = re.findall(rb"kind ballot\ntracker ([0-9a-f]+)\nchoice (\w+)\n", data)
        self.assertEqual([t.decode() for t, _ in ballots], sorted(tracker_values))
        for n in range(1, 9):
            self.assertNotIn(f"t{n}@example.org".encode(), data)
            self.assertNotIn(f"Member {n}".encode(), data)
        # A voter finds their tracker among the published ballots.
        page = self.client.get(f"{motion.get_absolute_url()}ballots/?tracker={trackers[2]}")
        self.assertEqual(page.status_code, 404)  # not published yet
        services.publish(motion.meeting)
        page = self.client.get(f"{motion.get_absolute_url()}ballots/?tracker={trackers[2]}")
        self.assertContains(page, "Your tracker is in the list below")
        self.assertContains(
            self.client.get(motion.get_absolute_url()), "so far 1 voter has checked theirs"
        )


@override_settings(TASKS_BACKEND="immediate")
class VerifyMotionTests(LiveServerTestCase):
    def setUp(self) -> None:
        org = make_org()
        make_user("owner@example.org", org, Role.OWNER)
        roster.import_roster(org, csv_file(MEMBERS.replace("{org}", "northern")))
        self.motion = make_motion()
        poll = polls.open_poll(self.motion, EMAILS, secret=True)
        self.trackers = []
        for n in range(1, 6):
            voter = Voter.objects.get(
                poll=poll,
                roster_entry__email_digest__isnull=False,
                pk=poll.voters.order_by("pk")[n - 1].pk,
            )
            self.trackers.append(polls.cast(voter, "for" if n < 5 else "against"))
        self.motion = polls.close(poll)
        services.publish(self.motion.meeting)
        self.url = f"{self.live_server_url}{self.motion.get_absolute_url()}"

    def verify(self, *extra: str) -> str:
        out = StringIO()
        call_command("verify", self.url, *extra, stdout=out)
        return out.getvalue()

    def test_verify_recomputes_the_tally_and_the_verdict_and_finds_a_tracker(self) -> None:
        out = self.verify("--tracker", self.trackers[0])
        self.assertIn(
            "The ballots add up to 4 for, 1 against, 0 abstaining, as the page shows.", out
        )
        self.assertIn("gives the verdict valid, as the page shows", out)
        self.assertIn(f"Your tracker {self.trackers[0]} is among the logged ballots.", out)
        with self.assertRaisesRegex(CommandError, "is not among the logged ballots"):
            self.verify("--tracker", "0" * 32)

    def test_a_tampered_ballot_fails_verify(self) -> None:
        bundle = EntryBundle.objects.get(log=Log.objects.of(self.motion).get())
        data = bytes(bundle.entries).replace(b"choice against", b"choice abstain", 1)
        EntryBundle.objects.filter(pk=bundle.pk).update(entries=data)
        with self.assertRaisesRegex(CommandError, "root mismatch|malformed"):
            self.verify()

    def test_a_page_that_disagrees_with_the_log_fails_verify(self) -> None:
        Motion.objects.filter(pk=self.motion.pk).update(votes_for=40)
        with self.assertRaisesRegex(CommandError, "page mismatch"):
            self.verify()
