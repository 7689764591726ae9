"""schemathesis against the whole API, in process through Django's WSGI application: every
operation, with generated valid and invalid input, must answer without a 5xx and exactly as
its OpenAPI schema says (status code, content type, headers, body)."""

from typing import Any
from unittest import TestCase

import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.base import ApiTestCase
from undersigned.api.models import ApiToken

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Enough to exercise every documented answer while keeping the suite fast.
EXAMPLES = 15


def check_operation(
    test: TestCase,
    operation: Any,
    path_parameters: dict[str, str],
    examples: int = EXAMPLES,
    **call: Any,
) -> None:
    """Generated valid and invalid calls of one operation, each answered as the schema says
    (every failure is reported as a subtest of `test`)."""
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        strategy = operation.as_strategy(
            generation_mode=mode, path_parameters=path_parameters or None
        )

        @given(case=strategy)
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=CHECKS, **call)

        with test.subTest(operation=operation.label, mode=mode.value, **path_parameters):
            try:
                run()
            except Unsatisfiable:
                # Only a free-text slug: no input can break the schema.
                test.assertEqual(mode, GenerationMode.NEGATIVE)


class SchemathesisTests(ApiTestCase):
    def keep_the_test_connection(self) -> None:
        """As Django's test client does (and undoes after each of its requests): the app must
        not close the test's connection, and so its transaction, after each request."""
        for signal in (request_started, request_finished):
            signal.disconnect(close_old_connections)
            self.addCleanup(signal.connect, close_old_connections)

    def test_every_operation_answers_as_its_schema_says(self) -> None:
        _, secret = ApiToken.issue(self.organiser, self.org, "schemathesis")
        self.sign_and_confirm()
        self.keep_the_test_connection()
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
        headers = {"Authorization": f"Bearer {secret}"}
        operations = [result.ok() for result in schema.get_all_operations()]
        self.assertEqual(len(operations), 13)
        for operation in operations:
            # Random slugs (mostly 404) and the real letter, with valid and invalid input.
            fixed = [{}] + ([{"slug": "solidarity"}] if "{slug}" in operation.path else [])
            for path_parameters in fixed:
                check_operation(self, operation, path_parameters, headers=headers)

    def test_an_accepted_signature_and_a_304_conform_too(self) -> None:
        """Answers that random input rarely reaches."""
        self.keep_the_test_connection()
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
        sign = schema["/api/v1/letters/{slug}/signatures"]["POST"]
        body = {
            "name": "Ada",
            "email": "ada@example.org",
            "branch": "northern-tyne",
            "consent": True,
        }
        case = sign.Case(
            path_parameters={"slug": "solidarity"}, body=body, media_type="application/json"
        )
        self.assertEqual(case.call_and_validate(checks=CHECKS).status_code, 202)
        count = schema["/api/v1/letters/{slug}/count"]["GET"]
        first = count.Case(path_parameters={"slug": "solidarity"}).call_and_validate(checks=CHECKS)
        again = count.Case(
            path_parameters={"slug": "solidarity"},
            headers={"If-None-Match": first.headers["etag"][0]},
        )
        self.assertEqual(again.call_and_validate(checks=CHECKS).status_code, 304)
