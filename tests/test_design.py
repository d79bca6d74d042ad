"""The design system (issue 15): one stylesheet defines each component, every page is built
on the base template, and the error pages say what happened and offer a way back."""

import re
from itertools import pairwise
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import loader
from django.template.loader_tags import ExtendsNode
from django.test import Client, RequestFactory
from django.urls import reverse
from playwright.sync_api import expect

from carnet import errors
from carnet.answers import views as answers
from carnet.reports import domain as reports
from carnet.reports.enums import ChapterKind
from carnet.reports.models import Report
from tests.browsing import log_in

CARNET = Path(__file__).resolve().parent.parent / "carnet"

# Templates that are not pages of the site: fragments included by pages, documents that
# stand alone (embeds, offline exports, e-mails) and the page of errors that must render
# without the base template's context.
NOT_PAGES = {
    "base.html",
    "500.html",
    "carnet/field.html",
    "carnet/icon.html",
    "carnet/empty.html",
    "carnet/steps.html",
    "carnet/network_nav.html",
    "accounts/action_table.html",
    "accounts/history.html",
    "archive/site_index.html",
    "archive/site_languages.html",  # the static site's own pages, outside the application
    "registration/password_reset_email.html",
    "reports/standalone.html",
    "timeline/embed.html",
    "timeline/standalone.html",
}


def stylesheets():
    return sorted(CARNET.glob("**/static/**/*.css"))


def page_templates():
    for folder in sorted(CARNET.glob("**/templates")):
        for path in sorted(folder.glob("**/*.html")):
            name = path.relative_to(folder).as_posix()
            if name not in NOT_PAGES and not path.name.startswith("_"):
                yield name


def extended(name):
    """The chain of templates a template extends, nearest first."""
    chain = []
    template = loader.get_template(name).template
    while True:
        nodes = template.nodelist.get_nodes_by_type(ExtendsNode)
        if not nodes:
            return chain
        parent = nodes[0].parent_name.resolve({})
        chain.append(parent)
        template = loader.get_template(parent).template


def test_visually_hidden_is_defined_once_in_the_design_system():
    defined = [
        path.relative_to(CARNET).as_posix()
        for path in stylesheets()
        for rule in re.findall(r"(?:^|})\s*([^{}@]+)\{", path.read_text())
        if ".visually-hidden" in [s.strip() for s in rule.split(",")]
    ]
    assert defined == ["static/carnet/carnet.css"]


def test_every_horizontal_scroll_region_is_labelled_and_reachable_by_keyboard():
    """Wide content scrolls only inside <div class="table-scroll|table-wrap" role="region"
    aria-label(ledby)=… tabindex="0">: a keyboard can scroll it and a screen reader names it."""
    unlabelled = []
    for folder in sorted(CARNET.glob("**/templates")):
        for path in sorted(folder.glob("**/*.html")):
            for tag in re.findall(r"<div[^>]*>", path.read_text()):
                classes = re.search(r'class="([^"]*)"', tag)
                if not classes or not {"table-scroll", "table-wrap", "scroll"} & set(
                    classes.group(1).split()
                ):
                    continue
                labelled = "aria-label=" in tag or "aria-labelledby=" in tag
                if not (labelled and 'role="region"' in tag and 'tabindex="0"' in tag):
                    unlabelled.append(f"{path.relative_to(CARNET)}: {tag}")
    assert unlabelled == []


def test_every_page_template_extends_the_base_template():
    orphans = [name for name in page_templates() if "base.html" not in extended(name)]
    assert orphans == []


def test_the_base_template_loads_the_design_system_and_its_one_shared_script():
    html = loader.render_to_string("base.html")
    assert "/static/carnet/carnet.css" in html
    assert "/static/carnet/carnet.js" in html
    assert 'style="' not in html and "<style" not in html


@pytest.fixture
def debug_off(settings):
    settings.DEBUG = False
    return settings


