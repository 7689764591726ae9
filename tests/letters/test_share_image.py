import io

from PIL import Image

from tests.base import BaseTestCase, make_letter
from undersigned.letters.models import Letter
from undersigned.letters.sharing import count_label, milestone

URL = "/l/solidarity/share.png"


class ShareImageTests(BaseTestCase):
    def test_it_is_a_1200_by_630_png(self) -> None:
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/png")
        image = Image.open(io.BytesIO(response.content))
        self.assertEqual(image.format, "PNG")
        self.assertEqual(image.size, (1200, 630))
        # Not a blank canvas: the accent bar and the text are drawn.
        self.assertGreater(len(image.convert("RGB").getcolors(maxcolors=100000) or []), 10)

    def test_it_changes_when_the_count_crosses_a_round_number(self) -> None:
        first = self.client.get(URL)
        Letter.objects.filter(pk=self.letter.pk).update(confirmed_count=14)
        at_14 = self.client.get(URL)
        Letter.objects.filter(pk=self.letter.pk).update(confirmed_count=17)
        at_17 = self.client.get(URL)
        Letter.objects.filter(pk=self.letter.pk).update(confirmed_count=20)
        at_20 = self.client.get(URL)
        self.assertNotEqual(first["ETag"], at_14["ETag"])
        self.assertEqual(at_14["ETag"], at_17["ETag"])
        self.assertEqual(at_14.content, at_17.content)
        self.assertNotEqual(at_17["ETag"], at_20["ETag"])

    def test_it_answers_304_to_a_matching_etag(self) -> None:
        etag = self.client.get(URL)["ETag"]
        self.assertEqual(self.client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code, 304)

    def test_a_draft_has_no_share_image(self) -> None:
        make_letter(self.org, slug="draft", publish=False)
        self.assertEqual(self.client.get("/l/draft/share.png").status_code, 404)

    def test_round_numbers(self) -> None:
        self.assertEqual(
            [milestone(n) for n in (0, 7, 10, 19, 99, 100, 2345, 999_999)],
            [0, 7, 10, 10, 90, 100, 2000, 900_000],
        )
        self.assertEqual(count_label(1), "1 signature")
        self.assertEqual(count_label(2345), "2,000+ signatures")
        self.assertEqual(count_label(2000), "2,000 signatures")


class LongTextImageTests(BaseTestCase):
    def test_a_long_slug_title_and_name_stay_inside_the_image(self) -> None:
        self.org.name = "Federation of " + "Extraordinarily" * 8
        self.org.save()
        letter = make_letter(self.org, slug="a" * 80, title="Unbroken" * 25, body="Text.")
        image = Image.open(io.BytesIO(self.client.get(f"/l/{letter.slug}/share.png").content))
        rgb = image.convert("RGB")
        margin = [rgb.getpixel((x, y)) for x in range(1180, 1200) for y in range(0, 630, 2)]
        self.assertEqual(set(margin), {(255, 255, 255)}, "text runs into the right margin")
