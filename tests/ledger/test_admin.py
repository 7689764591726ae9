from django.contrib.auth.models import User

from tests.base import BaseTestCase
from undersigned.ledger import sequencer
from undersigned.ledger.models import Log


class LogAdminTests(BaseTestCase):
    def test_staff_can_see_logs_but_not_change_them(self) -> None:
        sequencer.sequence_all()
        User.objects.create_superuser("admin@example.org", "admin@example.org", "pw-for-tests")
        self.client.force_login(User.objects.get(username="admin@example.org"))
        response = self.client.get("/admin/ledger/log/")
        self.assertContains(response, "Solidarity with Sam")
        self.assertNotContains(response, "Add log")
        self.assertEqual(self.client.get("/admin/ledger/log/add/").status_code, 403)

    def test_staff_resume_a_halted_log_which_is_checked_again(self) -> None:
        sequencer.sequence_all()
        Log.objects.update(fault="the hash tiles do not reproduce the signed root")
        User.objects.create_superuser("admin@example.org", "admin@example.org", "pw-for-tests")
        self.client.force_login(User.objects.get(username="admin@example.org"))
        response = self.client.get("/admin/ledger/log/")
        self.assertContains(response, "the hash tiles do not reproduce the signed root")
        log = Log.objects.get()
        response = self.client.post(
            "/admin/ledger/log/", {"action": "resume", "_selected_action": [log.pk]}, follow=True
        )
        self.assertContains(response, "1 log(s) will be checked and extended again.")
        self.assertEqual(Log.objects.get().fault, "")
