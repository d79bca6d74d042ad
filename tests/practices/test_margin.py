"""Review beside the text (issue 15, item 4): suggestions and comments stand next to the
passage they concern; a selected passage gets a toolbar next to it."""

import itertools
import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from carnet.accounts.models import User
from carnet.practices import domain
from carnet.practices.models import Comment, Sheet

from .factories import make_sheet
from .test_browser import log_in


@pytest.fixture
def sheet(network, org_a, ana, farid):
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    domain.set_state(sheet, "submitted", by=ana)
    domain.set_state(sheet, "in_review", by=farid)
    return Sheet.objects.get(pk=sheet.pk)


def url(live_server, sheet):
    return f"{live_server.url}/euromed/sheets/{sheet.slug}/"


SELECT = """([field, words]) => {
  const p = document.querySelector(`.text[data-field=${field}] p`);
  const node = p.firstChild, start = node.textContent.indexOf(words);
  const range = document.createRange();
  range.setStart(node, start); range.setEnd(node, start + words.length);
  const s = window.getSelection(); s.removeAllRanges(); s.addRange(range);
  p.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
  const r = range.getBoundingClientRect();
  return {x: r.x, y: r.y, bottom: r.bottom, right: r.right};
}"""


# -- server side: marks and lists without JavaScript ------------------------------------


def test_marks_and_notes_are_in_the_page_without_javascript(sheet, farid):
    suggestion = domain.suggest(
        sheet, by=farid, field="summary", passage="120 social workers", replacement="130"
    )
    comment = domain.add_comment(
        sheet, by=farid, text="Which cities?", field="activities", passage="five cities"
    )
    general = domain.add_comment(sheet, by=farid, text="Nice sheet.")
    client = Client()
    client.force_login(farid)
    html = client.get(sheet.get_absolute_url()).content.decode()
    assert (
        f'<mark class="anchor" id="mark-suggestion-{suggestion.pk}" '
        f'data-notes="suggestion-{suggestion.pk}">120 social workers</mark>'
    ) in html
    assert f'id="mark-comment-{comment.pk}"' in html
    # each note comes after its own block, before the next field
    assert html.index(f'id="suggestion-{suggestion.pk}"') < html.index('data-field="context"')
    assert html.index(f'id="comment-{comment.pk}"') > html.index('data-field="activities"')
    assert html.index(f'id="comment-{comment.pk}"') < html.index('data-field="impact"')
    # the general comment stays in the comments list; the forms stay reachable without JS
    assert html.index(f'id="comment-{general.pk}"') > html.index('id="comments-h"')
    assert 'id="suggest"' in html and 'id="new-comment"' in html
    assert "No longer in the text" not in html


def test_a_passage_with_notes_points_screen_readers_to_them(sheet, farid):
    """The notes come before their passage in the page (so that they float beside it): the
    passage says where they are (aria-details), as ARIA's annotations do."""
    domain.add_comment(
        sheet, by=farid, text="Which cities?", field="activities", passage="five cities"
    )
    client = Client()
    client.force_login(farid)
    html = client.get(sheet.get_absolute_url()).content.decode()
    [target] = re.findall(r'<div class="passage" aria-details="([^"]+)">', html)
    assert f'<ol class="notes" id="{target}" aria-label="1 note on this passage">' in html
    assert html.count('class="passage"') > html.count("aria-details=")  # only where notes are


def test_a_note_whose_passage_is_gone_is_listed_apart(sheet, ana, farid):
    suggestion = domain.suggest(sheet, by=farid, field="context", passage="Few", replacement="No")
    comment = domain.add_comment(
        sheet, by=farid, text="Really?", field="impact", passage="visibility"
    )
    domain.save_version(
        sheet,
        by=ana,
        content={
            **sheet.content,
            "context": "Hardly any professional knew.",
            "impact": "Knowledge.",
        },
        base_revision=sheet.revision,
    )
    client = Client()
    client.force_login(ana)
    html = client.get(sheet.get_absolute_url()).content.decode()
    detached = html[html.index('id="detached-h"') :]
    assert f'id="suggestion-{suggestion.pk}"' in detached
    assert f'id="comment-{comment.pk}"' in detached
    assert "visibility" in detached  # the words it was about are shown with it
    assert f'id="mark-suggestion-{suggestion.pk}"' not in html


