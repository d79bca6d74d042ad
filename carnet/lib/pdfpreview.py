"""A page of a PDF as a PNG image, drawn by poppler's `pdftoppm` within limits.

`render_page(data, page, side=…, grey=…)` is the one place that runs `pdftoppm`: it returns the
PNG bytes or raises PageNotDrawn with a reason code ("too_slow", "no_renderer", "corrupt"),
which each caller turns into its own message:
- `first_page(data)`, the preview of an uploaded PDF (raises UploadRefused); the PNG is then
  cleaned like any uploaded image (carnet.lib.uploads.clean_image) by the caller;
- carnet.lib.ocr.pdf_page_text, a page to read by OCR (raises OcrFailed).
"""

import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from .uploads import UploadRefused

TIMEOUT = 20  # seconds
WIDTH = 960  # pixels, the largest side of the preview


class PageNotDrawn(Exception):
    def __init__(self, code, detail=""):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


def render_page(data, page=1, *, side, grey=False, timeout=TIMEOUT):
    """PNG bytes of one page (1-based) of the PDF `data`, its longest side `side` pixels."""
    with tempfile.TemporaryDirectory(prefix="carnet-pdf-") as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(data)
        target = Path(folder) / "page"
        command = ["pdftoppm", "-f", str(page), "-l", str(page), "-singlefile", "-png"]
        command += ["-gray"] if grey else []
        command += ["-scale-to", str(side), str(source), str(target)]
        try:
            done = subprocess.run(  # noqa: S603 - fixed program, arguments we build
                command, capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise PageNotDrawn("too_slow") from None
        except FileNotFoundError:  # poppler-utils is not installed
            raise PageNotDrawn("no_renderer") from None
        png = Path(f"{target}.png")
        if done.returncode != 0 or not png.exists():
            lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise PageNotDrawn("corrupt", lines[-1] if lines else str(done.returncode))
        return png.read_bytes()


def first_page(data, *, timeout=TIMEOUT):
    """The preview of an uploaded PDF: its first page, or UploadRefused saying why not."""
    try:
        return render_page(data, 1, side=WIDTH, timeout=timeout)
    except PageNotDrawn as exc:
        message = {
            "too_slow": _("The PDF takes too long to draw; its preview could not be made."),
            "no_renderer": _("PDF previews cannot be made on this server (pdftoppm is missing)."),
            "corrupt": _("The PDF is damaged or protected: its first page could not be drawn."),
        }[exc.code]
        raise UploadRefused(message, code=exc.code) from None
