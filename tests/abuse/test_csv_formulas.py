"""Finding 6: the CSV formula escape was bypassed with a separator."""

import csv
import io

from tests.base import BaseTestCase
from undersigned.letters import export


class CsvFormulaTests(BaseTestCase):
    def exported(self) -> str:
        return "".join(export.stream_csv(self.letter, private=True))

    def test_a_formula_after_a_semicolon_is_neutralised(self) -> None:
        self.sign_and_confirm(name="Anna Smith;=1+1")
        text = self.exported()
        self.assertNotIn(";=1+1", text)
        self.assertIn(";'=1+1", text)

    def test_a_formula_after_a_comma_or_tab_is_neutralised(self) -> None:
        self.sign_and_confirm(name="Anna, =HYPERLINK(1)", role="x|@SUM(1)")
        text = self.exported()
        self.assertIn(", '=HYPERLINK", text)
        self.assertIn("'@SUM", text)

    def test_every_field_is_quoted(self) -> None:
        self.sign_and_confirm()
        lines = self.exported().lstrip("\ufeff").splitlines()
        for line in lines:
            self.assertTrue(line.startswith('"') and line.endswith('"'), line)

    def test_the_file_starts_with_a_byte_order_mark(self) -> None:
        self.sign_and_confirm(name="Аня Смирнова")
        text = self.exported()
        self.assertTrue(text.startswith("\ufeff"))
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        self.assertEqual(rows[0]["name"], "Аня Смирнова")

    def test_the_workspace_download_has_the_mark_too(self) -> None:
        self.sign_and_confirm()
        self.client.force_login(self.organiser)
        response = self.client.get(
            f"/workspace/{self.org.slug}/letters/{self.letter.slug}/export/private.csv"
        )
        self.assertTrue(b"".join(response.streaming_content).startswith("\ufeff".encode()))