def test_a_comment_keeps_the_passage_it_was_made_on(sheet, farid):
    client = Client()
    client.force_login(farid)
    client.post(
        f"/euromed/sheets/{sheet.slug}/comments/",
        {"text": "Which?", "field": "summary", "passage": "social workers"},
    )
    comment = Comment.objects.get()
    assert (comment.field, comment.passage) == ("summary", "social workers")


# -- in the browser ---------------------------------------------------------------------


@pytest.mark.browser
def test_farid_at_1280px_suggests_from_the_toolbar_and_sees_it_in_the_margin(
    live_server, page, sheet, farid
):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page.context, live_server, farid)
    page.goto(url(live_server, sheet))
    words = "identify victims"
    selection = page.evaluate(SELECT, ["summary", words])
    tools = page.locator("#selection-tools")
    expect(tools).to_be_visible()
    box = tools.bounding_box()
    # next to the selection: just under its line, starting where it starts
    assert selection["bottom"] <= box["y"] <= selection["bottom"] + 40
    assert abs(box["x"] - selection["x"]) <= 40
    tools.get_by_role("button", name="Suggest a change").click()
    panel = page.locator("#selection-panel")
    expect(panel).to_be_visible()
    expect(panel.locator("blockquote.passage")).to_have_text(words)
    assert panel.bounding_box()["y"] < selection["bottom"] + 200  # not screens below
    expect(panel.get_by_label("Proposed text")).to_be_focused()
    panel.get_by_label("Proposed text").fill("recognise victims")
    panel.get_by_role("button", name="Send the suggestion").click()
    expect(page.get_by_text("Suggestion sent.")).to_be_visible()
    suggestion = sheet.suggestions.get()
    assert (suggestion.field, suggestion.passage) == ("summary", words)
    note = page.locator(f".notes #suggestion-{suggestion.pk}")
    mark = page.locator(f"#mark-suggestion-{suggestion.pk}")
    expect(note).to_be_visible()
    expect(mark).to_have_text(words)
    expect(note).to_contain_text("recognise victims")
    note_box, mark_box = note.bounding_box(), mark.bounding_box()
    assert abs(note_box["y"] - mark_box["y"]) <= 3  # level with its mark
    text_box = page.locator(".text[data-field=summary] .passage").first.bounding_box()
    assert note_box["x"] >= text_box["x"] + text_box["width"]  # in the margin, beside the text
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


@pytest.fixture
def keyboard(browser_type, browser_type_launch_args, live_server, sheet, farid):
    """Farid on the sheet at 1280 px, in a browser where the arrow keys move a caret through
    the text and Shift+arrows select (caret browsing, F7): how keyboard users select. The
    selection: Tab to the header's last link, caret down to the summary, two words."""
    args = [*browser_type_launch_args["args"], "--enable-caret-browsing"]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    log_in(context, live_server, farid)
    page = context.new_page()
    page.goto(url(live_server, sheet))
    for _ in range(60):
        if page.evaluate("document.activeElement.textContent") == "Word (DOCX)":
            break
        page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Word (DOCX)")).to_be_focused()
    page.keyboard.press("ArrowDown")  # the heading "Summary"
    page.keyboard.press("ArrowDown")  # its paragraph
    page.keyboard.press("Home")
    page.keyboard.press("Control+Shift+ArrowRight")
    page.keyboard.press("Control+Shift+ArrowRight")
    yield page
    browser.close()


