import pytest
from carnet.practices import domain
from .test_margin import sheet, url, SELECT  # noqa
from .test_browser import log_in

@pytest.mark.browser
def test_shots(live_server, browser, sheet, ana, farid):
    domain.suggest(sheet, by=farid, field="summary", passage="120 social workers", replacement="130 social workers and 40 police officers", comment="Add the police.")
    domain.suggest(sheet, by=farid, field="context", passage="", replacement="Hardly any")
    domain.add_comment(sheet, by=farid, text="Which cities?", field="activities", passage="five cities")
    domain.add_comment(sheet, by=farid, text="Is it the same for the police?", field="summary", passage="victims of trafficking")
    for w, h, name in ((1280, 900, "wide"), (360, 740, "phone")):
        ctx = browser.new_context(viewport={"width": w, "height": h})
        log_in(ctx, live_server, ana)
        p = ctx.new_page(); p.goto(url(live_server, sheet))
        p.locator("section.sheet-field").first.scroll_into_view_if_needed()
        p.screenshot(path=f"/tmp/margin-{name}.png", full_page=True)
        p.evaluate(SELECT, ["impact", "knowledge and visibility"])
        p.locator("#selection-tools").wait_for()
        p.screenshot(path=f"/tmp/margin-{name}-sel.png")
        p.locator("#selection-tools button").first.click()
        p.screenshot(path=f"/tmp/margin-{name}-panel.png")
        ctx.close()
