"""The index's text of sheets, moments and chapters written before `to_text` gave plain
characters is rewritten by migration 0005; other kinds' text is left as it was."""

import pytest

from carnet.lib.textsearch import index_words

from ..migrations import at_the_end_latest, migrate  # noqa: F401 - a fixture


@pytest.mark.usefixtures("at_the_end_latest")
def test_entities_left_in_the_index_become_the_characters_written():
    old = migrate([("search", "0004_kind_indexes_by_lower_kind")])
    Network = old.get_model("networks", "Network")
    Entry = old.get_model("search", "Entry")
    euromed = Network.objects.create(name="Euromed", slug="euromed")

    def entry(kind, object_id, text):
        return Entry.objects.create(
            network=euromed,
            kind=kind,
            object_id=object_id,
            language="en",
            title="Shelters",
            text=text,
            words=index_words(f"Shelters\n{text}", "en"),
        )

    sheet = entry("sheet", 1, "Research &amp; advocacy &lt;here&gt;")
    moment = entry("moment", 2, "Us &amp; them")
    chapter = entry("chapter", 5, "Caritas&nbsp;Albania")  # nh3 wrote a no-break space so
    plain = entry("sheet", 3, "Research & advocacy")
    document = entry("document", 4, "A page about &amp; in HTML")

    new = migrate([("search", "0005_plain_text_not_entities")])
    Entry = new.get_model("search", "Entry")
    rows = {e.pk: e for e in Entry.objects.all()}
    assert rows[sheet.pk].text == "Research & advocacy <here>"
    assert rows[sheet.pk].words == index_words("Shelters\nResearch & advocacy <here>", "en")
    assert "amp" not in rows[sheet.pk].words.split()
    assert rows[moment.pk].text == "Us & them"
    assert rows[chapter.pk].text == "Caritas\u00a0Albania"
    assert (rows[plain.pk].text, rows[plain.pk].words) == (plain.text, plain.words)
    assert (rows[document.pk].text, rows[document.pk].words) == (document.text, document.words)
