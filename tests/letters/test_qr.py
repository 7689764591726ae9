import io
from xml.etree import ElementTree

from PIL import Image

from tests.base import BaseTestCase, make_letter


class QrCodeTests(BaseTestCase):
    def test_the_png_is_a_square_image(self) -> None:
        response = self.client.get("/l/solidarity/qr.png")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertIn('filename="solidarity-qr.png"', response["Content-Disposition"])
        image = Image.open(io.BytesIO(response.content))
        self.assertEqual(image.format, "PNG")
        width, height = image.size
        self.assertEqual(width, height)
        self.assertGreaterEqual(width, 250)

    def test_the_svg_is_an_svg_document(self) -> None:
        response = self.client.get("/l/solidarity/qr.svg")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/svg+xml")
        root = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
        self.assertEqual(root.tag, "{http://www.w3.org/2000/svg}svg")

    def test_it_encodes_the_letters_address(self) -> None:
        import segno

        expected = io.BytesIO()
        segno.make("http://testserver/l/solidarity/", error="m").save(
            expected, kind="png", scale=10, border=4
        )
        self.assertEqual(self.client.get("/l/solidarity/qr.png").content, expected.getvalue())

    def test_a_draft_has_no_qr_code(self) -> None:
        make_letter(self.org, slug="draft", publish=False)
        self.assertEqual(self.client.get("/l/draft/qr.svg").status_code, 404)
        self.assertEqual(self.client.get("/l/draft/qr.png").status_code, 404)
