"""Render a Typst template to PDF (or PNG) with the shipped fonts.

The data never enters the markup: it is passed as JSON in `sys.inputs.data`,
and the template reads it with `json(bytes(sys.inputs.data))`. Files the
template needs (photos) are written next to it in a temporary root, by name.

    pdf = render(Path("sheet.typ"), {"title": ...}, files={"photo.jpg": b"..."})
"""

import json
import tempfile
from pathlib import Path

import typst

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"


class RenderError(Exception):
    pass


def render(template, data, *, files=None, fmt="pdf", ppi=None):
    """template: a Path to a .typ file. Returns the PDF bytes (or PNG bytes per page)."""
    source = Path(template).read_bytes()
    with tempfile.TemporaryDirectory(prefix="carnet-typst-") as tmp:
        root = Path(tmp)
        (root / "main.typ").write_bytes(source)
        for name, content in (files or {}).items():
            safe = Path(name).name
            (root / safe).write_bytes(content)
        try:
            return typst.compile(
                str(root / "main.typ"),
                root=str(root),
                font_paths=[str(FONTS_DIR)],
                ignore_system_fonts=True,
                format=fmt,
                ppi=ppi,
                sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
            )
        except RuntimeError as exc:  # typst's compile errors
            raise RenderError(str(exc)) from exc
