import csv
import io
import json
from unittest import mock

from tests.base import BaseTestCase
from undersigned.letters import export, services
from undersigned.letters.models import Signature

PRIVATE_COLUMNS = [
    "id", "uid", "status", "name", "email", "role", "display", "branch", "branch_code",
    "branch_verified", "region", "member", "member_lapsed", "initial_signatory",
    "version_signed", "review", "flags", "removal_reason", "removal_note", "created",
    "confirmed_at", "withdrawn_at", "removed_at", "log_index",
]  # fmt: skip


class ExportStreamTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.sign_and_confirm(name="Ada Lovelace", email="ada@example.org")
        self.sign_and_confirm(name="=cmd|' /C calc'!A0", email="evil@example.org", role="@SUM")
        self.sign_and_confirm(name="Hidden Person", email="hid@example.org", display="hidden")
        services.sign(self.letter, name="Pending Pat", email="pat@example.org")

    def read_csv(self, private: bool) -> list[dict[str, str]]:
        text = "".join(export.stream_csv(self.letter, private=private))
        return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))

    def test_the_public_csv_has_only_what_the_public_page_shows(self) -> None:
        rows = self.read_csv(private=False)
        self.assertEqual(
            list(rows[0]), ["name", "role", "branch", "branch_self_declared", "initial_signatory"]
        )
        names = {row["name"] for row in rows}
        self.assertEqual(names, {"Ada Lovelace", "'=cmd|' /C calc'!A0"})
        text = "".join(export.stream_csv(self.letter, private=False))
        self.assertNotIn("@example.org", text)
        self.assertNotIn("Hidden Person", text)
        self.assertNotIn("Pending Pat", text)

    def test_cells_that_start_like_a_formula_are_escaped(self) -> None:
        row = next(r for r in self.read_csv(private=True) if r["email"] == "evil@example.org")
        self.assertEqual(row["name"], "'=cmd|' /C calc'!A0")
        self.assertEqual(row["role"], "'@SUM")
        for i, name in enumerate(["+1 Bob", "-Eve", "@Mallory", "=A1", "\tTab", "Ada"]):
            signature = services.sign(self.letter, name=name, email=f"f{i}@example.org")
            services.confirm(signature.uid)
        names = {row["name"] for row in self.read_csv(private=False)}
        for expected in ("'+1 Bob", "'-Eve", "'@Mallory", "'=A1", "'\tTab", "Ada"):
            self.assertIn(expected, names)

    def test_the_private_csv_has_every_signature_with_emails_and_status(self) -> None:
        rows = self.read_csv(private=True)
        self.assertEqual(list(rows[0]), PRIVATE_COLUMNS)
        by_email = {row["email"]: row for row in rows}
        self.assertEqual(
            set(by_email),
            {"ada@example.org", "evil@example.org", "hid@example.org", "pat@example.org"},
        )
        self.assertEqual(by_email["pat@example.org"]["status"], "pending")
        self.assertEqual(by_email["ada@example.org"]["branch"], "Tyneside")
        self.assertEqual(by_email["ada@example.org"]["region"], "North")

    def test_the_json_export_is_valid_json_with_the_same_rows(self) -> None:
        self.letter.refresh_from_db()
        data = json.loads("".join(export.stream_json(self.letter, private=False)))
        self.assertEqual(data["letter"], "solidarity")
        self.assertEqual(data["count"], 3)
        self.assertEqual(len(data["signatures"]), 2)
        self.assertNotIn("email", data["signatures"][0])
        private = json.loads("".join(export.stream_json(self.letter, private=True)))
        self.assertEqual(len(private["signatures"]), 4)
        self.assertIn("email", private["signatures"][0])

    def test_an_empty_letter_exports_a_header_and_an_empty_list(self) -> None:
        Signature.objects.all().delete()
        self.assertEqual("".join(export.stream_csv(self.letter, private=False)).count("\n"), 1)
        data = json.loads("".join(export.stream_json(self.letter, private=True)))
        self.assertEqual(data["signatures"], [])

    def test_it_reads_in_batches_and_misses_nobody_between_them(self) -> None:
        with mock.patch.object(export, "BATCH", 2):
            chunks = list(export.stream_csv(self.letter, private=True))
            data = json.loads("".join(export.stream_json(self.letter, private=True)))
        self.assertEqual(len(chunks), 3)  # the header, then two batches of up to two rows
        self.assertEqual(len(data["signatures"]), 4)
        self.assertEqual(len({row["id"] for row in data["signatures"]}), 4)
