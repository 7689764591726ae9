"""schemathesis over real HTTP: the API served by a live server on 127.0.0.1, every
operation (sign included) with generated valid and invalid input, no 5xx, and every answer
as the OpenAPI schema says."""

import schemathesis
from django.test import LiveServerTestCase
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from tests.api.test_schemathesis import CHECKS
from tests.base import make_letter, make_org, make_user
from undersigned.accounts.models import Role
from undersigned.api.models import ApiToken
from undersigned.letters import services

EXAMPLES = 8


class LiveSchemathesisTests(LiveServerTestCase):
    def test_every_operation_answers_over_http_as_its_schema_says(self) -> None:
        org = make_org()
        organiser = make_user("organiser@example.org", org, Role.ORGANISER)
        letter = make_letter(org)
        signature = services.sign(letter, name="Ada", email="ada@example.org")
        assert signature is not None
        services.confirm(signature.uid)
        _, secret = ApiToken.issue(organiser, org, "schemathesis")
        headers = {"Authorization": f"Bearer {secret}"}

        schema = schemathesis.openapi.from_url(f"{self.live_server_url}/api/v1/openapi.json")
        operations = [result.ok() for result in schema.get_all_operations()]
        self.assertEqual(len(operations), 9)
        for operation in operations:
            fixed = {"slug": letter.slug} if "{slug}" in operation.path else None
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                strategy = operation.as_strategy(generation_mode=mode, path_parameters=fixed)

                @given(case=strategy)
                @settings(
                    max_examples=EXAMPLES,
                    deadline=None,
                    database=None,
                    derandomize=True,
                    suppress_health_check=list(HealthCheck),
                )
                def run(case: schemathesis.Case) -> None:
                    case.call_and_validate(
                        base_url=self.live_server_url, headers=headers, checks=CHECKS
                    )

                with self.subTest(operation=operation.label, mode=mode.value):
                    try:
                        run()
                    except Unsatisfiable:
                        self.assertEqual(mode, GenerationMode.NEGATIVE)
