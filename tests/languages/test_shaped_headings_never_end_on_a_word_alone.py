"""A heading in a shaped script keeps the rule other headings keep: its last line holds
one word alone only when the word before it cannot join it there."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.handouts import handout
from helpers.script_guides import ARABIC_FRONT

from generator.verify.layout import layout_problems, read_pages

TITLE = "اختر رمزًا جديدًا من ستة أرقام لا يعرفه أحد غيرك ثم اكتبه مرة ثانية"
"""A step title one word too long for a line of an A4 handout: filled greedily, its last
line would hold "ثانية" alone."""

GUIDE = ARABIC_FRONT.replace("### افتح الإعدادات\n", f"### {TITLE}\n") + (
    "اكتب الرمز ثم اضغط على زر التأكيد.\n\n"
    "اكتب الرمز مرة ثانية ليتأكد الهاتف أنك تذكره.\n\n"
    "لا تستعمل تاريخ ميلادك ولا رقم بيتك.\n\n"
    "اكتب الرمز على ورقة واحفظها في البيت بعيدًا عن الهاتف.\n"
)
"""An Arabic guide of one step with that title and a few paragraphs of text (so the
text, not the title, is the body size the read-back compares headings with)."""


@pytest.mark.parametrize("large", [False, True], ids=["regular", "large-print"])
def test_an_arabic_step_title_never_ends_on_a_word_alone(tmp_path: Path, large: bool) -> None:
    path = tmp_path / "guide.md"
    path.write_text(GUIDE, encoding="utf-8")
    pages = read_pages(handout(path, large_print=large))
    size = 21 if large else 15
    # The title's lines (the first beside the step's big number, read first).
    title = [line.text for line in pages[0].lines if line.bold and line.text_size == size]
    assert " ".join(title).removeprefix("1 ") == TITLE
    assert len(title) >= 2 and len(title[-1].split()) >= 2, title
    assert [str(problem) for problem in layout_problems(pages, [])] == []
