"""Text out of scans: Debian's `tesseract` on an image, `pdftoppm` (poppler-utils) for a PDF page.

Run in the worker only (carnet.library.tasks), never in a request: each call is a subprocess
with a timeout, on a file of bounded size, with one thread (the machine is shared).
`image_text(data, languages)` and `pdf_page_text(data, page, languages)` return the text or
raise OcrFailed with a short reason for the person.

With the setting CARNET_OCR_CACHE (a folder; off by default) the text read from identical
bytes with the same languages is kept there and not read again (the test suite sets it: the
demo's scan is read once, not once per test that loads the demo). Only successful reads are
kept.
"""

import functools
import hashlib
import inspect
import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .pdfpreview import PageNotDrawn, render_page

TIMEOUT = 90  # seconds for one page (rendering or recognition)
MAX_BYTES = 40 * 1024 * 1024
MAX_PIXELS = 40_000_000  # about A4 at 600 dpi
MAX_PAGES = 30  # pages of one PDF read by OCR; the rest is said, not read
TOTAL_TIMEOUT = 600  # seconds for one document: no page is started after that
SIDE = 3000  # pixels of a page's longest side when rendered (A4 at about 250 dpi)

# Carnet's language codes -> tesseract's traineddata (Debian's tesseract-ocr-*).
LANGUAGES = {
    "en": "eng",
    "fr": "fra",
    "ar": "ara",
    "sq": "sqi",
    "hy": "hye",
    "bs": "bos",
    "sr": "srp",
    "sr-latn": "srp_latn",
    "sr_latn": "srp_latn",
    "uk": "ukr",
    "ro": "ron",
    "es": "spa",
    "it": "ita",
}


class OcrFailed(Exception):
    pass


def available():
    return shutil.which("tesseract") is not None


@functools.cache
def installed_languages():
    if not available():
        return frozenset()
    try:
        out = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=TIMEOUT
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())


def tesseract_languages(codes):
    """The `-l` argument for these content languages: those installed, English at least."""
    installed = installed_languages()
    chosen = []
    for code in codes:
        name = LANGUAGES.get(code.lower()) or LANGUAGES.get(code.lower().split("-")[0])
        if name and name in installed and name not in chosen:
            chosen.append(name)
    if not chosen:
        chosen = ["eng"]
    return "+".join(chosen)


def _run(command, what):
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, env=env)
    except FileNotFoundError:
        raise OcrFailed(f"{what} is not installed on this server") from None
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"{what} took longer than {TIMEOUT} seconds") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed(f"{what} failed: {message[-1] if message else done.returncode}"[:200])
    return done.stdout


def _recognise(path, languages):
    if not available():
        raise OcrFailed("OCR (tesseract) is not installed on this server")
    out = _run(["tesseract", str(path), "stdout", "-l", tesseract_languages(languages)], "OCR")
    return out.decode("utf-8", "replace")


def _cached(read):
    """Keeps what `read(data, ...)` returns in CARNET_OCR_CACHE, by the bytes and the other
    arguments (the page, the languages)."""
    signature = inspect.signature(read)

    @functools.wraps(read)
    def wrapper(*args, **kwargs):
        from django.conf import settings

        folder = getattr(settings, "CARNET_OCR_CACHE", None)
        if not folder:
            return read(*args, **kwargs)
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        arguments = dict(bound.arguments)
        key = hashlib.sha256(arguments.pop("data"))
        arguments["languages"] = list(arguments["languages"])
        key.update(repr((read.__name__, SIDE, sorted(arguments.items()))).encode())
        path = Path(folder) / f"{key.hexdigest()}.txt"
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            pass
        text = read(*args, **kwargs)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)  # atomic: parallel test workers may read it at once
        return text

    return wrapper


@_cached
def image_text(data, languages=("en",)):
    """The text tesseract reads in an image (PNG, JPEG, GIF, WebP), re-encoded first."""
    if len(data) > MAX_BYTES:
        raise OcrFailed("the image is too large to be read")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise OcrFailed("the image has too many pixels to be read")
            image.load()
            grey = image.convert("L")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise OcrFailed("the image cannot be read") from None
    with tempfile.TemporaryDirectory(prefix="carnet-ocr-") as folder:
        path = Path(folder) / "page.png"
        grey.save(path)
        return _recognise(path, languages)


@_cached
def pdf_page_text(data, page, languages=("en",)):
    """The text tesseract reads on one page (1-based) of a PDF, rendered by pdftoppm."""
    if len(data) > MAX_BYTES:
        raise OcrFailed("the PDF is too large to be read")
    try:
        png = render_page(data, page, side=SIDE, grey=True, timeout=TIMEOUT)
    except PageNotDrawn as exc:
        reason = {
            "too_slow": f"PDF rendering took longer than {TIMEOUT} seconds",
            "no_renderer": "pdftoppm (poppler-utils) is not installed on this server",
            "corrupt": f"page {page} of the PDF could not be rendered",
        }[exc.code]
        raise OcrFailed(f"{reason}: {exc.detail}"[:200] if exc.detail else reason) from None
    with tempfile.TemporaryDirectory(prefix="carnet-ocr-") as folder:
        image = Path(folder) / "page.png"
        image.write_bytes(png)
        return _recognise(image, languages)
