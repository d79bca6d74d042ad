from carnet.demo.loader import load
from carnet.notices.enums import Frequency
from carnet.notices.models import Notice, Preference


def test_the_demo_people_have_notices_and_two_chose_a_digest(db):
    ctx = load()
    told = set(Notice.objects.values_list("recipient__username", flat=True))
    assert {"ana", "claire", "farid"} <= told, told
    chosen = dict(Preference.objects.values_list("person__username", "frequency"))
    assert chosen == {"farid": Frequency.DAILY, "vera": Frequency.WEEKLY}
    assert ctx["network"].slug == "euromed"
