from typing import Any

from django.db import connections
from django.db.models import Model
from django.test import override_settings

from tests.base import BaseTestCase
from undersigned.ops import router


class RecordingRouter(router.ReplicaRouter):
    """The app's router, noting where it sends each read."""

    reads: list[str] = []

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        alias = super().db_for_read(model, **hints)
        self.reads.append(alias or "default")
        return alias


@override_settings(DATABASE_ROUTERS=["tests.ops.test_replica_router.RecordingRouter"])
class ReplicaRouterTests(BaseTestCase):
    databases = {"default", "replica"}

    @classmethod
    def setUpClass(cls) -> None:
        # One connection under both names: the replica sees the test's transaction, as a
        # streaming replica sees the primary's commits.
        cls.replica = connections["replica"]
        connections["replica"] = connections["default"]
        super().setUpClass()

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        connections["replica"] = cls.replica

    def reads(self, path: str, method: str = "get", **data: object) -> tuple[int, int, int]:
        """(status, reads from the primary, reads from the replica) for one request."""
        RecordingRouter.reads = []
        response = getattr(self.client, method)(path, data)
        done = RecordingRouter.reads
        return response.status_code, done.count("default"), done.count("replica")

    def test_public_reads_go_to_the_replica(self) -> None:
        for path in (
            f"/l/{self.letter.slug}/",
            f"/l/{self.letter.slug}/count.json",
            f"/api/v1/letters/{self.letter.slug}/signatories",
            f"/api/v1/letters/{self.letter.slug}/count",
        ):
            with self.subTest(path):
                status, primary, replica = self.reads(path)
                self.assertEqual(status, 200)
                self.assertEqual(primary, 0)
                self.assertGreater(replica, 0)

    def test_everything_else_goes_to_the_primary(self) -> None:
        self.client.force_login(self.owner)
        status, primary, replica = self.reads("/workspace/")
        self.assertEqual(status, 200)
        self.assertGreater(primary, 0)
        self.assertEqual(replica, 0)

    def test_a_signer_reads_their_own_write_from_the_primary(self) -> None:
        status, primary, replica = self.reads(f"/l/{self.letter.slug}/", "post", **self.sign_form())
        self.assertEqual(status, 302)
        self.assertEqual(replica, 0)
        cookie = self.client.cookies[router.PIN_COOKIE]
        self.assertEqual(cookie["max-age"], 10)
        self.assertTrue(cookie["httponly"])
        status, primary, replica = self.reads(f"/l/{self.letter.slug}/")
        self.assertEqual((status, replica), (200, 0))
        self.assertGreater(primary, 0)
        # Once the pin expires, the replica again.
        del self.client.cookies[router.PIN_COOKIE]
        status, primary, replica = self.reads(f"/l/{self.letter.slug}/")
        self.assertEqual(primary, 0)

    def test_writes_always_go_to_the_primary_and_migrations_skip_the_replica(self) -> None:
        routing = router.ReplicaRouter()
        token = router.use_replica.set(True)
        try:
            self.assertEqual(routing.db_for_write(type(self.letter)), "default")
            self.assertEqual(routing.db_for_read(type(self.letter)), "replica")
        finally:
            router.use_replica.reset(token)
        self.assertIsNone(routing.db_for_read(type(self.letter)))
        self.assertFalse(routing.allow_migrate("replica", "letters"))
        self.assertTrue(routing.allow_migrate("default", "letters"))


class WithoutReplicaTests(BaseTestCase):
    def test_no_pin_cookie_is_set_when_the_router_is_not_installed(self) -> None:
        response = self.sign()
        self.assertEqual(response.status_code, 302)
        self.assertNotIn(router.PIN_COOKIE, response.cookies)
