from tests.base import BaseTestCase


class StatisticsViewTests(BaseTestCase):
    def test_it_shows_charts_rate_and_tables(self) -> None:
        self.sign_and_confirm(email="a@example.org")
        self.sign(email="pending@example.org")
        self.client.force_login(self.organiser)
        page = self.client.get("/workspace/northern/letters/solidarity/statistics/")
        self.assertContains(page, "<svg", count=2)
        self.assertContains(page, "<rect ", count=48 + 1)  # 48 hours, 1 day
        self.assertContains(page, "50% (1 of 2 confirmed their email)")
        self.assertContains(page, "<td>Tyneside</td>", html=True)
        self.assertContains(page, "<td>North</td>", html=True)
        self.assertNotContains(page, "<script")

    def test_an_empty_letter_has_a_page_too(self) -> None:
        self.client.force_login(self.owner)
        page = self.client.get("/workspace/northern/letters/solidarity/statistics/")
        self.assertContains(page, "No signatures yet")
