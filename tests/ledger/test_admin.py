from django.contrib.auth.models import User

from tests.base import BaseTestCase
from undersigned.ledger import sequencer


class LogAdminTests(BaseTestCase):
    def test_staff_can_see_logs_but_not_change_them(self) -> None:
        sequencer.sequence_all()
        User.objects.create_superuser("admin@example.org", "admin@example.org", "pw-for-tests")
        self.client.force_login(User.objects.get(username="admin@example.org"))
        response = self.client.get("/admin/ledger/log/")
        self.assertContains(response, "Solidarity with Sam")
        self.assertNotContains(response, "Add log")
        self.assertEqual(self.client.get("/admin/ledger/log/add/").status_code, 403)
