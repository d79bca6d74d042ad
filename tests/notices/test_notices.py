"""Everything Carnet tells a person: a notice in the app, an e-mail at once or in a digest."""

import datetime
import threading

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from carnet.accounts.notifications import notify
from carnet.notices import domain
from carnet.notices.enums import Frequency
from carnet.notices.models import Notice, Preference
from carnet.practices import domain as practices

from ..practices.factories import make_sheet


@pytest.fixture
def sheet(network, org_a, ana):
    return make_sheet(network=network, organisation=org_a, by=ana, title="Shelter in Shkodër")


def tell(people, network, text="Something happened", path="/euromed/"):
    return notify(people, network=network, subject=lambda: text, body=lambda: "", path=path)


def test_a_move_leaves_a_notice_for_each_person_told_and_e_mails_them_at_once(
    sheet, ana, claire, farid
):
    practices.set_state(sheet, "submitted", by=ana)
    assert sorted(n.recipient.username for n in Notice.objects.all()) == ["claire", "farid"]
    assert sorted(m.to[0] for m in mail.outbox) == ["claire@example.org", "farid@example.org"]
    assert Notice.objects.filter(mailed_at__isnull=True).count() == 0


def test_someone_who_chose_a_digest_gets_the_notice_but_no_e_mail_yet(
    sheet, ana, claire, farid, network
):
    domain.set_frequency(claire, network, Frequency.DAILY)
    practices.set_state(sheet, "submitted", by=ana)
    assert [m.to[0] for m in mail.outbox] == ["farid@example.org"]
    assert claire.notices.get().mailed_at is None


def test_the_daily_digest_carries_every_pending_notice_once_with_absolute_links(
    claire, network, settings
):
    settings.BASE_URL = "https://carnet.example.org"
    domain.set_frequency(claire, network, Frequency.DAILY)
    tell([claire], network, "Sheet A was submitted", "/euromed/sheets/a/")
    tell([claire], network, "Sheet B was submitted", "/euromed/sheets/b/")
    assert domain.send_digests() == 0  # the first period has not passed
    tomorrow = timezone.now() + datetime.timedelta(days=1, minutes=1)
    assert domain.send_digests(now=tomorrow) == 1
    (digest,) = mail.outbox
    assert digest.subject == "Euro-Mediterranean network: 2 new notices"
    assert "https://carnet.example.org/euromed/sheets/a/" in digest.body
    assert "Sheet B was submitted" in digest.body
    assert domain.send_digests(now=tomorrow + datetime.timedelta(hours=2)) == 0
    assert len(mail.outbox) == 1


def test_a_weekly_digest_waits_a_week(claire, network):
    domain.set_frequency(claire, network, Frequency.WEEKLY)
    tell([claire], network)
    assert domain.send_digests(now=timezone.now() + datetime.timedelta(days=6)) == 0
    assert domain.send_digests(now=timezone.now() + datetime.timedelta(days=7, minutes=1)) == 1


def test_no_e_mail_at_all_for_someone_who_chose_none(claire, network):
    domain.set_frequency(claire, network, Frequency.NONE)
    tell([claire], network)
    assert domain.send_digests(now=timezone.now() + datetime.timedelta(days=30)) == 0
    assert mail.outbox == []
    assert claire.notices.count() == 1


def test_a_failed_digest_is_sent_again_at_the_next_run(claire, network, monkeypatch):
    domain.set_frequency(claire, network, Frequency.DAILY)
    tell([claire], network)
    later = timezone.now() + datetime.timedelta(days=1, minutes=1)

    def down(*args, **kwargs):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr(domain, "send_mail", down)
    assert domain.send_digests(now=later) == 0
    assert claire.notices.get().mailed_at is None
    monkeypatch.undo()
    assert domain.send_digests(now=later) == 1


@pytest.mark.django_db(transaction=True)
def test_two_digest_runs_at_the_same_time_send_one_digest(claire, network):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL")
    domain.set_frequency(claire, network, Frequency.DAILY)
    tell([claire], network)
    later = timezone.now() + datetime.timedelta(days=1, minutes=1)
    barrier, results = threading.Barrier(2), []

    def run():
        barrier.wait()
        results.append(domain.send_digests(now=later))
        connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    assert len(mail.outbox) == 1


def test_the_digests_command_sends_what_is_due(claire, network, capsys):
    domain.set_frequency(claire, network, Frequency.DAILY)
    Preference.objects.update(last_digest_at=timezone.now() - datetime.timedelta(days=2))
    tell([claire], network)
    call_command("digests")
    assert "1 digest sent" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_the_notices_page_lists_one_s_own_and_opening_one_marks_it_read(
    client, claire, farid, network
):
    tell([claire], network, "For Claire", "/euromed/")
    tell([farid], network, "For Farid")
    client.force_login(claire)
    page = client.get(reverse("notices:list")).content.decode()
    assert "For Claire" in page and "For Farid" not in page
    assert "Notices (1 new)" in page
    notice = claire.notices.get()
    response = client.get(reverse("notices:open", kwargs={"pk": notice.pk}))
    assert response["Location"] == "/euromed/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    other = farid.notices.get()
    assert client.get(reverse("notices:open", kwargs={"pk": other.pk})).status_code == 404


def test_a_notice_never_sends_its_reader_to_another_site(client, claire, network):
    tell([claire], network, path="https://elsewhere.example/")
    client.force_login(claire)
    response = client.get(reverse("notices:open", kwargs={"pk": claire.notices.get().pk}))
    assert response["Location"] == reverse("notices:list")


def test_each_person_chooses_per_network(client, claire, network, other_network):
    client.force_login(claire)
    page = client.get(reverse("notices:settings")).content.decode()
    assert network.name in page and other_network.name not in page  # not her network
    client.post(
        reverse("notices:settings"),
        {"language": "en", f"network_{network.pk}": Frequency.WEEKLY},
    )
    assert Preference.objects.get(person=claire, network=network).frequency == Frequency.WEEKLY


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_header_counts_unread_notices_in_every_interface_language(
    client, claire, network, language
):
    """Each language's plural rule gets a number (Romanian's and Arabic's compute n % 100)."""
    for _n in range(3):
        tell([claire], network)
    claire.language = language  # her profile's language is the one her pages are in
    claire.save()
    client.force_login(claire)
    response = client.get("/euromed/")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == language
