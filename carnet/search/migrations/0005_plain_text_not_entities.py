"""The index's text of sheets, key moments and report chapters as the characters written
("A & B"), not as the HTML entities earlier versions of carnet.lib.markdown.to_text left in it
("A &amp; B": shown escaped a second time in the search's snippets, and "amp" indexed as a
word). Only rows holding an entity are written again, their words with them; the other kinds'
text never went through to_text."""

import html

from django.db import migrations

from carnet.lib.textsearch import index_words

KINDS = ("sheet", "moment", "chapter")


def forwards(apps, schema_editor):
    Entry = apps.get_model("search", "Entry")
    rows = Entry.objects.filter(kind__in=KINDS, text__contains="&").only(
        "id", "title", "text", "language"
    )
    for entry in rows.iterator(chunk_size=500):
        text = html.unescape(entry.text)  # nh3 wrote &amp; &lt; &gt; &quot; and &nbsp;
        if text == entry.text:
            continue
        Entry.objects.filter(pk=entry.pk).update(
            text=text, words=index_words(f"{entry.title}\n{text}", entry.language)
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0004_kind_indexes_by_lower_kind")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
