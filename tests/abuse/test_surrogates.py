"""Finding 5: a lone surrogate in a JSON string was a 500."""

from tests.api.base import ApiTestCase
from undersigned.letters.models import Signature


class SurrogateTests(ApiTestCase):
    def sign_raw(self, field: str) -> object:
        body = self.sign_body()
        body[field] = "Bad SURROGATE"
        raw = __import__("json").dumps(body).replace("SURROGATE", "\\ud800")
        return self.post_json(f"/api/v1/letters/{self.letter.slug}/signatures", raw)

    def test_a_lone_surrogate_in_the_name_is_a_422(self) -> None:
        self.assert_error(self.sign_raw("name"), 422, "invalid", ("name",))
        self.assertFalse(Signature.objects.exists())

    def test_a_lone_surrogate_in_the_role_is_a_422(self) -> None:
        self.assert_error(self.sign_raw("role"), 422, "invalid", ("role",))

    def test_a_lone_surrogate_in_the_email_is_a_422(self) -> None:
        self.assert_error(self.sign_raw("email"), 422, "invalid", ("email",))
