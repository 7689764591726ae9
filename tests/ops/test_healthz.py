from datetime import timedelta
from unittest import mock

from django.db import OperationalError
from django.test import TestCase, override_settings
from django.utils import timezone

from tests.base import make_letter, make_org
from undersigned.ledger.models import PendingEvent
from undersigned.ops import heartbeat
from undersigned.ops.models import WorkerHeartbeat


class HealthzTests(TestCase):
    def test_it_answers_ok_without_touching_the_database(self) -> None:
        with self.assertNumQueries(0):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok"})
        self.assertIn("no-cache", response["Cache-Control"])


class ReadyzTests(TestCase):
    def test_with_immediate_tasks_and_an_empty_log_it_is_ready(self) -> None:
        response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual(body["status"], "ok")
        self.assertEqual(set(body["checks"]), {"database", "cache", "worker", "sequencer"})
        self.assertTrue(all(check["ok"] for check in body["checks"].values()))

    @override_settings(TASKS_BACKEND="database")
    def test_it_is_not_ready_until_a_worker_has_reported(self) -> None:
        response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["checks"]["worker"]["detail"], "no worker has reported")
        heartbeat.beat("w1")
        self.assertEqual(self.client.get("/readyz").status_code, 200)

    @override_settings(TASKS_BACKEND="database", WORKER_STALE_SECONDS=60)
    def test_a_stale_heartbeat_is_not_ready(self) -> None:
        heartbeat.beat("w1")
        WorkerHeartbeat.objects.update(seen=timezone.now() - timedelta(seconds=90))
        response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 503)
        self.assertFalse(response.json()["checks"]["worker"]["ok"])

    @override_settings(SEQUENCER_LAG_LIMIT=60)
    def test_a_sequencer_lagging_behind_is_not_ready(self) -> None:
        letter = make_letter(make_org())  # publishing queues the text event
        self.assertEqual(self.client.get("/readyz").status_code, 200)
        PendingEvent.objects.update(created=timezone.now() - timedelta(seconds=120))
        response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 503)
        self.assertIn("120s", response.json()["checks"]["sequencer"]["detail"])
        self.assertTrue(PendingEvent.objects.filter(subject_id=letter.pk).exists())

    def test_an_unreachable_database_is_not_ready(self) -> None:
        with mock.patch(
            "undersigned.ops.health.connection.cursor", side_effect=OperationalError("gone")
        ):
            response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 503)
        checks = response.json()["checks"]
        self.assertEqual(
            checks["database"], {"ok": False, "detail": "unreachable: OperationalError"}
        )
