"""A task for the worker test (imported by `carnet worker` in a subprocess)."""

from pathlib import Path

from django_tasks import task


@task()
def write_file(path, text):
    Path(path).write_text(text)
