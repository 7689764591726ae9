from tests.base import BaseTestCase
from undersigned.accounts import audit


class AuditLogTests(BaseTestCase):
    def test_owners_see_their_organisations_entries_only(self) -> None:
        audit.record(self.org, self.organiser, audit.PUBLISHED, self.letter)
        audit.record(self.other_org, self.other_owner, audit.CLOSED)
        self.client.force_login(self.owner)
        page = self.client.get("/workspace/northern/audit/")
        self.assertContains(page, "<td>published</td>", html=True)
        self.assertContains(page, "Solidarity with Sam")
        self.assertNotContains(page, "<td>closed</td>", html=True)

    def test_actions_through_the_workspace_are_recorded(self) -> None:
        self.client.force_login(self.organiser)
        self.client.post("/workspace/northern/letters/solidarity/close/")
        self.client.force_login(self.owner)
        page = self.client.get("/workspace/northern/audit/")
        self.assertContains(page, "organiser@example.org")
        self.assertContains(page, "<td>closed</td>", html=True)
