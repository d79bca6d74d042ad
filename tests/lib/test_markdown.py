"""carnet.lib.markdown: text without Markdown takes a short way that must give the same HTML."""

import random

from carnet.lib import markdown

# Letters of several scripts, digits, spaces, punctuation, and every character that means
# something in Markdown or HTML, so that random lines fall on both sides of the short way.
ALPHABET = (
    "abcXYZéàçŠšğ" "αβ" "աբ" "ابت" "мі" "0123456789" "     " ".,;:!?'()/%-—’“”" "\u00a0\u3000"
    "*_`[]<>&\\~|\"#=+{}$@^" "\t\r\x00\x7f"
)  # fmt: skip


def _random_text(rng):
    lines = []
    for _ in range(rng.randint(1, 5)):
        if rng.random() < 0.2:
            lines.append("")
            continue
        length = rng.randint(1, 40)
        lines.append("".join(rng.choice(ALPHABET) for _ in range(length)))
    return "\n".join(lines)


def test_markdown_render_plain_text_is_what_markdown_it_and_nh3_make_of_it():
    rng = random.Random(17)
    plain = 0
    for _ in range(4_000):
        text = _random_text(rng)
        if markdown._plain_html(text) is not None:
            plain += 1
        assert markdown.render(text) == markdown._render_markdown(text), repr(text)
    assert plain > 100  # the short way was taken often enough to be tested


def test_markdown_render_takes_the_short_way_only_for_words():
    assert markdown._plain_html("Partners met.\nThey agreed.\n\nAnother one") == (
        "<p>Partners met.\nThey agreed.</p>\n<p>Another one</p>\n"
    )
    for text in ("- a list", "1. first", "# Title", "a *word*", "a <b>", "R&D", "x  \ny", "Ok \n"):
        assert markdown._plain_html(text) is None, text


def test_markdown_render_still_sanitises():
    assert markdown.render("Hi <script>alert(1)</script> **there**") == (
        "<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; <strong>there</strong></p>\n"
    )


def test_plain_text_is_the_characters_written_not_their_html_entities():
    # PDFs and the search index take it as it is; a template escapes it once.
    assert markdown.to_text('Research & *advocacy*: <shelters> "safe" l\'abri') == (
        'Research & advocacy: <shelters> "safe" l\'abri'
    )
    assert markdown.to_text("A&amp;B &lt;x&gt;") == "A&B <x>"  # entities written stay meant
