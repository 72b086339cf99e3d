"""The preview's server and watcher in this process: rebuilds on change, clean shutdown."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.cli import invoke
from helpers.guides import MINIMAL, ROOT

from generator.cli import _preview_settings
from generator.preview import PreviewRun
from generator.preview.watch import Watched

PNG = (ROOT / "tests" / "data" / "settings-screen.png").read_bytes()


@pytest.fixture
def running(project: Path) -> Iterator[PreviewRun]:
    watched = Watched(Path("content"), Path("guide.toml"), None, None)
    lines: list[str] = []
    run = PreviewRun(
        Path("content/small.md"),
        _preview_settings({}),
        watched,
        port=0,
        report=lines.append,
    ).start()
    try:
        yield run
    finally:
        run.stop()


def get(run: PreviewRun, path: str) -> bytes:
    with urllib.request.urlopen(run.url.rstrip("/") + path, timeout=10) as answer:
        data: bytes = answer.read()
        return data


def state(run: PreviewRun) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(get(run, "/g/small.md/state"))
    return loaded


def after_change(run: PreviewRun, change: object) -> None:
    """Make a change on disk and wait for the rebuild it causes."""
    seen = run.previewer.generation
    assert callable(change)
    change()
    deadline = time.monotonic() + 10
    while run.previewer.generation == seen:
        assert time.monotonic() < deadline, "no rebuild after the change"
        time.sleep(0.02)


def test_it_listens_on_loopback_only_and_shows_the_guide(running: PreviewRun) -> None:
    assert running.server.server_address[0] == "127.0.0.1"
    assert running.url.startswith("http://127.0.0.1:")
    shown = state(running)
    assert shown["title"] == "A small guide"
    assert shown["problems"] == [] and shown["stale"] is False
    assert get(running, "/g/small.md/page-1.png").startswith(b"\x89PNG")
    assert b"A small guide" in get(running, "/g/small.md/email.html")
    # Only guides of the folder being previewed can be asked for.
    with pytest.raises(urllib.error.HTTPError):
        get(running, "/g/..%2F..%2Fetc%2Fpasswd/state")


def test_a_request_naming_another_host_is_refused(running: PreviewRun) -> None:
    # What a page elsewhere would send after pointing its own name at 127.0.0.1.
    request = urllib.request.Request(
        running.url + "g/small.md/state", headers={"Host": "attacker.example"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    refused.value.close()


def test_guide_toml_and_pictures_are_watched(running: PreviewRun, project: Path) -> None:
    state(running)
    before = get(running, "/g/small.md/page-1.png")
    after_change(
        running,
        lambda: (project / "guide.toml").write_text('org = "Kingsbridge Library"\n'),
    )
    assert get(running, "/g/small.md/page-1.png") != before  # the name is printed now

    guide = project / "content" / "small.md"
    (project / "content" / "screen.png").write_bytes(PNG)
    after_change(
        running,
        lambda: guide.write_text(MINIMAL + "\n![The settings screen](screen.png)\n"),
    )
    assert "screen.png" in get(running, "/g/small.md/email.html").decode()
    after_change(
        running, lambda: (project / "content" / "screen.png").write_bytes(b"not a picture")
    )
    problems = state(running)["problems"]
    assert isinstance(problems, list)
    assert "is not really a PNG or JPEG image" in problems[0]["text"]
    assert state(running)["stale"] is True

    after_change(running, lambda: (project / "guide.toml").write_text("large-print = 'yes'\n"))
    problems = state(running)["problems"]
    assert isinstance(problems, list)
    assert problems[0]["text"].startswith("guide.toml:1: error:")


def test_stopping_ends_every_thread_and_open_event_streams(project: Path) -> None:
    before = set(threading.enumerate())
    run = PreviewRun(
        Path("content"),
        _preview_settings({}),
        Watched(Path("content"), Path("guide.toml"), None, None),
        port=0,
        report=lambda line: None,
    ).start()
    stream = urllib.request.urlopen(run.url + "events", timeout=10)
    assert stream.readline() == b"data: 0\n"
    run.stop()
    assert stream.read() == b"\n"  # the stream ends with the server
    stream.close()
    assert set(threading.enumerate()) == before


def test_a_port_in_use_is_a_clear_error(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = invoke("preview", "--no-open", "--port", str(port))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: cannot serve on 127.0.0.1 port {port} (")
    assert result.stderr.rstrip().endswith("try another --port")


def test_the_email_follows_the_print_size_on_screen(running: PreviewRun) -> None:
    guide = Path("content/small.md")
    large = json.loads(get(running, "/g/small.md/state?paper=a4&large=1"))
    assert large["title"] == "A small guide"
    regular_email = get(running, "/g/small.md/email.html?paper=a4&large=0").decode()
    large_email = get(running, "/g/small.md/email.html?paper=a4&large=1").decode()
    assert "font-size:22px" in large_email.replace(" ", "")
    assert "font-size:22px" not in regular_email.replace(" ", "")
    # Asking for the email, a page or a picture does not change what the page shows.
    get(running, "/g/small.md/email.html")
    assert running.previewer.latest[guide] == ("a4", True)


def test_a_save_rebuilds_only_the_changed_guide_in_the_variant_on_screen(project: Path) -> None:
    from generator.preview.state import Previewer

    (project / "content" / "other.md").write_text(MINIMAL, encoding="utf-8")
    small, other = Path("content/small.md"), Path("content/other.md")
    previewer = Previewer(Path("content"), None, _preview_settings({}))
    previewer.entry(small, ("a4", False))
    previewer.entry(small, ("letter", True))  # the switch was moved: this is on screen now
    previewer.entry(other, ("a4", False))
    builds = previewer.builds
    rebuilt = previewer.refresh({project / "content" / "small.md"})
    assert [(path, entry.good is not None) for path, entry in rebuilt] == [(small, True)]
    assert previewer.builds == builds + 1
    assert sorted(previewer.entries) == [(other, ("a4", False)), (small, ("letter", True))]
    # A picture or guide.toml may matter to every guide: each is rebuilt, on screen only.
    rebuilt = previewer.refresh({project / "guide.toml"})
    assert [path for path, _ in rebuilt] == [other, small]


def test_the_terminal_says_when_a_save_did_not_update_the_preview(project: Path) -> None:
    lines: list[str] = []
    run = PreviewRun(
        Path("content/small.md"),
        _preview_settings({}),
        Watched(Path("content"), Path("guide.toml"), None, None),
        port=0,
        report=lines.append,
    ).start()
    try:
        state(run)
        guide = project / "content" / "small.md"
        after_change(run, lambda: guide.write_text(MINIMAL.replace("## Steps", "## Stepz")))
        assert lines[-1] == (
            "content/small.md: preview not updated: fix the problems above and save again"
        )
        assert not any("preview updated" in line for line in lines)
        after_change(run, lambda: guide.write_text(MINIMAL))
        assert re.fullmatch(r"content/small.md: preview updated in \d+ ms", lines[-1])
    finally:
        run.stop()


def test_a_deleted_guide_is_reported_with_its_path(project: Path) -> None:
    run = PreviewRun(
        Path("content"),
        _preview_settings({}),
        Watched(Path("content"), Path("guide.toml"), None, None),
        port=0,
        report=lambda line: None,
    ).start()
    try:
        assert state(run)["title"] == "A small guide"
        (project / "content" / "small.md").unlink()
        with pytest.raises(urllib.error.HTTPError) as missing:
            get(run, "/g/small.md/state")
        assert missing.value.code == 404
        answer = json.loads(missing.value.read())
        missing.value.close()
        assert answer["missing"] is True
        assert answer["problems"] == [
            {
                "severity": "error",
                "text": f"{Path('content') / 'small.md'}: error: there is no such file or folder",
            }
        ]
    finally:
        run.stop()


@pytest.mark.parametrize(
    ("header", "bound", "allowed"),
    [
        ("127.0.0.1:8000", "127.0.0.1", True),
        ("localhost:8000", "127.0.0.1", True),
        ("192.168.1.20:8000", "127.0.0.1", False),
        ("attacker.example:8000", "127.0.0.1", False),
        # Bound to every network: the address the request came in on, this computer's names.
        ("192.168.1.20:8000", "0.0.0.0", True),
        ("localhost:8000", "0.0.0.0", True),
        (f"{socket.gethostname()}:8000", "0.0.0.0", True),
        ("[fe80::1]:8000", "::", False),
        ("attacker.example:8000", "0.0.0.0", False),
        ("attacker.example:8000", "::", False),
        ("192.168.1.20:9999", "0.0.0.0", False),
        ("", "0.0.0.0", False),
    ],
)
def test_on_every_network_only_this_computers_names_are_accepted(
    header: str, bound: str, allowed: bool
) -> None:
    from generator.preview.server import host_allowed

    assert host_allowed(header, bound, "192.168.1.20", 8000) is allowed


def test_the_preview_uses_guide_builds_settings_and_a_preview_table_over_them(
    project: Path,
) -> None:
    (project / "guide.toml").write_text(
        'paper = "a4"\n\n[build]\norg = "Kingsbridge Library"\npaper = "letter"\n'
        "large-print = true\n",
        encoding="utf-8",
    )
    options = _preview_settings({})()
    assert (options.org, options.paper, options.large_print) == (
        "Kingsbridge Library",
        "letter",
        True,
    )
    with (project / "guide.toml").open("a", encoding="utf-8") as settings:
        settings.write("\n[preview]\nlarge-print = false\n")
    options = _preview_settings({})()
    assert (options.org, options.paper, options.large_print) == (
        "Kingsbridge Library",
        "letter",
        False,
    )
    # Typed options win over both.
    assert _preview_settings({"org": "Tuesday club"})().org == "Tuesday club"
