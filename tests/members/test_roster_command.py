import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from tests.members.base import HEADER, ROSTER, RosterTestCase
from undersigned.members.models import RosterEntry


class RosterCommandTests(RosterTestCase):
    def run_command(self, text: str, *args: str) -> tuple[str, str]:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "roster.csv"
            path.write_text(text, encoding="utf-8")
            out, err = io.StringIO(), io.StringIO()
            call_command("roster", "import", str(path), *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_it_imports_and_prints_the_counts(self) -> None:
        out, _ = self.run_command(ROSTER, "--org", "northern")
        self.assertIn("3 members in the file: 3 added, 0 updated, 0 marked lapsed", out)
        self.assertEqual(RosterEntry.objects.count(), 3)

    def test_a_dry_run_prints_what_would_change_and_changes_nothing(self) -> None:
        out, _ = self.run_command(ROSTER, "--org", "northern", "--dry-run")
        self.assertIn("3 added", out)
        self.assertIn("Dry run: nothing was changed.", out)
        self.assertEqual(RosterEntry.objects.count(), 0)

    def test_it_prints_every_problem_with_its_line_and_fails(self) -> None:
        text = HEADER + "A001,ada@example.org,York,,,\nA002,nope,Leeds,,,\n"
        err = io.StringIO()
        with (
            self.assertRaisesMessage(CommandError, "2 problems in the file: nothing was changed"),
            tempfile.NamedTemporaryFile("w", suffix=".csv") as handle,
        ):
            handle.write(text)
            handle.flush()
            call_command("roster", "import", handle.name, "--org", "northern", stderr=err)
        self.assertEqual(
            err.getvalue().splitlines(),
            [
                "Line 3, column email: “nope” is not a valid email address.",
                "Line 3, column branch: There is no branch with the code or name “Leeds”.",
            ],
        )
        self.assertEqual(RosterEntry.objects.count(), 0)

    def test_it_refuses_an_unknown_organisation(self) -> None:
        with self.assertRaisesMessage(CommandError, "No organisation has the slug 'nowhere'"):
            self.run_command(ROSTER, "--org", "nowhere")

    def test_it_refuses_a_missing_file(self) -> None:
        with self.assertRaisesMessage(CommandError, "Cannot read /nonexistent.csv"):
            call_command("roster", "import", "/nonexistent.csv", "--org", "northern")

    def test_keys_lists_digests_under_an_old_key(self) -> None:
        from django.test import override_settings

        with override_settings(ROSTER_KEY="old-key"):
            self.run_command(ROSTER, "--org", "northern")
        out = io.StringIO()
        call_command("roster", "keys", stdout=out)
        self.assertIn("3 roster entries still use key", out.getvalue())
