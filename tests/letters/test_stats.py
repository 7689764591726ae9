import json
from datetime import timedelta

from django.utils import timezone

from tests.base import BaseTestCase
from undersigned.accounts.models import Branch
from undersigned.letters import services, stats
from undersigned.letters.models import Signature


class StatsTests(BaseTestCase):
    def test_it_counts_by_hour_day_region_and_branch(self) -> None:
        york = Branch.objects.get(code="northern-york")
        self.sign_and_confirm(email="a@example.org")
        self.sign_and_confirm(email="b@example.org", branch=york.pk)
        self.sign_and_confirm(email="c@example.org", branch="")
        services.sign(self.letter, name="Pending", email="p@example.org")
        old = self.sign_and_confirm(email="d@example.org")
        Signature.objects.filter(pk=old.pk).update(confirmed_at=timezone.now() - timedelta(days=3))
        figures = stats.letter_stats(self.letter)
        json.dumps(figures)  # serialisable as it is
        self.assertEqual(figures["confirmed"], 4)
        self.assertEqual(figures["started"], 5)
        self.assertEqual(figures["confirmation_rate"], 0.8)
        self.assertEqual(len(figures["per_hour"]), stats.HOURS)
        self.assertEqual(sum(p["count"] for p in figures["per_hour"]), 3)
        self.assertEqual(len(figures["per_day"]), 4)
        self.assertEqual([p["count"] for p in figures["per_day"]], [1, 0, 0, 3])
        regions = {r["region"]: r["count"] for r in figures["by_region"]}
        self.assertEqual(regions, {"North": 2, "South": 1, "Not given": 1})
        branches = {r["branch"]: r["count"] for r in figures["by_branch"]}
        self.assertEqual(branches, {"Tyneside": 2, "York": 1, "Not given": 1})

    def test_a_letter_without_signatures_has_no_rate(self) -> None:
        figures = stats.letter_stats(self.letter)
        self.assertIsNone(figures["confirmation_rate"])
        self.assertEqual(figures["by_region"], [])
