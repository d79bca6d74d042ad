from carnet.lib.anchors import anchor
from carnet.lib.markdown import render


def blocks_of(markdown, quotes):
    blocks, missing = anchor(render(markdown), quotes)
    return [(str(html), keys) for html, keys in blocks], missing


def test_a_passage_is_marked_in_its_block_and_the_blocks_are_cut():
    blocks, missing = blocks_of("One two three.\n\nFour five.", {"a": "five"})
    assert missing == set()
    assert [keys for _html, keys in blocks] == [[], ["a"]]
    assert blocks[1][0].strip() == (
        '<p>Four <mark class="anchor" id="mark-a" data-notes="a">five</mark>.</p>'
    )


def test_a_passage_may_cross_inline_tags_and_line_breaks():
    blocks, _missing = blocks_of("We trained **120 social**\nworkers.", {"a": "120 social workers"})
    html = blocks[0][0]
    assert (
        '<strong><mark class="anchor" id="mark-a" data-notes="a">120 social</mark></strong>' in html
    )
    assert '<mark class="anchor" data-notes="a">\nworkers</mark>' in html


def test_the_markdown_of_a_suggestion_passage_is_found_as_rendered_text():
    blocks, missing = blocks_of("We **met** the police.", {"a": "**met** the police"})
    assert missing == set() and blocks[0][1] == ["a"]


def test_text_is_escaped_and_quotes_cannot_inject_markup():
    blocks, _missing = blocks_of("Use <script>x</script> & more", {"a": "<script>x</script>"})
    html = blocks[0][0]
    assert "<script>" not in html
    assert (
        '<mark class="anchor" id="mark-a" data-notes="a">&lt;script&gt;x&lt;/script&gt;</mark>'
        in html
    )
    assert "&amp; more" in html


def test_a_passage_no_longer_in_the_text_is_returned_apart():
    blocks, missing = blocks_of("The text changed.", {"gone": "the old words", "here": "changed"})
    assert missing == {"gone"}
    assert blocks[0][1] == ["here"]


def test_overlapping_passages_and_a_whole_field_note():
    blocks, _missing = blocks_of(
        "Caritas trained 120 people.", {"a": "trained 120", "b": "120 people", "w": ""}
    )
    html, keys = blocks[0]
    assert keys == ["w", "a", "b"]
    assert 'data-notes="a b"' in html and 'id="mark-b"' in html


def test_marks_are_never_put_in_tags_or_attributes():
    blocks, _missing = blocks_of("[the link](https://example.org/the) text", {"a": "the"})
    html = blocks[0][0]
    assert 'href="https://example.org/the"' in html
    assert '<a href="https://example.org/the" rel="noopener noreferrer nofollow"><mark' in html
