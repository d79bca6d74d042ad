"""Testing a data migration: move the test database to a state, use that state's models, and
put it back at the latest migrations afterwards (whatever the test did)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate the test database to targets; the models of that state. A target
    (app, None) unapplies all of an app's migrations."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.fixture
def at_the_end_latest(transactional_db):
    """Whatever happens, the database is back at the latest migrations for the next tests."""
    yield
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())
