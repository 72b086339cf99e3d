"""Each edition of a guide to each person is its own message, with its own Message-ID.

Mail programs drop a second message whose Message-ID they have seen, so the regular and
large-print messages (or A4 and Letter) must not share one; only a resend of the same
message keeps its ID.
"""

from __future__ import annotations

from email import message_from_bytes
from pathlib import Path

from helpers.guides import FIRST_GUIDE

from generator.artifacts import BuildContext
from generator.options import BuildOptions
from generator.parse import load_guide
from generator.render.message import is_message_id_of, render_eml_artifact
from generator.send.journal import Journal
from generator.send.run import SendRequest, send_guide

FAMILY = """\
email,name,large_print,paper
mum@example.com,Mum,,
dad@example.com,Dad,,letter
grandad@example.com,Grandad,yes,
"""


def built_id(**options: object) -> str:
    guide = load_guide(FIRST_GUIDE)
    [artifact] = render_eml_artifact(guide, BuildContext(BuildOptions(**options)))  # type: ignore[arg-type]
    return str(message_from_bytes(artifact.data)["Message-ID"])


def test_regular_large_print_and_letter_builds_have_different_ids() -> None:
    ids = {built_id(), built_id(large_print=True), built_id(paper="letter")}
    assert len(ids) == 3
    assert all(is_message_id_of("meta-ai-objection", message_id) for message_id in ids)
    # A rebuild of the same edition is the same message.
    assert built_id(large_print=True) == built_id(large_print=True)


def outbox_ids(request: SendRequest) -> dict[str, str]:
    send_guide(request)
    assert request.outbox is not None
    return {
        path.name: str(message_from_bytes(path.read_bytes())["Message-ID"])
        for path in sorted(request.outbox.glob("*.eml"))
    }


def test_each_person_gets_a_message_id_of_their_own_kept_on_a_rerun(tmp_path: Path) -> None:
    family = tmp_path / "family.csv"
    family.write_text(FAMILY, encoding="utf-8")
    request = SendRequest(
        guide=FIRST_GUIDE,
        to=(str(family),),
        sender="Anna <anna@example.net>",
        outbox=tmp_path / "outbox",
        options=BuildOptions(out=tmp_path / "output"),
    )
    first = outbox_ids(request)
    assert len(set(first.values())) == 3
    assert ".a4-large." in first["grandad@example.com.eml"]
    assert ".letter." in first["dad@example.com.eml"]
    assert outbox_ids(request) == first

    # Grandad asks for the ordinary print after all: a different message, a new ID.
    family.write_text(FAMILY.replace("Grandad,yes", "Grandad,no"), encoding="utf-8")
    assert outbox_ids(request)["grandad@example.com.eml"] != first["grandad@example.com.eml"]


def test_the_journal_keeps_the_id_a_message_really_goes_out_with(tmp_path: Path) -> None:
    with Journal(tmp_path / "journal.sqlite") as journal:
        journal.plan("guide", "v1", "grandad@example.com", "<regular@x>")
        # Not sent yet, and planned again as a large-print message: the new ID counts.
        journal.plan("guide", "v1", "grandad@example.com", "<large@x>")
        entry = journal.entry("guide", "v1", "grandad@example.com")
        assert entry is not None and entry.message_id == "<large@x>"
        journal.mark("guide", "v1", "grandad@example.com", "sent")
        # Once sent, the record of what went out never changes.
        journal.plan("guide", "v1", "grandad@example.com", "<other@x>")
        entry = journal.entry("guide", "v1", "grandad@example.com")
        assert entry is not None and entry.message_id == "<large@x>"
