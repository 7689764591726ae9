from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User

from tests.base import BaseTestCase

OUR_APPS = {"accounts", "members", "letters", "motions", "ledger", "api"}


class AdminTests(BaseTestCase):
    def test_every_model_of_ours_is_in_the_admin(self) -> None:
        missing = [
            model.__name__
            for model in apps.get_models()
            if model._meta.app_label in OUR_APPS and model not in admin.site._registry
        ]
        self.assertEqual(missing, [])

    def test_every_admin_list_opens_for_staff(self) -> None:
        self.sign_and_confirm()
        staff = User.objects.create_superuser("admin@example.org", "admin@example.org", "pw-x")
        self.client.force_login(staff)
        for model in admin.site._registry:
            if model._meta.app_label in OUR_APPS:
                url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
                self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_the_admin_is_for_staff_only(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.get("/admin/letters/signature/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])

    def test_staff_can_erase_a_signers_personal_data_and_the_count_stays(self) -> None:
        signature = self.sign_and_confirm()
        staff = User.objects.create_superuser("admin@example.org", "admin@example.org", "pw-x")
        self.client.force_login(staff)
        response = self.client.post(
            "/admin/letters/signature/",
            {"action": "erase_personal_data", "_selected_action": [signature.pk]},
        )
        self.assertEqual(response.status_code, 302)
        signature.refresh_from_db()
        self.assertEqual((signature.name, signature.email, signature.commit_salt), ("", "", ""))
        self.assertIsNotNone(signature.erased_at)
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.confirmed_count, 1)
        self.assertNotContains(self.client.get(f"/l/{self.letter.slug}/"), "Ada Lovelace")
