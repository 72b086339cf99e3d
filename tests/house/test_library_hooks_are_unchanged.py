"""The private parts of ReportLab, of the email package and of Jinja's sandbox that the
renderers rely on are still there and unchanged in the installed versions; if not, the test
says what changed and which of our modules relies on it (``generator/render/hooks.py``)."""

from __future__ import annotations

import importlib
import io
import sys

import jinja2
import pytest
import reportlab

from generator.render.hooks import Attributes, Hook, changed
from generator.render.mime import EMAIL_HOOKS
from generator.render.pdf.reportlab_hooks import REPORTLAB_ATTRIBUTES, REPORTLAB_HOOKS
from generator.render.sandbox import JINJA_HOOKS


def instance_of(place: str) -> object:
    """A fresh object of the class at ``place``, made the way the handout makes one."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase.ttfonts import TTFontFace
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus.frames import Frame

    from generator.render.pdf.fonts import FONT_FILES, REGULAR

    canvas = Canvas(io.BytesIO())
    made = {
        "reportlab.pdfgen.canvas:Canvas": lambda: canvas,
        "reportlab.pdfbase.ttfonts:TTFontFace": lambda: TTFontFace(str(FONT_FILES[REGULAR])),
        "reportlab.pdfgen.textobject:PDFTextObject": canvas.beginText,
        "reportlab.pdfbase.pdfdoc:PDFDocument": lambda: canvas._doc,
        "reportlab.platypus.frames:Frame": lambda: Frame(0, 0, 200, 300),
        "reportlab.lib.utils:ImageReader": lambda: ImageReader(io.BytesIO(PNG)),
    }
    if place in made:
        return made[place]()
    module, _, name = place.partition(":")
    found = importlib.import_module(module)
    return getattr(found, name) if name else found


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8ffff3f0005fe02fea7356b0e0000000049454e44ae426082"
)
"""A one-pixel picture."""


@pytest.mark.parametrize(
    ("hooks", "version"),
    [
        (REPORTLAB_HOOKS, f"ReportLab {reportlab.Version}"),
        (EMAIL_HOOKS, f"Python {sys.version.split()[0]}"),
        (JINJA_HOOKS, f"Jinja2 {jinja2.__version__}"),
    ],
    ids=["reportlab", "email", "jinja"],
)
def test_every_hooked_method_is_the_one_recorded(hooks: tuple[Hook, ...], version: str) -> None:
    assert changed(hooks, version) == []


def test_a_replaced_function_is_checked_against_the_librarys_own_source() -> None:
    from generator.render.pdf.tounicode import install

    install()  # as every handout does: ReportLab's function is replaced by ours
    assert changed(REPORTLAB_HOOKS, f"ReportLab {reportlab.Version}") == []


@pytest.mark.parametrize("attributes", REPORTLAB_ATTRIBUTES, ids=lambda a: a.place)
def test_every_private_attribute_is_still_there(attributes: Attributes) -> None:
    found = instance_of(attributes.place)
    missing = [name for name in attributes.names if not hasattr(found, name)]
    assert missing == [], (
        f"ReportLab {reportlab.Version}'s {attributes.place} has no {', '.join(missing)}: "
        f"{attributes.used_in} relies on it ({attributes.why})"
    )


def test_a_changed_method_is_named_with_who_relies_on_it() -> None:
    stale = Hook("email.generator:Generator._write_lines", "0" * 16, "render/mime.py", "speed")
    gone = Hook("email.generator:Generator._no_such_method", "0" * 16, "render/mime.py", "x")
    said = changed((stale, gone), "Python 3.x")
    assert said[0].startswith("email.generator:Generator._write_lines changed in version ")
    assert "render/mime.py relies on it (speed)" in said[0]
    assert said[1] == (
        "email.generator:Generator._no_such_method is gone in version Python 3.x: "
        "render/mime.py relies on it (x)"
    )
