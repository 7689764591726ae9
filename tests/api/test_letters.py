from datetime import timedelta

from django.utils import timezone

from tests.api.base import ApiTestCase
from tests.base import make_letter
from undersigned.letters import services
from undersigned.letters.models import Letter


class LetterListTests(ApiTestCase):
    def test_it_lists_open_letters_only(self) -> None:
        make_letter(self.org, slug="draft", publish=False)
        closed = make_letter(self.org, slug="closed")
        services.close(closed)
        body = self.client.get("/api/v1/letters").json()
        self.assertEqual([item["slug"] for item in body["items"]], ["solidarity"])
        item = body["items"][0]
        self.assertEqual(item["organisation"], {"slug": "northern", "name": "Northern Network"})
        self.assertEqual(item["url"], "http://testserver/l/solidarity/")
        self.assertIsNone(body["next"])

    def test_it_pages_with_a_cursor(self) -> None:
        start = timezone.now()
        for number in range(5):
            letter = make_letter(self.other_org, slug=f"letter-{number}")
            Letter.objects.filter(pk=letter.pk).update(opens_at=start + timedelta(minutes=number))
        seen: list[str] = []
        cursor = ""
        for _ in range(4):
            body = self.client.get("/api/v1/letters", {"limit": 2, "after": cursor}).json()
            seen += [item["slug"] for item in body["items"]]
            if not (cursor := body["next"]):
                break
        self.assertEqual(seen[:5], ["letter-4", "letter-3", "letter-2", "letter-1", "letter-0"])
        self.assertEqual(len(seen), 6)

    def test_it_refuses_a_bad_cursor(self) -> None:
        response = self.client.get("/api/v1/letters", {"after": "yesterday"})
        self.assert_error(response, 422, "invalid", ("after",))


class LetterDetailTests(ApiTestCase):
    def test_it_gives_the_letter_with_its_counts(self) -> None:
        self.sign_and_confirm()
        self.sign_and_confirm(email="bo@example.org", branch=None)
        body = self.client.get("/api/v1/letters/solidarity").json()
        self.assertEqual(body["title"], "Solidarity with Sam")
        self.assertEqual(body["addressee"], "The Regional Committee")
        self.assertIn("<strong>Sam</strong>", body["text_html"])
        self.assertEqual(body["status"], "open")
        self.assertEqual(body["count"], 2)
        self.assertEqual(body["version"], 1)
        self.assertEqual(
            body["counts_by_region"], [{"code": "northern-n", "name": "North", "count": 1}]
        )
        self.assertEqual(
            body["counts_by_branch"],
            [{"code": "northern-tyne", "name": "Tyneside", "region": "northern-n", "count": 1}],
        )
        self.assertEqual(body["share_image_url"], "http://testserver/l/solidarity/share.png")
        self.assertEqual(body["embed_url"], "http://testserver/l/solidarity/embed")

    def test_a_closed_letter_says_when_it_closed(self) -> None:
        services.close(self.letter)
        body = self.client.get("/api/v1/letters/solidarity").json()
        self.assertEqual(body["status"], "closed")
        self.assertIsNotNone(body["closed_at"])

    def test_a_draft_is_not_found(self) -> None:
        make_letter(self.org, slug="draft", publish=False)
        self.assert_error(self.client.get("/api/v1/letters/draft"), 404, "not_found")
