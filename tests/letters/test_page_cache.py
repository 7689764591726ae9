"""The letter page, the count and the first page of signatories come from the cache
(letters/pagecache.py) and change exactly when what they show changes."""

import re

from django.core.cache import cache
from django.test import Client, override_settings

from tests.base import BaseTestCase
from undersigned.accounts.models import AuditEntry
from undersigned.letters import pagecache, services, versions
from undersigned.letters.models import Signature

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE = re.compile(r'<style nonce="([^"]+)">')


@override_settings(PAGE_CACHE=True)
class PageCacheTests(BaseTestCase):
    def setUp(self) -> None:
        cache.clear()
        super().setUp()
        self.page = f"/l/{self.letter.slug}/"
        self.count = f"/api/v1/letters/{self.letter.slug}/count"
        self.signatories = f"/api/v1/letters/{self.letter.slug}/signatories"

    def confirmed(self, name: str, email: str) -> Signature:
        signature = services.sign(self.letter, name=name, email=email)
        assert signature is not None
        with self.captureOnCommitCallbacks(execute=True):
            services.confirm(signature.uid)
        return signature

    def test_the_page_shows_the_new_count_and_name_after_a_confirmation(self) -> None:
        self.confirmed("Grace Hopper", "grace@example.org")
        first = self.client.get(self.page)
        self.assertContains(first, "Grace Hopper")
        self.assertContains(first, '<span class="count-label">signature</span>')
        self.confirmed("Ada Lovelace", "ada@example.org")
        response = self.client.get(self.page)
        self.assertContains(response, "Ada Lovelace")
        self.assertContains(response, f'data-live-count="{self.letter.slug}">2</span>')

    @override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    )
    def test_the_page_is_served_from_the_cache_without_a_query(self) -> None:
        # (With Redis as the cache, as in production; the database cache would be a query.)
        self.client.get(self.page)
        with self.assertNumQueries(0):
            response = self.client.get(self.page)
        self.assertContains(response, "Solidarity with Sam")

    def test_each_reader_gets_their_own_csrf_token_and_nonce(self) -> None:
        one, two = Client(), Client()
        first, second = one.get(self.page), two.get(self.page)
        tokens = [CSRF_INPUT.search(r.content.decode()) for r in (first, second)]
        assert tokens[0] and tokens[1]
        self.assertNotEqual(tokens[0].group(1), tokens[1].group(1))
        for response in (first, second):
            self.assertNotContains(response, pagecache.CSRF_MARK)
            self.assertNotContains(response, pagecache.NONCE_MARK)
            nonce = NONCE.search(response.content.decode())
            assert nonce is not None
            self.assertIn(f"'nonce-{nonce.group(1)}'", response["Content-Security-Policy"])
        # The token in a cached page works: the form signs (the test client checks CSRF).
        strict = Client(enforce_csrf_checks=True)
        token = CSRF_INPUT.search(strict.get(self.page).content.decode())
        assert token is not None
        response = strict.post(
            self.page, {**self.sign_form(), "csrfmiddlewaretoken": token.group(1)}
        )
        self.assertRedirects(response, f"/l/{self.letter.slug}/signed/")

    def test_a_logged_in_organiser_and_an_anonymous_reader_each_see_their_own_page(
        self,
    ) -> None:
        anonymous = self.client.get(self.page)
        self.assertContains(anonymous, "Organiser login")
        organiser = Client()
        organiser.force_login(self.organiser)
        self.assertContains(organiser.get(self.page), "Log out")
        self.assertContains(self.client.get(self.page), "Organiser login")

    def test_the_count_follows_confirmations_and_withdrawals(self) -> None:
        self.assertEqual(self.client.get(self.count).json()["count"], 0)
        signature = self.confirmed("Grace Hopper", "grace@example.org")
        self.assertEqual(self.client.get(self.count).json()["count"], 1)
        with self.captureOnCommitCallbacks(execute=True):
            services.withdraw(signature.uid)
        response = self.client.get(self.count)
        self.assertEqual(response.json(), {"slug": self.letter.slug, "count": 0, "status": "open"})
        self.assertEqual(response["ETag"], '"0-open"')

    def test_the_count_shows_a_closed_letter(self) -> None:
        self.client.get(self.count)
        with self.captureOnCommitCallbacks(execute=True):
            services.close(self.letter)
        self.assertEqual(self.client.get(self.count).json()["status"], "closed")
        self.assertContains(self.client.get(self.page), "It no longer accepts signatures")

    def test_an_erased_signer_leaves_the_cached_list(self) -> None:
        signature = self.confirmed("Grace Hopper", "grace@example.org")
        names = [item["name"] for item in self.client.get(self.signatories).json()["items"]]
        self.assertEqual(names, ["Grace Hopper"])
        self.assertContains(self.client.get(self.page), "Grace Hopper")
        with self.captureOnCommitCallbacks(execute=True):
            services.erase(signature)
        self.assertEqual(self.client.get(self.signatories).json()["items"], [])
        self.assertNotContains(self.client.get(self.page), "Grace Hopper")

    def test_a_new_version_of_the_text_and_a_renamed_organisation_show(self) -> None:
        self.client.get(self.page)
        with self.captureOnCommitCallbacks(execute=True):
            versions.new_version(
                self.letter,
                title="Solidarity with Sam",
                body="We stand with **Alex**.",
                reason="A typo",
                by=self.organiser,
            )
        self.assertContains(self.client.get(self.page), "<strong>Alex</strong>")
        self.org.name = "Northern Solidarity Network"
        with self.captureOnCommitCallbacks(execute=True):
            self.org.save()
        self.assertContains(self.client.get(self.page), "Northern Solidarity Network")

    def test_an_audited_organisation_change_such_as_a_roster_import_shows(self) -> None:
        signature = self.confirmed("Grace Hopper", "grace@example.org")
        self.assertContains(self.client.get(self.page), "Grace Hopper")
        # A roster import marks signatures in bulk (no signal), then audits the import.
        Signature.objects.filter(pk=signature.pk).update(name="Grace B. Hopper")
        with self.captureOnCommitCallbacks(execute=True):
            AuditEntry.objects.create(organisation=self.org, action="roster.import")
        self.assertContains(self.client.get(self.page), "Grace B. Hopper")

    def test_a_lost_state_token_makes_every_part_stale(self) -> None:
        signature = self.confirmed("Grace Hopper", "grace@example.org")
        self.assertContains(self.client.get(self.page), "Grace Hopper")
        Signature.objects.filter(pk=signature.pk).update(name="Grace B. Hopper")  # no token
        cache.delete(f"letter-state:{self.letter.slug}")  # as if Redis had evicted it
        self.assertContains(self.client.get(self.page), "Grace B. Hopper")


