"""Concurrent signers: the database constraint and atomic counters keep things exact."""

import threading
from collections.abc import Callable

from django.db import connection
from django.test import TransactionTestCase

from tests.base import make_letter, make_org
from undersigned.letters import services
from undersigned.letters.models import Signature


def run_threads(n: int, target: Callable[[int], None]) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(n)

    def work(i: int) -> None:
        try:
            barrier.wait()
            target(i)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


class ConcurrencyTests(TransactionTestCase):
    def setUp(self) -> None:
        self.letter = make_letter(make_org())

    def test_fifty_threads_with_the_same_email_leave_one_row(self) -> None:
        errors = run_threads(
            50, lambda i: services.sign(self.letter, name=f"Twin {i}", email="same@example.org")
        )
        self.assertEqual(errors, [])
        self.assertEqual(Signature.objects.filter(letter=self.letter).count(), 1)
        self.assertLessEqual(Signature.objects.get().emails_sent, 5)

    def test_two_hundred_distinct_signers_who_confirm_count_exactly_two_hundred(self) -> None:
        def sign_and_confirm(i: int) -> None:
            signature = services.sign(
                self.letter, name=f"Signer {i}", email=f"signer{i}@example.org"
            )
            outcome, _ = services.confirm(signature.uid)
            assert outcome == services.Confirmed.NOW

        errors = run_threads(200, sign_and_confirm)
        self.assertEqual(errors, [])
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.confirmed_count, 200)
        self.assertEqual(Signature.objects.filter(status="confirmed").count(), 200)

    def test_a_double_confirm_race_counts_once(self) -> None:
        signature = services.sign(self.letter, name="Racer", email="race@example.org")
        errors = run_threads(20, lambda i: services.confirm(signature.uid))
        self.assertEqual(errors, [])
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.confirmed_count, 1)
