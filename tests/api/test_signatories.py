from tests.api.base import ApiTestCase

URL = "/api/v1/letters/solidarity/signatories"


class SignatoryTests(ApiTestCase):
    def test_it_shows_only_what_the_letter_page_shows(self) -> None:
        self.sign_and_confirm(name="Ada Lovelace", display="full")
        self.sign_and_confirm(email="bo@example.org", name="Bo Name", display="name")
        self.sign_and_confirm(email="cy@example.org", name="Cy Hidden", display="hidden")
        self.sign(email="dee@example.org", name="Dee Pending")
        body = self.client.get(URL).json()
        for item in body["items"]:
            self.assertRegex(item.pop("display_salt"), "^[0-9a-f]{64}$")
        self.assertEqual(
            body["items"],
            [
                {
                    "name": "Bo Name",
                    "role": "",
                    "branch": "Tyneside",
                    "branch_verified": False,
                    "initial": False,
                    "branch_code": "northern-tyne",
                },
                {
                    "name": "Ada Lovelace",
                    "role": "Steward",
                    "branch": "Tyneside",
                    "branch_verified": False,
                    "initial": False,
                    "branch_code": "northern-tyne",
                },
            ],
        )
        self.assertNotIn("example.org", str(body))

    def test_it_pages_newest_first(self) -> None:
        for number in range(5):
            self.sign_and_confirm(email=f"s{number}@example.org", name=f"Signer {number}")
        first = self.client.get(URL, {"limit": 3}).json()
        second = self.client.get(URL, {"limit": 3, "after": first["next"]}).json()
        names = [item["name"] for item in first["items"] + second["items"]]
        self.assertEqual(names, [f"Signer {n}" for n in (4, 3, 2, 1, 0)])
        self.assertIsNone(second["next"])

    def test_since_gives_only_newer_signatures_oldest_first(self) -> None:
        self.sign_and_confirm(email="s0@example.org", name="Signer 0")
        latest = self.client.get(URL).json()["latest"]
        self.sign_and_confirm(email="s1@example.org", name="Signer 1")
        self.sign_and_confirm(email="s2@example.org", name="Signer 2")
        body = self.client.get(URL, {"since": latest}).json()
        self.assertEqual([item["name"] for item in body["items"]], ["Signer 1", "Signer 2"])
        again = self.client.get(URL, {"since": body["latest"]}).json()
        self.assertEqual(again["items"], [])
        self.assertEqual(again["latest"], body["latest"])

    def test_it_refuses_after_and_since_together(self) -> None:
        self.sign_and_confirm()
        cursor = self.client.get(URL).json()["latest"]
        self.assert_error(self.client.get(URL, {"since": cursor, "after": cursor}), 422, "invalid")

    def test_it_refuses_a_bad_cursor_or_limit(self) -> None:
        self.assert_error(self.client.get(URL, {"since": "x_y"}), 422, "invalid", ("since",))
        self.assert_error(self.client.get(URL, {"limit": 1000}), 422, "invalid", ("limit",))

    def test_an_unknown_letter_is_not_found(self) -> None:
        self.assert_error(self.client.get("/api/v1/letters/nothing/signatories"), 404, "not_found")
