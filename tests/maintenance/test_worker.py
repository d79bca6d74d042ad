def test_carnet_worker_runs_the_queued_tasks(instance):
    target = instance.root / "done.txt"
    instance.python(
        "from tests.maintenance.tasks import write_file;"
        f"print(write_file.enqueue({str(target)!r}, 'worked').id)"
    )
    assert not target.exists()
    code, out, err = instance.carnet(
        "worker", "--max-tasks", "1", "--no-startup-delay", "--interval", "0.1"
    )
    assert code == 0, err
    assert target.read_text() == "worked"
    assert (
        instance.python(
            "from django_tasks_db.models import DBTaskResult;"
            "print([r.status for r in DBTaskResult.objects.all()])"
        )
        == "['SUCCESSFUL']"
    )
