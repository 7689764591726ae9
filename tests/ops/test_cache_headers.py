from tests.base import BaseTestCase
from undersigned.ledger import sequencer


class CacheHeadersTests(BaseTestCase):
    def test_pages_are_private_to_the_browser_and_vary_on_the_cookie(self) -> None:
        for path in ("/", f"/l/{self.letter.slug}/", f"/l/{self.letter.slug}/changes/"):
            with self.subTest(path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Cache-Control"], "private, no-cache")
                self.assertIn("Cookie", response["Vary"])

    def test_the_log_is_cacheable_for_a_cdn(self) -> None:
        sequencer.sequence_all(notify=False)
        slug = self.letter.slug
        tile = self.client.get(f"/l/{slug}/log/tile/entries/000.p/1")
        self.assertEqual(tile["Cache-Control"], "public, max-age=31536000, immutable")
        for path in (f"/l/{slug}/log/checkpoint", f"/l/{slug}/count.json"):
            self.assertEqual(self.client.get(path)["Cache-Control"], "public, max-age=5")
        count = self.client.get(f"/api/v1/letters/{slug}/count")
        self.assertIn("max-age=2", count["Cache-Control"])

    def test_health_and_metrics_are_never_cached(self) -> None:
        for path in ("/healthz", "/readyz"):
            self.assertIn("no-store", self.client.get(path)["Cache-Control"])
