"""The index follows saves: a new object's rows are written with one statement."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from carnet.search.models import Entry
from tests.timeline.factories import MilestoneFactory


def _index_statements(queries):
    return [q["sql"] for q in queries if "search_entry" in q["sql"]]


def test_a_new_moment_is_indexed_with_one_insert(network):
    with CaptureQueriesContext(connection) as queries:
        moment = MilestoneFactory(network=network, title="Hotline opened in Yerevan")
    [statement] = _index_statements(queries.captured_queries)
    assert statement.startswith("INSERT")
    entry = Entry.objects.get(kind="moment", object_id=moment.pk)
    assert entry.title == "Hotline opened in Yerevan"


def test_a_row_left_behind_under_a_new_object_s_id_is_replaced(network):
    moment = MilestoneFactory(network=network, title="First")
    Entry.objects.filter(object_id=moment.pk).update(title="Left behind", object_id=moment.pk + 1)
    newer = MilestoneFactory(network=network, title="Second")
    assert newer.pk == moment.pk + 1
    assert Entry.objects.get(kind="moment", object_id=newer.pk).title == "Second"


def test_a_changed_moment_s_row_is_written_again(network):
    moment = MilestoneFactory(network=network, title="Before")
    moment.title = "After"
    moment.save()
    assert Entry.objects.get(kind="moment", object_id=moment.pk).title == "After"
