from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.base import BaseTestCase, make_letter
from undersigned.letters.models import Signature


def add_confirmed(letter, n: int, start: int = 0, **fields) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    Signature.objects.bulk_create(
        Signature(
            letter=letter,
            name=f"Signer {i:04d}",
            email=f"s{i}@example.org",
            status="confirmed",
            confirmed_at=now - timedelta(seconds=i),
            **fields,
        )
        for i in range(start, start + n)
    )
    letter.confirmed_count += n
    letter.save()


class LetterPageTests(BaseTestCase):
    def test_it_shows_the_letter_and_the_form(self) -> None:
        response = self.client.get(f"/l/{self.letter.slug}/")
        self.assertContains(response, '<h1 id="letter-title">Solidarity with Sam</h1>')
        self.assertContains(response, "To: The Regional Committee")
        self.assertContains(response, "<strong>Sam</strong>")
        self.assertContains(response, 'name="consent"')
        self.assertContains(response, "Never public: your email address")
        self.assertNotContains(response, "organiser@example.org")  # a login is not a name
        self.organiser.first_name, self.organiser.last_name = "Rosa", "Luxton"
        self.organiser.save()
        self.assertContains(self.client.get(f"/l/{self.letter.slug}/"), "Organised by Rosa Luxton")

    def test_it_lists_signatories_newest_first_with_role_and_branch(self) -> None:
        self.sign_and_confirm(email="first@example.org", name="First Person", role="Steward")
        self.sign_and_confirm(
            email="second@example.org", name="Second Person", display="name", role="Secret role"
        )
        response = self.client.get(f"/l/{self.letter.slug}/")
        body = response.content.decode()
        self.assertLess(body.index("Second Person"), body.index("First Person"))
        self.assertContains(response, ", Steward")
        self.assertNotContains(response, "Secret role")
        self.assertContains(response, "Tyneside")
        self.assertContains(response, "self-declared")

    def test_counted_only_signatures_are_counted_but_not_listed(self) -> None:
        self.sign_and_confirm(name="Hidden Person", display="hidden")
        response = self.client.get(f"/l/{self.letter.slug}/")
        self.assertNotContains(response, "Hidden Person")
        self.assertContains(response, 'data-live-count="solidarity">1<')

    def test_pending_signatures_are_not_shown(self) -> None:
        self.sign(name="Pending Person")
        self.assertNotContains(self.client.get(f"/l/{self.letter.slug}/"), "Pending Person")

    def test_signatories_are_paged_by_a_hundred_with_a_keyset_cursor(self) -> None:
        add_confirmed(self.letter, 250)
        first = self.client.get(f"/l/{self.letter.slug}/")
        self.assertContains(first, "Signer 0000")
        self.assertContains(first, "Signer 0099")
        self.assertNotContains(first, "Signer 0100")
        cursor = first.context["next_cursor"]
        second = self.client.get(f"/l/{self.letter.slug}/?after={cursor}")
        self.assertContains(second, "Signer 0100")
        self.assertContains(second, "Signer 0199")
        self.assertNotContains(second, "Signer 0099")
        third = self.client.get(f"/l/{self.letter.slug}/?after={second.context['next_cursor']}")
        self.assertContains(third, "Signer 0249")
        self.assertEqual(third.context["next_cursor"], "")

    def test_a_nonsense_cursor_shows_the_first_page(self) -> None:
        add_confirmed(self.letter, 3)
        self.assertContains(self.client.get(f"/l/{self.letter.slug}/?after=zz_yy"), "Signer 0000")

    def test_the_page_never_counts_signatures(self) -> None:
        add_confirmed(self.letter, 150)
        with CaptureQueriesContext(connection) as queries:
            self.client.get(f"/l/{self.letter.slug}/")
        self.assertFalse([q for q in queries if "COUNT(" in q["sql"].upper()])
        self.assertContains(self.client.get(f"/l/{self.letter.slug}/"), ">150<")

    def test_initial_signatories_appear_first(self) -> None:
        draft = make_letter(self.org, slug="draft-letter", publish=False)
        from undersigned.letters import services

        initial = services.sign(
            draft, name="Founding Signer", email="founder@example.org", is_initial=True
        )
        services.confirm(initial.uid)
        services.publish(draft)
        add_confirmed(draft, 2)
        body = self.client.get("/l/draft-letter/").content.decode()
        self.assertIn("Initial signatories", body)
        self.assertLess(body.index("Founding Signer"), body.index("Signer 0000"))


class HomeTests(BaseTestCase):
    def test_it_lists_open_letters_with_their_counts(self) -> None:
        self.sign_and_confirm()
        make_letter(self.org, slug="draft-one", publish=False, title="A secret draft")
        response = self.client.get("/")
        self.assertContains(response, "Solidarity with Sam")
        self.assertContains(response, "Northern Network")
        self.assertContains(response, f'href="/l/{self.letter.slug}/"')
        self.assertContains(response, "1</span> signature")
        self.assertNotContains(response, "A secret draft")
