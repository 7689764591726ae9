"""schemathesis over real HTTP: the API served by a live server on 127.0.0.1, every
operation (sign included) with generated valid and invalid input, no 5xx, and every answer
as the OpenAPI schema says."""

import schemathesis
from django.test import LiveServerTestCase

from tests.api.test_schemathesis import check_operation
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
        self.assertEqual(len(operations), 13)
        for operation in operations:
            fixed = {"slug": letter.slug} if "{slug}" in operation.path else {}
            check_operation(
                self,
                operation,
                fixed,
                examples=EXAMPLES,
                base_url=self.live_server_url,
                headers=headers,
            )
