"""The demo network's texts in Albanian and Arabic, some of them outdated."""

from carnet.demo.loader import load
from carnet.networks.models import Network
from carnet.safeguarding.models import SensitiveFlag
from carnet.translations import domain


def test_demo_has_albanian_and_arabic_texts_and_outdated_ones(client, db):
    load()
    load()  # idempotent: the same translations, still outdated
    network = Network.objects.get(slug="euromed")
    assert "ar" in network.language_codes and "sq" in network.language_codes
    status = {
        language["code"]: {
            entry["kind"].key: {item.title: item for item in entry["items"]}
            for entry in language["kinds"]
        }
        for language in domain.status(network)
    }
    assert status["sq"]["eras"]["Founding years"].status == "translated"
    assert status["sq"]["network"][network.name].status == "translated"
    assert status["ar"]["tags"]["training"].status == "translated"
    era = status["ar"]["eras"]["Growth and joint advocacy"]
    assert era.status == "outdated"
    assert str(era.texts[0].difference) == "Growth and <ins>joint </ins>advocacy"
    description = status["ar"]["network"][network.name]
    assert description.status == "outdated"
    assert "<ins> In 2019–2020 it capitalised nine years of work.</ins>" in str(
        description.texts[0].difference
    )

    # Readers: the Arabic timeline and network page show the Arabic texts.
    timeline = client.get("/euromed/timeline/?lang=ar").content.decode()
    assert "سنوات التأسيس" in timeline and "#تدريب" in timeline
    assert "الاجتماع التأسيسي في باريس" in timeline
    page = client.get("/euromed/", HTTP_ACCEPT_LANGUAGE="sq").content.decode()
    assert "Një rrjet i organizatave kombëtare Caritas" in page


def test_the_demo_holds_an_arabic_tag_with_a_phone_number_for_the_coordinator(client, db):
    load()
    load()  # loaded again: still one flag, still open
    (flag,) = SensitiveFlag.objects.filter(content_type__model="translation", status="open")
    assert flag.object_repr == "governance · label [ar]"
    arabic = client.get("/euromed/timeline/?lang=ar").content.decode()
    assert "961 1 234 567" not in arabic