@pytest.mark.browser
def test_the_selection_toolbar_is_one_tab_stop_and_arrows_move_inside(keyboard):
    page = keyboard
    assert page.evaluate("getSelection().toString()") == "Caritas trained"
    tools = page.get_by_role("toolbar", name="On the selected passage")
    expect(tools).to_be_visible()
    suggest, comment, learning = (
        tools.get_by_role("button", name=name)
        for name in ("Suggest a change", "Comment", "Make it a learning")
    )
    page.keyboard.press("Tab")  # the next stop after the selection
    expect(suggest).to_be_focused()
    for key, button in (
        ("ArrowRight", comment),
        ("ArrowRight", learning),
        ("ArrowRight", suggest),  # round again
        ("ArrowLeft", learning),
        ("Home", suggest),
        ("End", learning),
    ):
        page.keyboard.press(key)
        expect(button).to_be_focused()
    page.keyboard.press("Tab")  # one stop: Tab leaves it for what follows the passage
    assert page.evaluate("""() => {
        const passage = document.querySelector('.text[data-field=summary] .passage');
        const now = document.activeElement;
        return now !== document.body && !now.closest('[role=toolbar]')
          && !!(passage.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")


@pytest.mark.browser
def test_commenting_from_the_keyboard_only_escape_gives_the_focus_back(keyboard):
    page = keyboard
    tools = page.get_by_role("toolbar", name="On the selected passage")
    expect(tools).to_be_visible()
    page.keyboard.press("Tab")
    expect(tools.get_by_role("button", name="Suggest a change")).to_be_focused()
    page.keyboard.press("Escape")  # closes it; back on the passage, still selected
    expect(tools).to_have_count(0)
    expect(page.locator(".text[data-field=summary] .passage").first).to_be_focused()
    assert page.evaluate("getSelection().toString()") == "Caritas trained"
    page.keyboard.press("Control+Shift+ArrowRight")  # a new selection brings it back
    expect(tools).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")
    expect(tools.get_by_role("button", name="Comment")).to_be_focused()
    page.keyboard.press("Enter")
    panel = page.locator("#selection-panel")
    expect(panel.get_by_label("Comment")).to_be_focused()
    page.keyboard.type("How many men?")
    page.keyboard.press("Tab")
    expect(panel.get_by_role("button", name="Comment")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".text[data-field=summary] .notes")).to_contain_text("How many men?")
    stored = Comment.objects.get()
    assert (stored.field, stored.passage) == ("summary", "Caritas trained 120")


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_notes_taller_than_their_paragraph_push_the_next_notes_down_not_the_text(
    live_server, browser, sheet, farid, javascript
):
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 1280, "height": 900}
    )
    log_in(context, live_server, farid)
    page = context.new_page()
    fields = ("summary", "context", "activities", "impact", "advice")

    def text_tops():
        return [page.locator(f".text[data-field={f}]").bounding_box()["y"] for f in fields]

    page.goto(url(live_server, sheet))
    before = text_tops()
    on_summary = [
        domain.add_comment(sheet, by=farid, text="Where?", field="summary", passage="trained"),
        domain.suggest(sheet, by=farid, field="summary", passage="120", replacement="130"),
        domain.add_comment(sheet, by=farid, text="Which?", field="summary", passage="victims"),
    ]
    on_context = domain.add_comment(sheet, by=farid, text="Who?", field="context", passage="Few")
    page.goto(url(live_server, sheet))
    assert text_tops() == before  # the text stays where it was
    trained, one_twenty, victims = (f"{n.__class__.__name__.lower()}-{n.pk}" for n in on_summary)
    notes = [  # in the order of their marks in the text
        page.locator(f"#{key}").bounding_box()
        for key in (trained, one_twenty, victims, f"comment-{on_context.pk}")
    ]
    summary = page.locator(".text[data-field=summary] .passage").first.bounding_box()
    context_text = page.locator(".text[data-field=context] .passage").first.bounding_box()
    assert sum(n["height"] for n in notes[:3]) > summary["height"] + context_text["height"]
    for upper, lower in itertools.pairwise(notes):  # stacked in the order of the text
        assert lower["y"] >= upper["y"] + upper["height"]
    assert all(n["x"] >= summary["x"] + summary["width"] for n in notes)  # in the margin
    assert abs(notes[0]["y"] - summary["y"]) <= 3  # the first level with its paragraph
    assert notes[3]["y"] > context_text["y"] + context_text["height"]  # pushed down
    article = page.locator("article.sheet").bounding_box()
    assert article["y"] + article["height"] >= notes[-1]["y"] + notes[-1]["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    context.close()


@pytest.mark.browser
def test_ana_at_360px_reads_each_note_under_its_paragraph(
    live_server, browser, sheet, ana, farid, axe_violations
):
    suggestion = domain.suggest(
        sheet, by=farid, field="summary", passage="120 social workers", replacement="130"
    )
    comment = domain.add_comment(
        sheet, by=farid, text="Which cities?", field="activities", passage="five cities"
    )
    phone = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 740})  # axe
    log_in(phone, live_server, ana)
    page = phone.new_page()
    page.goto(url(live_server, sheet))
    for key, field in (
        (f"suggestion-{suggestion.pk}", "summary"),
        (f"comment-{comment.pk}", "activities"),
    ):
        note, mark = page.locator(f"#{key}"), page.locator(f"#mark-{key}")
        expect(note).to_be_visible()
        note_box, mark_box = note.bounding_box(), mark.bounding_box()
        block = page.locator(f".text[data-field={field}] .block").first.locator(".passage")
        block_box = block.bounding_box()
        assert note_box["y"] >= block_box["y"] + block_box["height"]  # under its paragraph
        assert note_box["y"] - (mark_box["y"] + mark_box["height"]) < 200
        assert note_box["x"] >= 0 and note_box["x"] + note_box["width"] <= 360
    next_field = page.locator("section.sheet-field[data-field=context] h2").bounding_box()
    assert page.locator(f"#suggestion-{suggestion.pk}").bounding_box()["y"] < next_field["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []
    for language in ("fr", "ar"):  # and right to left
        User.objects.filter(pk=ana.pk).update(language=language)
        page.goto(url(live_server, sheet))
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, language
        assert axe_violations(page) == [], language
    User.objects.filter(pk=ana.pk).update(language="en")
    page.goto(url(live_server, sheet))
    page.locator(f"#suggestion-{suggestion.pk}").get_by_role("button", name="Accept").click()
    expect(page.get_by_text("Accepted: version 2.")).to_be_visible()
    expect(page.locator(".text[data-field=summary]")).to_contain_text("Caritas trained 130")
    phone.close()


@pytest.mark.browser
def test_a_selected_passage_becomes_a_learning_from_the_toolbar(live_server, page, sheet, farid):
    log_in(page.context, live_server, farid)
    page.goto(url(live_server, sheet))
    page.evaluate(SELECT, ["impact", "knowledge and visibility"])
    tools = page.locator("#selection-tools")
    expect(tools).to_be_visible()
    tools.get_by_role("button", name="Make it a learning").click()
    page.wait_for_url("**/capitalisation/learnings/new/**")
    expect(page.locator("blockquote").first).to_have_text("knowledge and visibility")


@pytest.mark.browser
def test_right_to_left_the_margin_is_on_the_left(live_server, page, sheet, farid):
    suggestion = domain.suggest(
        sheet, by=farid, field="summary", passage="social workers", replacement="social staff"
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page.context, live_server, farid)
    User.objects.filter(pk=farid.pk).update(language="ar")
    page.goto(url(live_server, sheet))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    note = page.locator(f"#suggestion-{suggestion.pk}")
    expect(note).to_be_visible()
    note_box = note.bounding_box()
    mark_box = page.locator(f"#mark-suggestion-{suggestion.pk}").bounding_box()
    text_box = page.locator(".text[data-field=summary] .passage").first.bounding_box()
    assert note_box["x"] + note_box["width"] <= text_box["x"]
    assert abs(note_box["y"] - mark_box["y"]) <= 3
    page.evaluate(SELECT, ["context", "the signs"])
    tools = page.get_by_role("toolbar")
    expect(tools).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowLeft")  # the next button, to the left in Arabic
    expect(tools.get_by_role("button").nth(1)).to_be_focused()
