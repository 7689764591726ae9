"""The story Undersigned serves: the Wearside branch's motion to expel, moved without notice
at an ordinary meeting, is recorded and judged void; the letter in solidarity links to it,
and the motion's page lists the letter."""

from datetime import timedelta

from django.core.cache import cache
from django.test import override_settings

from tests.base import BaseTestCase
from undersigned.accounts.models import Branch
from undersigned.motions import demo, services
from undersigned.motions.models import Motion


class StoryTests(BaseTestCase):
    def test_the_expulsion_motion_is_void_and_the_letter_answers_it(self) -> None:
        wearside = Branch.objects.get(code="northern-wear")
        motion = demo.load(self.org, wearside, self.owner)
        self.assertEqual(motion.standing, "void")
        self.assertEqual(demo.load(self.org, wearside, self.owner), motion)  # idempotent

        self.letter.in_response_to = motion
        self.letter.save()
        page = self.client.get(f"/l/{self.letter.slug}/")
        self.assertContains(page, "In response to")
        self.assertContains(page, "Standing: void")
        self.assertContains(
            page,
            "This motion has no formal standing: under clause 6.1 only the regional committee "
            "can discipline or expel a member.",
        )
        result = self.client.get(motion.get_absolute_url())
        self.assertContains(result, "Standing: Void")
        self.assertContains(result, "no notice was sent")
        self.assertContains(result, self.letter.title)
        self.assertContains(result, "For</dt><dd>9")


@override_settings(PAGE_CACHE=True)
class CachedLetterTests(BaseTestCase):
    def test_a_cached_letter_page_shows_the_motions_new_verdict(self) -> None:
        cache.clear()
        motion = demo.load(self.org, Branch.objects.get(code="northern-wear"), self.owner)
        self.letter.in_response_to = motion
        self.letter.save()
        self.assertContains(self.client.get(f"/l/{self.letter.slug}/"), "Standing: void")
        # The officers correct the record: the motion was a resolution, properly called.
        Motion.objects.filter(pk=motion.pk).update(kind="resolution")
        meeting = motion.meeting
        meeting.notice_sent_at = meeting.starts_at - timedelta(days=10)
        meeting.save()
        Motion.objects.filter(pk=motion.pk).update(
            received_at=meeting.starts_at - timedelta(days=6)
        )
        with self.captureOnCommitCallbacks(execute=True):
            services.judge(Motion.objects.get(pk=motion.pk))
        self.assertContains(self.client.get(f"/l/{self.letter.slug}/"), "Standing: valid")
