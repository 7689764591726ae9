from django.test import override_settings

from tests.base import BaseTestCase
from undersigned.ledger import sequencer


@override_settings(METRICS_ENABLED=True, METRICS_ALLOW=["127.0.0.1/32", "::1/128"])
class MetricsTests(BaseTestCase):
    def test_it_reports_requests_signatures_queue_emails_and_lag(self) -> None:
        self.sign_and_confirm()
        self.sign(email="grace@example.org")  # pending
        self.client.get(f"/l/{self.letter.slug}/")
        response = self.client.get("/metrics")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("text/plain"))
        text = response.content.decode()
        self.assertIn(
            'undersigned_http_requests_total{method="GET",status="200",view="letters:letter"}',
            text,
        )
        self.assertIn('undersigned_http_request_duration_seconds_bucket{le="0.005",view=', text)
        self.assertIn('undersigned_signatures{state="confirmed"} 1.0', text)
        self.assertIn('undersigned_signatures{state="pending"} 1.0', text)
        self.assertIn("undersigned_confirmations_owed 0.0", text)  # queued at once here
        self.assertIn("undersigned_task_queue_depth 0.0", text)
        self.assertIn("undersigned_task_queue_oldest_seconds 0.0", text)
        self.assertIn('undersigned_emails{state="sent"}', text)
        self.assertIn('undersigned_emails{state="failed"}', text)
        self.assertIn('undersigned_sequencer_lag_seconds{log="testserver/l/solidarity/log"}', text)
        self.assertIn(
            'undersigned_sequencer_pending_events{log="testserver/l/solidarity/log"} 2.0', text
        )
        sequencer.sequence_all(notify=False)
        text = self.client.get("/metrics").content.decode()
        lag = 'undersigned_sequencer_lag_seconds{log="testserver/l/solidarity/log"}'
        self.assertNotIn(lag, text)

    def test_other_networks_are_refused(self) -> None:
        response = self.client.get("/metrics", REMOTE_ADDR="203.0.113.9")
        self.assertEqual(response.status_code, 403)

    @override_settings(
        BEHIND_PROXY=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
    )
    def test_behind_a_proxy_the_forwarded_client_counts(self) -> None:
        outside = self.client.get(
            "/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9"
        )
        self.assertEqual(outside.status_code, 403)
        inside = self.client.get(
            "/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.1"
        )
        self.assertEqual(inside.status_code, 200)

    @override_settings(METRICS_ENABLED=False)
    def test_when_disabled_there_is_nothing_there(self) -> None:
        self.assertEqual(self.client.get("/metrics").status_code, 404)
