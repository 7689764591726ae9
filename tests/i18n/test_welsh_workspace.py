"""The organisers' workspace for letters, in Welsh."""

from django.test import override_settings
from django.urls import reverse

from tests.base import BaseTestCase
from tests.i18n.catalogue import english_left, visible_text
from tests.ledger.helpers import logged_fields
from tests.members.base import HEADER
from tests.members.test_roster_upload import upload
from undersigned.ledger import sequencer


@override_settings(LANGUAGE_CODE="en-gb")
class WelshWorkspaceTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.cookies.load({"django_language": "cy"})
        self.client.force_login(self.owner)

    def test_the_letter_pages_of_the_workspace_are_in_welsh(self) -> None:
        self.sign_and_confirm()
        org, slug = self.org.slug, self.letter.slug
        pages = [
            reverse("workspace:dashboard"),
            reverse("workspace:create", args=[org]),
            reverse("workspace:letter", args=[org, slug]),
            reverse("workspace:edit", args=[org, slug]),
            reverse("workspace:preview", args=[org, slug]),
            reverse("workspace:moderation", args=[org, slug]),
            reverse("workspace:export", args=[org, slug]),
            reverse("workspace:statistics", args=[org, slug]),
            reverse("workspace:people", args=[org]),
            reverse("workspace:audit", args=[org]),
            reverse("sharing:snippet", args=[slug]),
            reverse("api_tokens"),
            reverse("members:index", args=[org]),
            reverse("members:roster", args=[org]),
            reverse("members:structure_import", args=[org]),
            reverse("members:branch", args=[org, self.tyneside.pk]),
            reverse("workspace:invited", args=[org, slug]),
            reverse("workspace:bodies", args=[org]),
            reverse("workspace:rulebook", args=[org]),
        ]
        for path in pages:
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200)
                html = response.content.decode()
                self.assertIn('<html lang="cy">', html)
                self.assertEqual(english_left(visible_text(html)), [])

    def test_a_workspace_message_is_in_welsh(self) -> None:
        response = self.client.post(
            reverse("workspace:close", args=[self.org.slug, self.letter.slug]), follow=True
        )
        self.assertContains(response, "Ar gau: nid yw&#x27;r llythyr yn derbyn llofnodion mwyach.")

    def test_an_organiser_adds_the_welsh_text_and_it_is_logged(self) -> None:
        self.client.force_login(self.organiser)
        path = reverse("workspace:translate", args=[self.org.slug, self.letter.slug, "cy"])
        response = self.client.post(path, {"title": "", "body": ""})
        self.assertContains(response, "Rhowch deitl.", status_code=400)
        response = self.client.post(
            path, {"title": "Undod gyda Sam", "addressee": "", "body": "Rydym gyda Sam."}
        )
        self.assertEqual(response.status_code, 302)
        sequencer.sequence_all()
        texts = [f for f in logged_fields(self.letter) if f["kind"] == "text"]
        self.assertEqual([(t.get("lang"), t["version"]) for t in texts], [(None, "1"), ("cy", "1")])
        page = self.client.get(self.letter.get_absolute_url()).content.decode()
        self.assertIn("Undod gyda Sam", page)

    def test_only_a_translation_language_has_a_text_page(self) -> None:
        for language in ("en-gb", "fr"):
            path = reverse("workspace:translate", args=[self.org.slug, self.letter.slug, language])
            self.assertEqual(self.client.get(path).status_code, 404)

    def test_roster_problems_are_reported_in_welsh(self) -> None:
        text = HEADER + "A001,ada@example.org,Leeds,,,\nA002,x,York,,,\n"
        response = self.client.post(
            reverse("members:roster", args=[self.org.slug]), {"file": upload(text)}
        )
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertIn("Ni newidiwyd dim: canfuwyd 2 broblem", html)
        self.assertIn("Llinell 3, colofn email: Nid yw “x” yn gyfeiriad e-bost dilys.", html)
        self.assertEqual(english_left(visible_text(html)), [])
