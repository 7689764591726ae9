from django.core import mail

from tests.base import BaseTestCase, make_letter
from undersigned.ledger.models import PendingEvent
from undersigned.letters import versions
from undersigned.letters.models import LetterVersion


class VersionTests(BaseTestCase):
    def test_a_new_version_bumps_the_number_and_logs_it(self) -> None:
        version = versions.new_version(
            self.letter,
            title="Solidarity with Sam",
            body="We stand with **Sam** and Kim.",
            reason="Added Kim",
            by=self.organiser,
        )
        self.assertEqual(version.number, 2)
        self.assertEqual(self.letter.version, 2)
        self.assertEqual(self.letter.body, "We stand with **Sam** and Kim.")
        self.assertEqual(
            list(LetterVersion.objects.filter(letter=self.letter).values_list("number", flat=True)),
            [1, 2],
        )
        self.assertTrue(PendingEvent.objects.filter(kind="text", version=2).exists())

    def test_a_version_needs_a_reason(self) -> None:
        with self.assertRaises(ValueError):
            versions.new_version(self.letter, title="T", body="B", reason=" ", by=None)
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.version, 1)

    def test_the_same_text_is_not_a_new_version(self) -> None:
        with self.assertRaises(versions.NothingChanged):
            versions.new_version(
                self.letter, title=self.letter.title, body=self.letter.body, reason="x", by=None
            )

    def test_signatures_record_the_version_on_screen(self) -> None:
        before = self.sign_and_confirm(email="before@example.org")
        versions.new_version(self.letter, title="New", body="New text", reason="r", by=None)
        after = self.sign_and_confirm(email="after@example.org")
        self.assertEqual((before.version, after.version), (1, 2))

    def test_the_diff_marks_added_and_removed_lines(self) -> None:
        lines = versions.diff_lines("one\ntwo\nthree", "one\n2\nthree")
        self.assertEqual(lines, [("same", "one"), ("del", "two"), ("add", "2"), ("same", "three")])

    def test_signers_can_be_emailed_about_a_change(self) -> None:
        self.sign_and_confirm(email="a@example.org")
        self.sign(email="pending@example.org")
        versions.new_version(self.letter, title="New", body="New text", reason="Typo", by=None)
        mail.outbox.clear()
        versions.notify_signers.enqueue(self.letter.pk, 2)
        self.assertEqual([m.to for m in mail.outbox], [["a@example.org"]])
        self.assertIn("Typo", str(mail.outbox[0].body))
        self.assertIn("/l/solidarity/changes/", str(mail.outbox[0].body))
        self.assertIn("/l/solidarity/withdraw/", str(mail.outbox[0].body))


class ChangesPageTests(BaseTestCase):
    def test_a_one_word_edit_in_a_long_text_shows_only_that_word(self) -> None:
        long = "\n\n".join(f"Paragraph {n} says **many** things at length." for n in range(8))
        letter = make_letter(self.org, slug="long", body=long)
        versions.new_version(
            letter,
            title=letter.title,
            body=long.replace("Paragraph 5 says", "Paragraph 5 argues"),
            reason="Word",
            by=None,
        )
        page = self.client.get("/l/long/changes/").content.decode()
        diff = page[
            page.index('<div class="diff"') : page.index("</div>", page.index('<div class="diff"'))
        ]
        self.assertIn("argues", diff)
        self.assertNotIn("Paragraph 2", diff)
        self.assertEqual(diff.count("<ins>"), 1)
        self.assertEqual(diff.count("<del>"), 1)

    def test_it_lists_every_version_with_its_reason_and_diff(self) -> None:
        versions.new_version(
            self.letter,
            title="Solidarity with Sam",
            body="We stand with Kim.",
            reason="Kim joined",
            by=None,
        )
        page = self.client.get("/l/solidarity/changes/")
        self.assertContains(page, "Version 2 (current)")
        self.assertContains(page, "Version 1")
        self.assertContains(page, "Kim joined")
        # Word by word, as rendered: no Markdown, no whole paragraphs.
        self.assertContains(page, "We stand with <del>")
        self.assertRegex(page.content.decode(), r"<del>.*Sam\..*</del><ins>.*Kim\..*</ins>")
        self.assertNotContains(page, "**Sam**")
        letter_page = self.client.get("/l/solidarity/")
        self.assertContains(letter_page, "Text version 2")
        self.assertContains(letter_page, "/l/solidarity/changes/")

    def test_a_draft_has_no_changes_page(self) -> None:
        make_letter(self.org, slug="draft", publish=False)
        self.assertEqual(self.client.get("/l/draft/changes/").status_code, 404)
