"""Issue 17, #13: schemathesis's positive-data check on the public list operations. Every
request the schema calls valid (cursors included) is accepted, for the real letter. The one
rule OpenAPI parameters cannot state, "`after` or `since`, not both", is left out (its
refusal is documented in the parameters' descriptions and tested in test_signatories)."""

import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.api import test_schemathesis
from tests.api.base import ApiTestCase


class PositiveDataTests(ApiTestCase):
    keep_the_test_connection = test_schemathesis.SchemathesisTests.keep_the_test_connection

    def test_schema_valid_list_requests_are_accepted(self) -> None:
        self.sign_and_confirm()
        self.keep_the_test_connection()
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
        for path, parameters in (
            ("/api/v1/letters", None),
            ("/api/v1/letters/{slug}/signatories", {"slug": "solidarity"}),
        ):
            operation = schema[path]["GET"]
            strategy = operation.as_strategy(
                generation_mode=GenerationMode.POSITIVE, path_parameters=parameters
            ).filter(lambda case: not {"after", "since"} <= set(case.query or {}))

            @given(case=strategy)
            @settings(
                max_examples=40,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: schemathesis.Case) -> None:
                case.call_and_validate(checks=[not_a_server_error, positive_data_acceptance])

            with self.subTest(path=path):
                run()
