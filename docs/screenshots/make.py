"""Screenshots of Carnet's main screens, desktop (1280 × 800) and phone (360 × 740).

    .venv/bin/python docs/screenshots/make.py [--source DIR] [--base URL] [--out DIR]
                                            [--only NAME,NAME]

Without --base it loads the demo networks into a throwaway folder (`carnet demo`, its own
SQLite database), serves them on a free local port and stops them at the end. --source DIR
runs the code of another checkout of this repository (a `git worktree` of an older commit,
say) with this virtualenv's Python, to shoot the same screens "before". Debian's Chromium
(/usr/bin/chromium) opens each screen as the demo person who uses it (password
`carnet-demo`), in English, and the PNGs go to docs/screenshots/<name>-desktop.png and
<name>-phone.png: the first screen, or the top of the page down to a capped height; each is
reduced to a 256-colour palette with Pillow to stay small. A screen the shot code does not
have (an error status) is skipped and named at the end.
"""

import argparse
import io
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
from bench.demo_server import start_demo, stop  # noqa: E402

PASSWORD = "carnet-demo"
SHEET = "/euromed/sheets/supporting-syrian-armenian-families/"
# name, persona, path, height cap (desktop, phone) in CSS pixels: the first screen, or the
# top of the page down to this height when it is longer.
SHOTS = [
    ("network", "claire", "/euromed/", (1400, 1480)),
    ("timeline", "anonymous", "/euromed/timeline/", (1150, 1480)),
    ("sheet-review", "farid", SHEET, (1600, 1480)),
    ("waiting", "ana", "/accounts/waiting/", (1200, 1480)),
    ("report-composer", "claire", "/euromed/report/", (1200, 1480)),
    ("report-version", "claire", "/euromed/report/v/1/", (1200, 1480)),
    ("validations", "claire", "/euromed/validations/", (1200, 1480)),
    ("search", "claire", "/euromed/search/?q=families", (1200, 1480)),
    ("library", "anonymous", "/library/", (1200, 1480)),
    ("sheets", "anonymous", "/euromed/sheets/", (1200, 1480)),
]
SIZES = {"desktop": (1280, 800), "phone": (360, 740)}


def sign_in(context, base, persona):
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", persona)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.press("#id_password", "Enter")
    if "/accounts/login/" in page.url:
        raise SystemExit(f"could not sign in as {persona}")
    # Screens in English whatever the person chose (Ana reads Albanian in the demo).
    token = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
    context.request.post(
        f"{base}/i18n/setlang/",
        form={"language": "en", "next": "/", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/"},
    )
    page.close()


def save(png, target):
    """The PNG reduced to a 256-colour palette (text and flat colours survive it)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    target.parent.mkdir(parents=True, exist_ok=True)
    small.save(target, optimize=True)
    return target.stat().st_size


def shoot(browser, base, out, only):
    skipped, written = [], []
    contexts = {}
    try:
        for name, persona, path, caps in SHOTS:
            if only and name not in only:
                continue
            for (size, (width, height)), cap in zip(SIZES.items(), caps, strict=True):
                key = (persona, size)
                if key not in contexts:
                    context = browser.new_context(
                        viewport={"width": width, "height": height},
                        locale="en-GB",
                        extra_http_headers={"Accept-Language": "en"},
                    )
                    if persona != "anonymous":
                        sign_in(context, base, persona)
                    contexts[key] = context
                page = contexts[key].new_page()
                response = page.goto(base + path)
                page.wait_for_load_state("networkidle")
                if response is None or response.status >= 400:
                    skipped.append(f"{name}-{size} ({response and response.status})")
                    page.close()
                    continue
                full = page.evaluate("document.documentElement.scrollHeight")
                clip = {"x": 0, "y": 0, "width": width, "height": min(max(height, cap), full)}
                png = page.screenshot(full_page=True, clip=clip, animations="disabled")
                target = out / f"{name}-{size}.png"
                written.append((target, save(png, target), response.status, page.title()))
                page.close()
    finally:
        for context in contexts.values():
            context.close()
    return written, skipped


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", default=str(ROOT), help="checkout whose code to run")
    parser.add_argument("--base", default="", help="shoot this running instance instead")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--only", default="", help="comma-separated names of screens")
    args = parser.parse_args()
    out = Path(args.out)
    only = {n for n in args.only.split(",") if n}
    server = None
    if not args.base:
        folder = tempfile.mkdtemp(prefix="carnet-screenshots-")
        print(f"loading the demo from {args.source} into {folder} …", flush=True)
        server, args.base = start_demo(folder, Path(args.source).resolve())
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            written, skipped = shoot(browser, args.base, out, only)
            browser.close()
    finally:
        if server is not None:
            stop(server)
    for target, size, status, title in written:
        print(f"{target.relative_to(out.parent) if out.parent in target.parents else target}"
              f"  {size / 1024:6.1f} KB  {status}  {title}")  # fmt: skip
    for name in skipped:
        print(f"skipped {name}")


if __name__ == "__main__":
    main()
