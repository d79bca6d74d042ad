"""The first page of a PDF as an image, drawn by poppler's `pdftoppm` within limits.

`first_page(data)` returns PNG bytes, or raises UploadRefused when the file cannot be drawn
(damaged, encrypted, or taking longer than TIMEOUT seconds). The PNG is then cleaned like
any uploaded image (carnet.lib.uploads.clean_image) by the caller.
"""

import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from .uploads import UploadRefused

TIMEOUT = 20  # seconds
WIDTH = 960  # pixels, the largest side of the preview


def first_page(data, *, timeout=TIMEOUT):
    with tempfile.TemporaryDirectory(prefix="carnet-pdf-") as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(data)
        target = Path(folder) / "page"
        try:
            done = subprocess.run(  # noqa: S603 - fixed program, arguments we build
                [
                    "pdftoppm",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    "-png",
                    "-scale-to",
                    str(WIDTH),
                    str(source),
                    str(target),
                ],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise UploadRefused(
                _("The PDF takes too long to draw; its preview could not be made."),
                code="too_slow",
            ) from None
        except FileNotFoundError:  # poppler-utils is not installed
            raise UploadRefused(
                _("PDF previews cannot be made on this server (pdftoppm is missing)."),
                code="no_renderer",
            ) from None
        png = Path(f"{target}.png")
        if done.returncode != 0 or not png.exists():
            raise UploadRefused(
                _("The PDF is damaged or protected: its first page could not be drawn."),
                code="corrupt",
            )
        return png.read_bytes()
