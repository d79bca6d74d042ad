"""Issue 13, "Done when": a network starts from nothing in the browser, without the Django admin.

From an empty database (no demo), the host creates a superuser (as `carnet createsuperuser`
does); everything else happens on Carnet's own pages: the superuser creates a network, imports
its 13 members from an XLSX file, follows the set-up checklist, dates a phase of the exercise,
adds a theme and a sheet field, invites a partner; the partner accepts and writes a sheet with
the new theme and field. No page under /admin/ is ever requested. The clicks of each part are
counted and printed (`pytest -s` shows them): they measure how long the way is.
"""

import re
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from carnet.accounts.models import Role, User
from carnet.capitalisation.domain import DEFAULT_PHASES
from carnet.lib.spreadsheets import xlsx_bytes
from carnet.networks.imports import COLUMNS
from carnet.networks.models import Network
from carnet.practices.models import Sheet

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Clicks:
    """page.click, counted: each call is one click (or tap) of a person."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator):
        self.count += 1
        locator.click()


def test_a_superuser_starts_a_network_and_a_partner_writes_a_sheet_without_the_admin(
    live_server, page, transactional_db
):
    assert not Network.objects.exists() and not User.objects.exists()  # an empty database
    # 1. The host's step, as `carnet createsuperuser` does it.
    User.objects.create_superuser("root", "root@example.org", "a-long-root-pass-42")

    requested = []
    page.on("request", lambda request: requested.append(urlparse(request.url).path))
    url = live_server.url

    def state(step):
        return page.locator(".task-list li").filter(has_text=step).locator(".status").inner_text()

    # --- the coordinator's part -------------------------------------------------------------
    click = Clicks()
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill("a-long-root-pass-42")
    click(page.get_by_role("button", name="Log in"))
    # With no role anywhere yet, the superuser lands on "Waiting for you", which offers the
    # next step (the same link as the home page's).
    page.wait_for_url(f"{url}/accounts/waiting/")

    # 2. A network.
    click(page.get_by_role("link", name="Create a network"))
    page.get_by_role("textbox", name="Name", exact=True).fill("Youth Balkans")
    page.get_by_role("textbox", name="Address", exact=True).fill("youth-balkans")
    page.get_by_label("Description").fill("Youth organisations of the Balkans.")
    page.get_by_role("group", name="Content languages").get_by_label("Shqip (Albanian)").check()
    click(page.get_by_role("button", name="Create the network"))
    page.wait_for_url(f"{url}/youth-balkans/")
    assert page.get_by_role("heading", level=1).inner_text() == "Youth Balkans"

    # 3. 13 organisations from an XLSX file: preview, confirm.
    rows = [COLUMNS] + [
        [f"Organisation {n:02d}", "", "Albania", "Tirana", "", "member", f"20{n + 10}-01-01", ""]
        for n in range(1, 14)
    ]
    click(page.get_by_role("link", name="Add the members"))
    click(page.get_by_role("link", name="Import members"))
    page.get_by_label("CSV or XLSX file").set_input_files(
        {"name": "members.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(rows, title="members")}
    )
    click(page.get_by_role("button", name="Preview"))
    expect(page.get_by_role("cell", name="Added")).to_have_count(13)
    click(page.get_by_role("button", name="Confirm the import"))
    expect(page.get_by_text("13 members added, 0 updated.")).to_be_visible()
    expect(page.get_by_role("rowheader")).to_have_count(13)

    # 4. The checklist ticks what the data shows.
    click(page.get_by_role("link", name="Back to the network"))
    expect(page.get_by_role("heading", name="13 current members")).to_be_visible()
    assert state("Describe the network") == "Done"
    assert state("Add the members") == "Done"
    assert state("Start the exercise") == "Not started"
    assert state("Adjust the vocabulary") == "Not started"
    assert state("Invite people") == "Not started"

    # 5. The exercise: create_network started one from the default method; date a phase.
    click(page.get_by_role("link", name="Exercises and their phases").first)
    click(page.get_by_role("region", name="Current exercise").get_by_role("link"))
    phases = page.locator("table.phases-table tbody tr")
    names = [name for name, goal in DEFAULT_PHASES]
    assert len(names) == 5
    expect(phases).to_have_count(5)  # the click only starts the navigation: wait for the page
    assert [row.split("\n")[0] for row in phases.locator("th").all_inner_texts()] == [
        f"{number}. {name}" for number, name in enumerate(names, start=1)
    ]
    first = names[0]
    click(page.get_by_role("link", name=f"Edit {first}"))
    page.get_by_label("Planned start").fill("2027-01-11")
    page.get_by_label("Planned end").fill("2027-03-31")
    click(page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Saved.")).to_be_visible()
    assert "11 Jan. 2027 – 31 March 2027" in phases.first.inner_text()

    # 6. A theme of the network's own.
    to_the_network = page.get_by_role("navigation", name="Site").get_by_role(
        "link", name="Youth Balkans"
    )
    click(to_the_network)
    assert state("Start the exercise") == "Done"
    click(page.get_by_role("link", name="Adjust the vocabulary"))
    themes = page.locator("section#theme")
    themes.get_by_label("Label").fill("Youth participation")
    click(themes.get_by_role("button", name="Add to sheet themes"))
    expect(
        page.locator("section#theme ol.terms > li", has_text="Youth participation")
    ).to_be_visible()

    # 7. A field of the network's own in the sheet template.
    click(page.get_by_role("link", name="Back to the network"))
    assert state("Adjust the vocabulary") == "Done"
    click(
        page.get_by_role("navigation", name="Read").get_by_role("link", name="Good-practice sheets")
    )
    click(page.get_by_role("link", name="Sheet template"))
    page.get_by_label("Name of the new field").fill("Young people involved")
    page.locator("#id_new-help").fill("Who took part, and how.")
    click(page.get_by_role("button", name="Save the template"))
    expect(page.get_by_text("The sheet template is saved.")).to_be_visible()

    # 8. A partner editor for one organisation.
    click(to_the_network)
    assert state("Start the exercise") == "Done"
    click(page.get_by_role("link", name="Invite people"))
    page.get_by_label("E-mail address").fill("arta@org01.example")
    page.get_by_label("Role").last.select_option("partner_editor")
    page.get_by_label("Organisation", exact=True).select_option(label="Organisation 01")
    click(page.get_by_role("button", name="Send the invitation"))
    expect(page.get_by_text("Invitation sent to arta@org01.example.")).to_be_visible()
    click(to_the_network)
    assert state("Invite people") == "Done"
    assert state("Publish the network") == "Not started"
    click(page.get_by_role("button", name="Log out"))
    coordinator_clicks = click.count

    # --- the partner's part -----------------------------------------------------------------
    (message,) = mail.outbox
    link = re.search(r"(http://\S+/accounts/invitation/\S+/)", message.body).group(1)
    click = Clicks()
    page.goto(link.replace(settings.BASE_URL, url))
    page.get_by_label("Your name").fill("Arta Krasniqi")
    page.get_by_label("Username").fill("arta")
    page.locator("#id_password1").fill("a-long-pass-phrase-42")
    page.get_by_label("Password confirmation").fill("a-long-pass-phrase-42")
    click(page.get_by_role("button", name="Create my account and join"))
    page.wait_for_url(f"{url}/accounts/waiting/")
    assert page.get_by_role("heading", level=1).inner_text() == "Waiting for you"
    assert Role.objects.get(user__username="arta").organisation.name == "Organisation 01"

    click(page.get_by_role("link", name="Youth Balkans").first)
    click(
        page.get_by_role("navigation", name="Read").get_by_role("link", name="Good-practice sheets")
    )
    click(page.get_by_role("link", name="New sheet"))
    page.get_by_label("Title").fill("A youth council in Tirana")
    click(page.get_by_label("Youth participation"))
    click(page.get_by_role("button", name="Create and write"))
    page.get_by_label("Young people involved").fill("Twelve pupils of two secondary schools.")
    click(page.get_by_role("button", name="Save", exact=True))
    click(page.get_by_role("link", name="A youth council in Tirana"))
    partner_clicks = click.count

    expect(page.get_by_role("heading", level=1)).to_have_text("A youth council in Tirana")
    about = page.locator("main p").filter(has_text="Organisation 01").first.inner_text()
    assert "Youth participation" in about
    expect(page.get_by_role("heading", name="Young people involved")).to_be_visible()
    expect(page.get_by_text("Twelve pupils of two secondary schools.")).to_be_visible()
    sheet = Sheet.objects.get()
    assert sheet.organisation.name == "Organisation 01"
    assert "Twelve pupils of two secondary schools." in sheet.content.values()

    print(f"\nClicks: coordinator {coordinator_clicks}, partner {partner_clicks}")
    assert [path for path in requested if path.startswith("/admin/")] == []
    assert requested  # the recorder did record the walk