def test_an_unknown_address_shows_the_styled_404_with_a_way_home(client, debug_off, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<h1 id="error-h">Page not found</h1>' in html
    assert f'href="{reverse("home")}"' in html
    assert f'href="{reverse("login")}?next=/no-such-page/"' in html


def test_a_404_in_a_network_leads_back_to_its_page(client, debug_off, network):
    response = client.get(f"/{network.slug}/no-such-page/")
    assert response.status_code == 404
    assert f'href="{network.get_absolute_url()}"' in response.content.decode()


def test_a_404_does_not_name_a_network_the_visitor_may_not_see(client, debug_off, other_network):
    response = client.get(f"/{other_network.slug}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert other_network.name not in html
    assert f'href="{other_network.get_absolute_url()}"' not in html


def test_a_refusal_shows_the_styled_403_with_waiting_for_you(client, debug_off, network, vera):
    client.force_login(vera)
    response = client.get(reverse("networks:members", kwargs={"network": network.slug}))
    assert response.status_code == 403
    html = response.content.decode()
    assert '<h1 id="error-h">You may not do this</h1>' in html
    assert f'href="{reverse("waiting")}"' in html
    assert f'href="{network.get_absolute_url()}"' in html


def test_a_malformed_request_shows_the_styled_400(debug_off, db):
    response = Client().get("/", HTTP_HOST="not-ours.example")
    assert response.status_code == 400
    assert "The request could not be understood" in response.content.decode()


@pytest.mark.parametrize(
    ("status", "heading"), [(410, "This is no longer here"), (429, "Too many attempts")]
)
def test_views_that_refuse_render_the_styled_page_of_their_status(
    debug_off, db, rf, status, heading
):
    request = rf.get("/answer/gone/")
    request.user = AnonymousUser()
    response = errors.error_page(request, status, {"message": "Why it was refused."})
    html = response.content.decode()
    assert response.status_code == status
    assert f'<h1 id="error-h">{heading}</h1>' in html
    assert "<p>Why it was refused.</p>" in html
    assert f'href="{reverse("home")}"' in html


def test_the_500_page_renders_without_database_nor_context_processors(debug_off):
    response = errors.server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<h1 id="error-h">Something went wrong</h1>' in html
    assert f'href="{reverse("home")}"' in html
    assert "/static/carnet/carnet.css" in html


def test_an_expired_one_click_link_is_refused_on_the_styled_410(client, debug_off, db):
    request = RequestFactory().get("/answer/x/")
    request.user = AnonymousUser()
    response = answers.refused(request, answers.domain.LinkRefused("expired"))
    html = response.content.decode()
    assert response.status_code == 410
    assert "Error 410" in html
    assert "This link has expired. Log in to answer." in html
    assert f'href="{reverse("home")}"' in html


def test_the_style_guide_is_for_staff_only(client, db, claire, django_user_model):
    assert client.get("/styleguide/").status_code == 302
    client.force_login(claire)
    assert client.get("/styleguide/").status_code == 403
    staff = django_user_model.objects.create_user("stella", is_staff=True)
    client.force_login(staff)
    response = client.get("/styleguide/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<section id="ltr" dir="ltr"' in html
    assert '<section id="rtl" dir="rtl"' in html
    assert html.count('class="error-summary"') == 2


def test_the_style_guide_shows_the_dialog_steps_empty_state_and_autosubmit_in_both_directions(
    client, db, django_user_model
):
    client.force_login(django_user_model.objects.create_user("stella", is_staff=True))
    html = client.get("/styleguide/").content.decode()
    assert html.count('class="dialog specimen-dialog"') == 2
    assert html.count('<ol class="steps" aria-label="Where the exercise stands">') == 2
    assert html.count('aria-current="step"') == 2
    assert html.count('<div class="empty">') == 2
    assert html.count("data-autosubmit") == 3  # the two specimens and the language switcher
    assert html.count('<div class="sheet with-margin">') == 2  # notes beside the text
    assert html.count('<mark class="anchor"') == 2


def test_the_notes_beside_the_text_are_a_component_of_the_design_system():
    design = (CARNET / "static/carnet/carnet.css").read_text()
    practices = (CARNET / "practices/static/practices/practices.css").read_text()
    for selector in (".sheet.with-margin", "mark.anchor", ".notes>.note", ".selection-tools"):
        assert selector in design and selector not in practices


def test_the_composer_moves_chapters_with_named_icon_buttons(client, network, farid):
    report = Report.objects.create(network=network, title="Nine years")
    reports.add_chapter(report, by=farid, kind=ChapterKind.TEXT, title="Introduction", body="x")
    client.force_login(farid)
    html = client.get(reverse("reports:compose", kwargs={"network": network.slug})).content
    html = html.decode()
    assert '<span class="visually-hidden">Move up Introduction</span>' in html
    assert "/static/reports/report.css" in html


# In a browser, on a 360 × 740 phone

PHONE = {"width": 360, "height": 740}


def first_screen(page):
    """Whether the page scrolls sideways, and where its h1 ends (px from the top)."""
    return page.evaluate(
        """() => [document.documentElement.scrollWidth > window.innerWidth,
                  document.querySelector('h1').getBoundingClientRect().bottom]"""
    )


@pytest.mark.browser
def test_on_a_phone_the_header_menu_is_closed_and_the_h1_is_on_the_first_screen(
    live_server, page, network, farid
):
    report = Report.objects.create(network=network, title="Nine years")
    for title in ("Introduction", "Methodology"):
        reports.add_chapter(report, by=farid, kind=ChapterKind.TEXT, title=title, body="x")
    page.set_viewport_size(PHONE)
    log_in(page, live_server, farid)
    seen = {}
    for path in (f"/{network.slug}/", f"/{network.slug}/report/", reverse("waiting")):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("link", name="Log out")).to_be_hidden()
        sideways, h1_bottom = first_screen(page)
        seen[path] = (sideways, h1_bottom <= PHONE["height"])
    assert seen == {path: (False, True) for path in seen}
    page.get_by_text("Menu", exact=True).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_role("link", name="Waiting for you")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Log out")).to_be_hidden()


@pytest.mark.browser
def test_on_a_wide_screen_the_menu_is_laid_out_open(live_server, page, network, farid):
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server, farid)
    page.goto(f"{live_server.url}/{network.slug}/")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()


@pytest.mark.browser
def test_in_right_to_left_the_menu_button_stands_on_the_left(live_server, page, network):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/{network.slug}/")
    page.evaluate("document.documentElement.dir = 'rtl'")
    summary = page.locator("details.menu > summary").bounding_box()
    brand = page.locator("header.site .brand").bounding_box()
    assert summary["x"] < brand["x"]


@pytest.mark.browser
def test_error_pages_and_the_style_guide_have_no_accessibility_fault(
    live_server, browser, axe_violations, network, vera, django_user_model
):
    page = browser.new_context(bypass_csp=True, viewport=PHONE).new_page()  # axe is injected
    found = {}

    def audit(name, status):
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
        violations = axe_violations(page)
        if violations:
            found[name] = violations
        return status

    assert audit("404", page.goto(f"{live_server.url}/{network.slug}/nothing/").status) == 404
    page.goto(live_server.url)
    page.set_content(errors.server_error(RequestFactory().get("/")).content.decode())
    audit("500", 500)
    log_in(page, live_server, vera)
    members = reverse("networks:members", kwargs={"network": network.slug})
    assert audit("403", page.goto(f"{live_server.url}{members}").status) == 403
    staff = django_user_model.objects.create_user("stella", is_staff=True)
    log_in(page, live_server, staff)
    assert audit("style guide", page.goto(f"{live_server.url}/styleguide/").status) == 200
    assert found == {}


@pytest.mark.browser
def test_a_stacked_table_stacks_its_cells_on_a_phone_and_lines_them_up_on_a_wide_screen(
    live_server, page, django_user_model
):
    """.table--stack (the style guide's specimen): on a 360 px phone each cell of a row stands
    under the previous one, labelled by its column (data-label); at 1280 px they sit in a row."""
    staff = django_user_model.objects.create_user("stella", is_staff=True)
    log_in(page, live_server, staff)

    def cells(width):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/styleguide/")
        row = page.locator("#ltr-stack tbody tr").first
        expect(row).to_be_visible()
        return row.evaluate(
            """(row) => [...row.children].map((cell) => {
                const box = cell.getBoundingClientRect();
                return {top: box.top, bottom: box.bottom, left: box.left,
                        label: getComputedStyle(cell, '::before').content};
            })"""
        )

    phone = cells(360)
    assert all(below["top"] >= above["bottom"] - 1 for above, below in pairwise(phone))
    assert len({round(cell["left"]) for cell in phone}) == 1
    assert [cell["label"] for cell in phone[1:]] == ['"Status"', '"Planned"', '"Actions"']
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    wide = cells(1280)
    assert len({round(cell["top"]) for cell in wide}) == 1
    assert all(left["left"] < right["left"] for left, right in pairwise(wide))
