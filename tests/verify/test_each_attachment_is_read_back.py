"""Every message's handout is read back, even when many messages carry the same one.

``guide send`` decodes a run's handout once and reuses it for the messages that carry the
same encoded text; a message carrying anything else must still be read for itself.
"""

from __future__ import annotations

import base64
from pathlib import Path

from helpers.guides import DATA, FIRST_GUIDE
from helpers.handouts import handout

from generator.build import build
from generator.options import BuildOptions
from generator.parse import load_guide
from generator.verify.cache import ReadCache
from generator.verify.outputs import parse_message, verify_message


def test_a_message_carrying_another_handout_fails_after_good_ones(tmp_path: Path) -> None:
    build([FIRST_GUIDE], BuildOptions(out=tmp_path, formats=("pdf", "eml")))
    data = (tmp_path / f"{FIRST_GUIDE.stem}.eml").read_bytes()
    guide = load_guide(FIRST_GUIDE)
    reads = ReadCache()  # one run's read-back, as every message of a guide send shares it
    for _ in range(3):
        assert verify_message(guide, parse_message(data), tmp_path / "good.eml", reads) == []

    wrong = parse_message(data)
    part = next(part for part in wrong.walk() if part.get_content_type() == "application/pdf")
    other = handout(DATA / "rich.md")
    part.set_payload(base64.encodebytes(other).decode("ascii"))
    assert reads.attachment(part) == other
    found = [p.message for p in verify_message(guide, wrong, tmp_path / "bad.eml", reads)]
    assert any(
        message.startswith("the attached handout: ") and "missing" in message for message in found
    )
    # The good message still reads as good: nothing of the wrong one was kept for it.
    assert verify_message(guide, parse_message(data), tmp_path / "good.eml", reads) == []
