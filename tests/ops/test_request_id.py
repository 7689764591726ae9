import json
import logging
import re

from django.test import TestCase, override_settings

from undersigned.ops.logs import logging_config


class RequestIdTests(TestCase):
    def test_every_answer_carries_a_fresh_request_id(self) -> None:
        first = self.client.get("/healthz")["X-Request-ID"]
        second = self.client.get("/nowhere")["X-Request-ID"]
        self.assertRegex(first, r"^[0-9a-f]{32}$")
        self.assertNotEqual(first, second)

    def test_the_proxys_id_is_ignored_unless_behind_a_proxy(self) -> None:
        response = self.client.get("/healthz", HTTP_X_REQUEST_ID="abcdef0123456789")
        self.assertNotEqual(response["X-Request-ID"], "abcdef0123456789")

    @override_settings(BEHIND_PROXY=True)
    def test_behind_a_proxy_a_sane_incoming_id_is_kept(self) -> None:
        response = self.client.get("/healthz", HTTP_X_REQUEST_ID="abcdef0123456789")
        self.assertEqual(response["X-Request-ID"], "abcdef0123456789")
        forged = self.client.get("/healthz", HTTP_X_REQUEST_ID='x" injected\nline')
        self.assertRegex(forged["X-Request-ID"], r"^[0-9a-f]{32}$")

    def test_emailed_link_tokens_stay_out_of_the_access_log(self) -> None:
        with self.assertLogs("undersigned.access", "INFO") as logs:
            self.client.get("/l/some-letter/confirm/secret-token-value/")
        self.assertIn("GET /l/some-letter/confirm/[token]/ 404", logs.output[0])
        self.assertNotIn("secret-token-value", logs.output[0])

    def test_the_access_log_is_one_json_object_per_line_with_the_id(self) -> None:
        config = logging_config()
        self.assertEqual(config["formatters"]["main"]["()"], "pythonjsonlogger.json.JsonFormatter")
        formatter = logging.config.DictConfigurator(config).configure_formatter(  # type: ignore[attr-defined]
            config["formatters"]["main"]
        )
        records: list[logging.LogRecord] = []
        handler = logging.Handler()
        handler.emit = records.append  # type: ignore[method-assign]
        handler.addFilter(
            logging.config.DictConfigurator(config).configure_filter(  # type: ignore[attr-defined]
                config["filters"]["request_id"]
            )
        )
        access = logging.getLogger("undersigned.access")
        access.addHandler(handler)
        try:
            response = self.client.get("/healthz")
        finally:
            access.removeHandler(handler)
        line = formatter.format(records[-1])
        self.assertNotIn("\n", line)
        entry = json.loads(line)
        self.assertEqual(entry["request_id"], response["X-Request-ID"])
        self.assertEqual(entry["status"], 200)
        self.assertEqual(entry["path"], "/healthz")
        self.assertEqual(entry["view"], "ops:healthz")
        self.assertEqual(entry["level"], "INFO")
        self.assertTrue(re.match(r"\d{4}-\d\d-\d\dT", entry["time"]))
