from datetime import timedelta

from django.tasks import TaskResultStatus
from django.test import TestCase, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from undersigned.ops import heartbeat
from undersigned.ops.models import WorkerHeartbeat


def running(*worker_ids: str) -> DBTaskResult:  # type: ignore[type-arg]
    return DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="undersigned.letters.tasks.send_confirmation",
        backend_name="default",
        run_after=get_date_max(),
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now(),
        worker_ids=list(worker_ids),
    )


@override_settings(WORKER_STALE_SECONDS=60)
class RetryRuleTests(TestCase):
    def test_the_task_of_a_live_worker_is_left_alone(self) -> None:
        heartbeat.beat("alive")
        task = running("alive")
        self.assertEqual(heartbeat.requeue_orphans(), 0)
        task.refresh_from_db()
        self.assertEqual(task.status, TaskResultStatus.RUNNING)

    def test_the_task_of_a_silent_worker_goes_back_in_the_queue(self) -> None:
        heartbeat.beat("silent")
        WorkerHeartbeat.objects.update(seen=timezone.now() - timedelta(seconds=61))
        task = running("silent")
        self.assertEqual(heartbeat.requeue_orphans(), 1)
        task.refresh_from_db()
        self.assertEqual(task.status, TaskResultStatus.READY)
        self.assertIsNone(task.started_at)
        self.assertFalse(WorkerHeartbeat.objects.filter(worker_id="silent").exists())

    def test_the_task_of_a_process_gone_from_this_machine_goes_back_at_once(self) -> None:
        heartbeat.beat("gone")
        WorkerHeartbeat.objects.update(pid=2**22 + 1)  # above Linux's highest pid
        task = running("gone")
        self.assertEqual(heartbeat.requeue_orphans(), 1)
        task.refresh_from_db()
        self.assertEqual(task.status, TaskResultStatus.READY)

    def test_after_three_runs_cut_short_the_task_fails(self) -> None:
        task = running("first", "second", "third")
        heartbeat.requeue_orphans()
        task.refresh_from_db()
        self.assertEqual(task.status, TaskResultStatus.FAILED)
        self.assertIn("died during each of 3 runs", task.traceback)

    def test_a_worker_releases_its_own_task_after_losing_track_of_it(self) -> None:
        heartbeat.beat("me")
        task = running("me")
        self.assertEqual(heartbeat.release("me"), 1)
        task.refresh_from_db()
        self.assertEqual(task.status, TaskResultStatus.READY)
