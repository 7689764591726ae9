from unittest import mock

from django.db import InterfaceError, OperationalError

from tests.base import BaseTestCase
from undersigned.letters.models import Signature


class DatabaseUnavailableTests(BaseTestCase):
    def test_signing_while_the_database_is_down_is_a_503_asking_to_retry(self) -> None:
        with mock.patch(
            "undersigned.letters.services.Signature.objects.create",
            side_effect=OperationalError("server closed the connection unexpectedly"),
        ):
            response = self.sign()
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "5")
        self.assertContains(response, "Briefly unavailable", status_code=503)
        self.assertContains(response, "please try again in a moment", status_code=503)
        self.assertFalse(Signature.objects.exists())

    def test_the_api_answers_503_in_its_json_shape(self) -> None:
        with mock.patch(
            "undersigned.api.public.public_letter", side_effect=InterfaceError("connection closed")
        ):
            response = self.client.get(f"/api/v1/letters/{self.letter.slug}")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["error"], "unavailable")
        self.assertEqual(response["Retry-After"], "5")

    def test_a_database_error_outside_a_view_is_a_503_too(self) -> None:
        self.client.raise_request_exception = False
        with mock.patch(
            "django.contrib.sessions.backends.db.SessionStore.load",
            side_effect=OperationalError("the database system is shutting down"),
        ):
            self.client.cookies["sessionid"] = "x" * 32
            response = self.client.get("/workspace/")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "5")

    def test_other_errors_stay_500(self) -> None:
        self.client.raise_request_exception = False
        with mock.patch("undersigned.letters.views.pagecache.public_letter", side_effect=KeyError):
            response = self.client.get(f"/l/{self.letter.slug}/")
        self.assertEqual(response.status_code, 500)
