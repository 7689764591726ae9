from tests.api.base import ApiTestCase
from undersigned.letters import services

COUNT = "/api/v1/letters/solidarity/count"


class CountTests(ApiTestCase):
    def test_it_gives_the_count_with_cache_headers(self) -> None:
        self.sign_and_confirm()
        response = self.client.get(COUNT)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"slug": "solidarity", "count": 1, "status": "open"})
        self.assertEqual(response["Cache-Control"], "public, max-age=2, stale-while-revalidate=10")
        self.assertTrue(response["ETag"].startswith('"'))

    def test_it_answers_304_to_a_matching_etag(self) -> None:
        etag = self.client.get(COUNT)["ETag"]
        response = self.client.get(COUNT, HTTP_IF_NONE_MATCH=etag)
        self.assertEqual(response.status_code, 304)
        self.assertEqual(response.content, b"")
        self.assertEqual(response["ETag"], etag)
        self.assertEqual(response["Cache-Control"], "public, max-age=2, stale-while-revalidate=10")

    def test_it_accepts_a_weak_or_listed_etag(self) -> None:
        etag = self.client.get(COUNT)["ETag"]
        self.assertEqual(
            self.client.get(COUNT, HTTP_IF_NONE_MATCH=f'"x", W/{etag}').status_code, 304
        )

    def test_the_etag_changes_with_the_count(self) -> None:
        etag = self.client.get(COUNT)["ETag"]
        self.sign_and_confirm()
        response = self.client.get(COUNT, HTTP_IF_NONE_MATCH=etag)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["count"], 1)
        self.assertNotEqual(response["ETag"], etag)

    def test_the_etag_changes_when_the_letter_closes(self) -> None:
        etag = self.client.get(COUNT)["ETag"]
        services.close(self.letter)
        response = self.client.get(COUNT, HTTP_IF_NONE_MATCH=etag)
        self.assertEqual(response.json()["status"], "closed")

    def test_an_unknown_or_draft_letter_is_not_found(self) -> None:
        self.letter.status = "draft"
        self.letter.save()
        self.assert_error(self.client.get(COUNT), 404, "not_found")
        self.assert_error(self.client.get("/api/v1/letters/nothing/count"), 404, "not_found")
