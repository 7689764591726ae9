from django.test import TestCase


class StaticFilesTests(TestCase):
    def test_the_stylesheet_is_served(self) -> None:
        response = self.client.get("/static/undersigned/site.css")
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"--accent", b"".join(response.streaming_content))
