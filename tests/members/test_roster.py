from django.test import override_settings

from tests.members.base import HEADER, ROSTER, RosterTestCase, csv_file
from undersigned.accounts.models import AuditEntry
from undersigned.letters.models import Signature
from undersigned.members import digests, roster
from undersigned.members.models import RosterEntry


class RosterImportTests(RosterTestCase):
    def problems(self, text: str) -> list[str]:
        result = self.import_roster(text)
        self.assertFalse(result.ok)
        return [str(p) for p in result.problems.first]

    def test_it_adds_every_member_of_a_first_roster(self) -> None:
        result = self.import_roster()
        self.assertTrue(result.ok)
        self.assertEqual((result.added, result.updated, result.lapsed), (3, 0, 0))
        self.assertEqual(RosterEntry.objects.filter(organisation=self.org).count(), 3)
        ada = RosterEntry.objects.get(branch__code="northern-tyne")
        self.assertEqual(ada.status, "active")
        self.assertEqual(ada.postcode_outward, "NE1")
        self.assertEqual(RosterEntry.objects.get(branch__code="northern-wear").status, "lapsed")

    def test_it_stores_no_raw_email_number_or_name(self) -> None:
        self.import_roster()
        rows = str(list(RosterEntry.objects.values()))
        for secret in (
            "ada@example.org",
            "ADA@EXAMPLE.ORG",
            "A001",
            "a001",
            "Ada",
            "Lovelace",
            "NE1 4ST",
            "4ST",
        ):
            self.assertNotIn(secret, rows)
        ada = RosterEntry.objects.get(branch__code="northern-tyne")
        self.assertEqual(len(ada.email_digest), 64)
        self.assertEqual(
            ada.email_digest, digests.current_key(self.org.pk).email("ada@example.org")
        )

    def test_digests_differ_between_organisations(self) -> None:
        self.assertNotEqual(
            digests.current_key(self.org.pk).email("ada@example.org"),
            digests.current_key(self.other_org.pk).email("ada@example.org"),
        )

    def test_a_reimport_adds_updates_and_lapses(self) -> None:
        self.import_roster()
        result = self.import_roster(
            HEADER
            + "A001,ada@example.org,York,NE1 4ST,active,Ada\n"  # moved branch: updated
            + "A003,larry@example.org,northern-wear,SR1 1AA,active,Larry\n"  # back: updated
            + "A004,new@example.org,northern-tyne,,,New Member\n"  # added
        )  # Grace is missing: lapsed
        self.assertTrue(result.ok)
        self.assertEqual(
            (result.added, result.updated, result.lapsed, result.unchanged), (1, 2, 1, 0)
        )
        self.assertIn("1 added, 2 updated, 1 marked lapsed", result.summary())
        statuses = sorted(RosterEntry.objects.values_list("branch__name", "status"))
        self.assertEqual(
            statuses,
            [
                ("Tyneside", "active"),
                ("Wearside", "active"),
                ("York", "active"),
                ("York", "lapsed"),
            ],
        )

    def test_an_identical_reimport_changes_nothing(self) -> None:
        self.import_roster()
        result = self.import_roster()
        self.assertEqual(
            (result.added, result.updated, result.lapsed, result.unchanged), (0, 0, 0, 3)
        )

    def test_marking_a_member_lapsed_in_the_file_counts_as_lapsed(self) -> None:
        self.import_roster()
        result = self.import_roster(ROSTER.replace("YO1 7HH,,", "YO1 7HH,lapsed,"))
        self.assertEqual((result.updated, result.lapsed), (0, 1))

    def test_a_dry_run_reports_the_changes_but_writes_nothing(self) -> None:
        self.import_roster()
        result = self.import_roster(HEADER + "A009,x@example.org,York,,,\n", dry_run=True)
        self.assertTrue(result.ok)
        self.assertEqual((result.added, result.lapsed), (1, 2))
        self.assertIn("Dry run", result.summary())
        self.assertEqual(RosterEntry.objects.filter(status="active").count(), 2)
        self.assertEqual(RosterEntry.objects.count(), 3)

    def test_it_records_who_imported_what(self) -> None:
        self.import_roster(actor=self.owner, source="members.csv")
        entry = AuditEntry.objects.get(action="roster.import")
        self.assertEqual(entry.actor, self.owner)
        self.assertEqual(entry.detail["source"], "members.csv")
        self.assertEqual(entry.detail["added"], 3)

    def test_it_reads_a_byte_order_mark_and_semicolons(self) -> None:
        text = "\ufeffMembership Number;Email;Branch\nA001;ada@example.org;Tyneside\n"
        result = roster.import_roster(self.org, csv_file(text))
        self.assertTrue(result.ok, [str(p) for p in result.problems.first])
        self.assertEqual(result.added, 1)

    def test_it_reads_windows_line_endings_and_ignores_unknown_columns(self) -> None:
        text = "membership_number,email,branch,phone\r\nA001,ada@example.org,York,0123\r\n"
        result = self.import_roster(text)
        self.assertTrue(result.ok, [str(p) for p in result.problems.first])
        self.assertEqual(RosterEntry.objects.get().branch.name, "York")

    def test_it_reads_quoted_values_across_lines_with_the_right_line_numbers(self) -> None:
        text = HEADER + 'A001,ada@example.org,York,,,"Ada\nLovelace"\nA002,bad,York,,,\n'
        self.assertEqual(
            self.problems(text), ["Line 4, column email: “bad” is not a valid email address."]
        )

    def test_a_missing_column_is_reported_on_line_1(self) -> None:
        self.assertEqual(
            self.problems("membership_number,branch\nA001,York\n"),
            ["Line 1, column email: This required column is missing from the header."],
        )

    def test_an_empty_file_is_reported(self) -> None:
        self.assertEqual(self.problems(""), ["Line 1: The file is empty: it needs a header line."])

    def test_an_unknown_branch_is_reported_with_its_line(self) -> None:
        self.assertEqual(
            self.problems(HEADER + "A001,ada@example.org,York,,,\nA002,b@example.org,Leeds,,,\n"),
            ["Line 3, column branch: There is no branch with the code or name “Leeds”."],
        )

    def test_a_branch_of_another_organisation_is_unknown(self) -> None:
        self.assertEqual(
            self.problems(HEADER + "A001,ada@example.org,southern-york,,,\n"),
            ["Line 2, column branch: There is no branch with the code or name “southern-york”."],
        )

    def test_duplicate_numbers_and_emails_name_the_first_line(self) -> None:
        text = (
            HEADER
            + "A001,ada@example.org,York,,,\n"
            + "a 001,b@example.org,York,,,\n"
            + "A003,ADA@example.org,York,,,\n"
        )
        self.assertEqual(
            self.problems(text),
            [
                "Line 3, column membership_number: The same number is on line 2.",
                "Line 4, column email: The same email address is on line 2.",
            ],
        )

    def test_an_invalid_email_is_reported(self) -> None:
        self.assertEqual(
            self.problems(HEADER + "A001,ada@,York,,,\n"),
            ["Line 2, column email: “ada@” is not a valid email address."],
        )

    def test_empty_required_values_are_each_reported(self) -> None:
        self.assertEqual(
            self.problems(HEADER + " ,,,,,Someone\n"),
            [
                "Line 2, column membership_number: This value is required.",
                "Line 2, column email: This value is required.",
                "Line 2, column branch: This value is required.",
            ],
        )

    def test_an_unknown_status_is_reported(self) -> None:
        self.assertEqual(
            self.problems(HEADER + "A001,ada@example.org,York,,gone,\n"),
            ["Line 2, column status: Use “active”, “lapsed” or leave it empty."],
        )

    def test_a_line_with_too_few_values_is_reported(self) -> None:
        self.assertEqual(
            self.problems(HEADER + "A001,ada@example.org\n"),
            ["Line 2: This line has 2 values; the header has 6."],
        )

    def test_bytes_that_are_not_utf8_are_reported_with_their_line(self) -> None:
        data = (
            HEADER + "A001,ada@example.org,York,,,\n"
        ).encode() + b"A002,b@example.org,York,,,J\xe9r\xf4me\n"
        result = roster.import_roster(self.org, csv_file("").__class__(data))
        self.assertEqual(
            [str(p) for p in result.problems.first],
            ["Line 3: This line is not UTF-8 text. Save the file as “CSV UTF-8”."],
        )

    def test_it_reports_the_first_100_problems_and_the_total(self) -> None:
        text = HEADER + "".join(f"N{i},bad{i},York,,,\n" for i in range(150))
        result = self.import_roster(text)
        self.assertEqual(result.problems.total, 150)
        self.assertEqual(len(result.problems.first), 100)
        self.assertEqual(
            str(result.problems.first[99]),
            "Line 101, column email: “bad99” is not a valid email address.",
        )

    def test_a_bad_file_leaves_the_database_unchanged(self) -> None:
        self.import_roster()
        before = list(RosterEntry.objects.order_by("pk").values())
        audits = AuditEntry.objects.count()
        bad = (
            HEADER
            + "A001,ada@example.org,York,,,\n"  # would update
            + "A009,new@example.org,York,,,\n"  # would add (and Grace would lapse)
            + "A010,new@example.org,York,,,\n"
        )  # duplicate email: rejects everything
        result = self.import_roster(bad)
        self.assertFalse(result.ok)
        self.assertEqual(list(RosterEntry.objects.order_by("pk").values()), before)
        self.assertEqual(AuditEntry.objects.count(), audits)

    def test_a_bad_line_after_many_batches_still_writes_nothing(self) -> None:
        rows = "".join(f"N{i},m{i}@example.org,York,,,\n" for i in range(roster.BATCH * 2 + 10))
        result = self.import_roster(HEADER + rows + "N1,dup@example.org,York,,,\n")
        self.assertEqual(result.problems.total, 1)
        self.assertEqual(RosterEntry.objects.count(), 0)

    def test_a_branch_name_shared_by_two_branches_needs_the_code(self) -> None:
        self.tyneside.name = "York"
        self.tyneside.save()
        self.assertEqual(
            self.problems(HEADER + "A001,ada@example.org,york,,,\n"),
            ["Line 2, column branch: More than one branch is called “york”: use the branch code."],
        )

    def test_lapsing_marks_existing_signatures_and_keeps_them(self) -> None:
        self.import_roster()
        self.letter.eligibility = "members"
        self.letter.save()
        signature = self.sign_and_confirm(email="ada@example.org")
        self.import_roster(HEADER + "A002,grace@example.org,York,,,\n")
        signature.refresh_from_db()
        self.assertTrue(signature.member_lapsed)
        self.assertEqual(signature.status, Signature.Status.CONFIRMED)
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.member_count, 1)
        self.import_roster()
        signature.refresh_from_db()
        self.assertFalse(signature.member_lapsed)


class KeyRotationTests(RosterTestCase):
    def test_a_reimport_under_a_new_key_rewrites_every_digest_without_lapsing(self) -> None:
        with override_settings(ROSTER_KEY="old-key"):
            self.import_roster()
            old_ids = set(RosterEntry.objects.values_list("pk", flat=True))
        with override_settings(ROSTER_KEY="new-key", ROSTER_KEY_PREVIOUS="old-key"):
            # Before the re-import, members are still recognised under the old key.
            from undersigned.members.eligibility import find_by_email

            self.assertIsNotNone(find_by_email(self.org.pk, "ada@example.org"))
            result = self.import_roster()
            self.assertEqual((result.added, result.updated, result.lapsed), (0, 3, 0))
        self.assertEqual(set(RosterEntry.objects.values_list("pk", flat=True)), old_ids)
        self.assertEqual(
            set(RosterEntry.objects.values_list("key_id", flat=True)), {digests.key_id("new-key")}
        )
        with override_settings(ROSTER_KEY="new-key"):
            self.assertIsNotNone(find_by_email(self.org.pk, "ada@example.org"))