class WithoutPageCacheTests(BaseTestCase):
    def test_pages_are_rendered_for_every_reader(self) -> None:
        self.client.get(f"/l/{self.letter.slug}/")
        response = self.client.get(f"/l/{self.letter.slug}/")
        self.assertNotContains(response, pagecache.CSRF_MARK)
        self.assertContains(response, "Solidarity with Sam")


@override_settings(PAGE_CACHE=True, LANGUAGE_CODE="en-gb")
class PageCacheLanguageTests(BaseTestCase):
    """The page is cached once per language: a Welsh reader never gets the English page
    an English reader left in the cache (nor the other way round)."""

    def setUp(self) -> None:
        cache.clear()
        super().setUp()
        self.page = f"/l/{self.letter.slug}/"

    def test_each_language_gets_its_own_cached_page(self) -> None:
        english, welsh = Client(), Client()
        english.cookies.load({"django_language": "en-gb"})
        welsh.cookies.load({"django_language": "cy"})
        self.assertContains(english.get(self.page), 'lang="en-gb"')
        self.assertContains(welsh.get(self.page), '<html lang="cy"')
        self.assertContains(english.get(self.page), '<html lang="en-gb"')
        # By the browser's language too, with no cookie.
        response = Client(HTTP_ACCEPT_LANGUAGE="cy").get(self.page)
        self.assertContains(response, '<html lang="cy"')


@override_settings(PAGE_CACHE=True)
class CachedLetterForSigningTests(BaseTestCase):
    """Signing reads the letter from the cache (no query for it), and sees at once what an
    organiser changes: closing it, or turning on the proof-of-work challenge."""

    def setUp(self) -> None:
        cache.clear()
        super().setUp()
        self.url = f"/api/v1/letters/{self.letter.slug}/signatures"

    def sign(self, email: str) -> tuple[int, list[str]]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        body = {"name": "Grace Hopper", "email": email, "display": "full", "consent": True}
        with CaptureQueriesContext(connection) as queries:
            response = self.client.post(self.url, body, content_type="application/json")
        return response.status_code, [q["sql"] for q in queries.captured_queries]

    def test_the_second_signature_reads_no_letter_row(self) -> None:
        self.assertEqual(self.sign("one@example.org")[0], 202)
        status, queries = self.sign("two@example.org")
        self.assertEqual(status, 202)
        self.assertFalse([q for q in queries if 'FROM "letters_letter"' in q], queries)
        self.assertEqual(Signature.objects.filter(email="two@example.org").count(), 1)

    def test_a_closed_letter_refuses_at_once(self) -> None:
        self.assertEqual(self.sign("one@example.org")[0], 202)
        with self.captureOnCommitCallbacks(execute=True):
            services.close(self.letter)
        self.assertEqual(self.sign("two@example.org")[0], 403)
        self.assertFalse(Signature.objects.filter(email="two@example.org").exists())

    def test_turning_the_challenge_on_asks_for_it_at_once(self) -> None:
        self.assertEqual(self.sign("one@example.org")[0], 202)
        self.letter.under_attack = True
        with self.captureOnCommitCallbacks(execute=True):
            self.letter.save(update_fields=["under_attack"])
        self.assertEqual(self.sign("two@example.org")[0], 428)

    def test_a_confirmation_keeps_the_letter_cached_and_its_count_fresh(self) -> None:
        self.assertEqual(self.sign("one@example.org")[0], 202)
        signature = Signature.objects.get(email="one@example.org")
        with self.captureOnCommitCallbacks(execute=True):
            services.confirm(signature.uid)
        status, queries = self.sign("two@example.org")
        self.assertEqual(status, 202)
        self.assertFalse([q for q in queries if 'FROM "letters_letter"' in q], queries)
        # The counters are not kept with the cached letter: a page built from it shows
        # the count as it is now.
        self.assertContains(self.client.get(f"/l/{self.letter.slug}/"), "1</span>")
        other = Signature.objects.get(email="two@example.org")
        with self.captureOnCommitCallbacks(execute=True):
            services.confirm(other.uid)
        self.assertContains(
            self.client.get(f"/l/{self.letter.slug}/"),
            f'data-live-count="{self.letter.slug}">2</span>',
        )
