from django.test import TestCase

from undersigned.lib import ratelimit


class RateLimitTests(TestCase):  # the limits live in the database cache
    def test_it_allows_the_limit_then_refuses(self) -> None:
        self.assertEqual(
            [ratelimit.hit("test:a", 3, 60) for _ in range(5)], [True, True, True, False, False]
        )

    def test_keys_are_counted_apart(self) -> None:
        ratelimit.hit("test:b", 1, 60)
        self.assertTrue(ratelimit.hit("test:c", 1, 60))

    def test_exceeded_checks_without_counting(self) -> None:
        self.assertFalse(ratelimit.exceeded("test:d", 2))
        ratelimit.hit("test:d", 2, 60)
        self.assertFalse(ratelimit.exceeded("test:d", 2))
        ratelimit.hit("test:d", 2, 60)
        self.assertTrue(ratelimit.exceeded("test:d", 2))
