"""The whole path of a motion, as officers and the public see it: a rulebook, a body, a
meeting called with notice, attendance, a motion, an amendment, the recorded vote, the
verdict and the public pages; and each refusal."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from tests.members.base import HEADER, RosterTestCase
from undersigned.accounts.models import Branch
from undersigned.motions import rulebook as rules
from undersigned.motions.models import Body, Meeting, Motion, NoticeRecipient, Rulebook

TYNESIDE = "".join(
    f"T00{n},t{n}@example.org,northern-tyne,NE1 4ST,active,Member {n}\n" for n in range(1, 9)
)
ROSTER = HEADER + TYNESIDE + "Y001,grace@example.org,York,YO1 7HH,,Grace Hopper\n"
W = "/workspace/northern"


def when(days: float) -> str:
    return (timezone.now() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


class MeetingPathTests(RosterTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.import_roster(ROSTER)
        self.client.force_login(self.owner)

    def set_up_body(self) -> Body:
        response = self.client.post(f"{W}/rulebook/", {"source": rules.DEMO_PATH.read_text()})
        self.assertEqual(response.status_code, 302)
        tyneside = Branch.objects.get(code="northern-tyne")
        response = self.client.post(
            f"{W}/bodies/", {"name": "Tyneside branch", "kind": "branch", "branch": tyneside.pk}
        )
        self.assertEqual(response.status_code, 302)
        return Body.objects.get(slug="tyneside-branch")

    def call_meeting(self, body: Body, days: float = 10) -> Meeting:
        response = self.client.post(
            f"{W}/bodies/{body.slug}/",
            {"kind": "ordinary", "starts_at": when(days), "place": "Miners' Hall"},
        )
        self.assertEqual(response.status_code, 302)
        return Meeting.objects.get(body=body)

    def add_motion(self, meeting: Meeting, **fields: str) -> Motion:
        data = {
            "kind": "resolution",
            "title": "Support the hospital porters",
            "text": "This branch supports the porters' claim.",
            "mover": "Member 1",
            "seconder": "Member 2",
            "received_at": when(0),
            "emergency": "",
        }
        data.update(fields)
        response = self.client.post(f"{W}/meetings/{meeting.pk}/motions/", data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        return Motion.objects.filter(meeting=meeting).latest("id")

    def test_a_motion_goes_from_rulebook_to_a_valid_published_result(self) -> None:
        body = self.set_up_body()
        meeting = self.call_meeting(body)
        emails = [f"t{n}@example.org" for n in range(1, 9)] + ["grace@example.org"]
        mail.outbox.clear()
        response = self.client.post(
            f"{W}/meetings/{meeting.pk}/notice/", {"emails": "\n".join(emails)}
        )
        self.assertEqual(response.status_code, 302)
        # The eight Tyneside members get the notice; Grace (York) is not a member of this body.
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), sorted(emails[:8]))
        self.assertIn("Notice of meeting: Tyneside branch", mail.outbox[0].subject)
        self.assertFalse(NoticeRecipient.objects.exists())  # addresses forgotten once sent
        meeting.refresh_from_db()
        self.assertEqual(meeting.eligible_count, 8)
        self.assertIsNotNone(meeting.notice_sent_at)

        present = "\n".join(f"t{n}@example.org" for n in range(1, 7))
        self.client.post(f"{W}/meetings/{meeting.pk}/attendance/", {"members": present})
        meeting.refresh_from_db()
        self.assertEqual(meeting.present_count, 6)

        motion = self.add_motion(meeting)
        response = self.client.post(
            f"{W}/motions/{motion.pk}/amend/",
            {
                "summary": "Add the cleaners",
                "text": "We support the porters and cleaners.",
                "mover": "Member 3",
            },
        )
        self.assertEqual(response.status_code, 302)
        response = self.client.post(
            f"{W}/motions/{motion.pk}/amendments/1/",
            {"votes_for": 4, "against": 1, "abstain": 1},
        )
        motion.refresh_from_db()
        self.assertEqual((motion.version, motion.text), (2, "We support the porters and cleaners."))

        self.client.post(
            f"{W}/motions/{motion.pk}/vote/",
            {"votes_for": 5, "against": 1, "abstain": 0, "present": 6},
        )
        motion.refresh_from_db()
        self.assertEqual((motion.standing, motion.outcome), ("valid", "carried"))

        # The text is frozen once voted on.
        response = self.client.post(
            f"{W}/motions/{motion.pk}/amend/",
            {"summary": "Late", "text": "Something else.", "mover": "Member 4"},
            follow=True,
        )
        self.assertContains(response, "its text can no longer change")
        motion.refresh_from_db()
        self.assertEqual(motion.version, 2)

        self.assertEqual(self.client.get(body.get_absolute_url()).status_code, 404)
        self.client.post(f"{W}/meetings/{meeting.pk}/publish/")
        self.client.logout()
        page = self.client.get(motion.get_absolute_url())
        self.assertContains(page, "Standing: Valid")
        self.assertContains(page, "We support the porters and cleaners.")
        self.assertContains(page, "Add the cleaners")
        self.assertContains(self.client.get(body.get_absolute_url()), motion.title)

        api = self.client.get(f"/api/v1/orgs/northern/bodies/{body.slug}/motions/{motion.pk}")
        self.assertEqual(api.status_code, 200)
        data = api.json()
        self.assertEqual(
            (data["standing"], data["outcome"], data["present"]), ("valid", "carried", 6)
        )
        self.assertEqual(
            [c["name"] for c in data["checks"]],
            [
                "competence",
                "meeting_notice",
                "motion_notice",
                "quorum",
                "eligibility",
                "arithmetic",
                "threshold",
            ],
        )
        self.assertEqual(data["rulebook_sha256"], Rulebook.objects.get().sha256)

    def test_a_roll_call_with_a_member_of_another_branch_is_recorded_and_weighed(self) -> None:
        body = self.set_up_body()
        meeting = self.call_meeting(body)
        self.client.post(f"{W}/meetings/{meeting.pk}/notice/", {"emails": "t1@example.org"})
        self.client.post(f"{W}/meetings/{meeting.pk}/attendance/", {"count": 6})
        motion = self.add_motion(meeting)
        roll = "\n".join(
            [f"Member {n}, T00{n}, for" for n in range(1, 4)]
            + ["Member 4, t4@example.org, against", "Grace Hopper, grace@example.org, for"]
        )
        self.client.post(f"{W}/motions/{motion.pk}/vote/", {"roll_call": roll, "present": 6})
        motion.refresh_from_db()
        self.assertEqual((motion.votes_for, motion.votes_against), (4, 1))
        self.assertEqual(motion.named_votes.filter(eligible=False).get().name, "Grace Hopper")
        self.assertNotEqual(motion.standing, "valid")
        self.assertEqual(
            [c["status"] for c in motion.checks if c["name"] == "eligibility"], ["failed"]
        )

    def test_a_roll_call_naming_someone_not_on_the_roster_is_refused_whole(self) -> None:
        body = self.set_up_body()
        meeting = self.call_meeting(body)
        motion = self.add_motion(meeting)
        roll = "Member 1, T001, for\nNobody, nobody@example.org, for"
        response = self.client.post(f"{W}/motions/{motion.pk}/vote/", {"roll_call": roll})
        self.assertContains(
            response, "Line 2: “nobody@example.org” is not on the roster.", status_code=400
        )
        motion.refresh_from_db()
        self.assertFalse(motion.is_voted)
        self.assertFalse(motion.named_votes.exists())

    def test_attendance_lists_name_the_line_that_is_not_on_the_roster(self) -> None:
        body = self.set_up_body()
        meeting = self.call_meeting(body)
        response = self.client.post(
            f"{W}/meetings/{meeting.pk}/attendance/", {"members": "t1@example.org\nT999"}
        )
        self.assertContains(response, "Line 2: “T999” is not on the roster.", status_code=400)
        meeting.refresh_from_db()
        self.assertIsNone(meeting.present_count)

    def test_a_rulebook_with_errors_is_refused_with_every_problem_and_its_place(self) -> None:
        source = rules.DEMO_PATH.read_text().replace('power = "reserved"', 'power = "maybe"', 1)
        source = source.replace("ordinary = 7", "ordinary = -7", 1)
        response = self.client.post(f"{W}/rulebook/", {"source": source})
        self.assertContains(response, "The rulebook has 2 problems", status_code=400)
        self.assertContains(response, "bodies.branch.motions.discipline", status_code=400)
        self.assertFalse(Rulebook.objects.exists())
        response = self.client.post(f"{W}/rulebook/", {"source": "[rulebook\ntitle = 1"})
        self.assertContains(response, "Line 1", status_code=400)

    def test_without_notice_a_meeting_cannot_decide(self) -> None:
        body = self.set_up_body()
        meeting = self.call_meeting(body, days=-0.1)
        self.client.post(f"{W}/meetings/{meeting.pk}/attendance/", {"count": 6})
        motion = self.add_motion(meeting, received_at=when(-0.2))
        self.client.post(
            f"{W}/motions/{motion.pk}/vote/", {"votes_for": 5, "against": 1, "abstain": 0}
        )
        motion.refresh_from_db()
        self.assertEqual(motion.standing, "void")
        self.assertIn("no notice was sent", " ".join(c["evidence"] for c in motion.checks))

    def test_officers_pages_are_closed_to_strangers_moderators_and_other_organisations(
        self,
    ) -> None:
        body = self.set_up_body()
        meeting = self.call_meeting(body)
        motion = self.add_motion(meeting)
        urls = [
            f"{W}/bodies/",
            f"{W}/bodies/{body.slug}/",
            f"{W}/meetings/{meeting.pk}/",
            f"{W}/motions/{motion.pk}/",
        ]
        for user in (self.stranger, self.moderator, self.other_owner):
            self.client.force_login(user)
            for url in urls:
                with self.subTest(user=user.username, url=url):
                    self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.organiser)
        self.assertEqual(self.client.get(f"{W}/rulebook/").status_code, 404)  # owners only
        # An unpublished motion is not public.
        self.client.logout()
        self.assertEqual(self.client.get(motion.get_absolute_url()).status_code, 404)
