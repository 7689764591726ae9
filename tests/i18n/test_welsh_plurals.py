"""Welsh has six plural categories (0, 1, 2, 3, 6 and the rest); counts use the right one."""

from django.test import TestCase, override_settings
from django.utils import translation

from tests.base import make_letter, make_org
from undersigned.letters.models import Letter
from undersigned.letters.sharing import count_label

# Signed by N person/people: the noun mutates after 2 (soft) and 3 and 6 (aspirate).
PRINT_HEADINGS = {
    0: "Wedi'i lofnodi gan 0 person",
    1: "Wedi'i lofnodi gan 1 person",
    2: "Wedi'i lofnodi gan 2 berson",
    3: "Wedi'i lofnodi gan 3 pherson",
    6: "Wedi'i lofnodi gan 6 pherson",
    100: "Wedi'i lofnodi gan 100 o bobl",
}
COUNT_LABELS = {
    0: "0 llofnod",
    1: "1 llofnod",
    2: "2 lofnod",
    3: "3 llofnod",
    6: "6 llofnod",
    100: "100 o lofnodion",
}


@override_settings(LANGUAGE_CODE="en-gb")
class WelshPluralTests(TestCase):
    def setUp(self) -> None:
        self.letter = make_letter(make_org())
        self.client.cookies.load({"django_language": "cy"})

    def counted(self, count: int) -> None:
        Letter.objects.filter(pk=self.letter.pk).update(confirmed_count=count)

    def test_the_print_heading_takes_each_plural_form(self) -> None:
        for count, heading in PRINT_HEADINGS.items():
            with self.subTest(count=count):
                self.counted(count)
                response = self.client.get(f"/l/{self.letter.slug}/print/")
                html = b"".join(response.streaming_content).decode()
                self.assertIn(heading, html)

    def test_the_count_on_the_letter_page_takes_each_plural_form(self) -> None:
        for count, label in COUNT_LABELS.items():
            with self.subTest(count=count):
                self.counted(count)
                html = self.client.get(self.letter.get_absolute_url()).content.decode()
                number, _, noun = label.partition(" ")
                self.assertInHTML(
                    f'<span class="count-label">{noun}</span>', html.replace("\n", " ")
                )

    def test_the_share_image_label_takes_each_plural_form(self) -> None:
        with translation.override("cy"):
            for count, label in COUNT_LABELS.items():
                with self.subTest(count=count):
                    self.assertEqual(count_label(count), label)
            self.assertEqual(count_label(1234), "1,000+ o lofnodion")
