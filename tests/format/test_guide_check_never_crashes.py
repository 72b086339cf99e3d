"""Fuzzing ``guide check`` with Markdown-shaped guides: only ever a clear report, never a crash.

Guides are built from the parts writers (and attackers) use: front matter with values YAML
would like to reinterpret, tags, anchors and nesting; headings written both ways, with
attribute lists; lists and emphasis nested; links and pictures with odd addresses. Every
example must end in a guide or in ``path:line: error:`` lines free of terminal escapes, and
a guide that passes must render its email without raising.
"""

from __future__ import annotations

import datetime as dt
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.artifacts import BuildContext
from generator.check import check_paths
from generator.options import BuildOptions
from generator.parse import parse_guide
from generator.problems import GuideError
from generator.text import is_hidden

ODD_SCALARS = [
    "010",
    "0x1F",
    "0o17",
    "12:30",
    "1:30:00",
    "3.10",
    "1e3",
    ".inf",
    "-.NaN",
    "yes",
    "No",
    "on",
    "~",
    "null",
    "2026-11-20",
    "2026-11-20T10:00:00Z",
    "!!int 5",
    "!!python/object:os.system ls",
    "&a x",
    "*a",
    "[a, [b, [c, [d]]]]",
    "{a: {b: {c: {d: 1}}}}",
    "|\n  block\n  text",
    '"\\e]0;PWNED\\a"',
    '"\\u202eevil"',
    '"x\\u200by"',
    "'quoted'",
    "? complex\n: key",
    "",
]
KEYS = ["title", "summary", "checked", "lang", "minutes", "applies_to", "region", "source"]
URLS = [
    "https://example.org/",
    "https://evil.net\\@paypal.com/",
    "https://p\u0430ypal.com/",
    "https://user:pw@example.org/",
    "https://@example.org",
    "https://127.0.0.1/",
    "https://[::1]/",
    "https://xn--zz.com/",
    "http://example.org/a b",
    "mailto:help@example.org",
    "mailto:help@bank.co?cc=x@evil.example",
    "mailto:a@b.org,c@d.org",
    "mailto:%68elp@example.org?Bcc=x@y.org",
    "javascript:alert(1)",
    "https://example.org/" + "a" * 200,
    "",
]
LINK_TEXTS = ["the page", "paypal.com", "https://paypal.com/", "help@bank.com", "example.org", ""]
PICTURES = ["x.png", "../x.png", "/etc/passwd.png", "sub/../x.png", "file:///x.png", "loop.png"]
INLINE = st.sampled_from(
    [
        "word",
        "**bold**",
        "*em*",
        "_em_",
        "***both***",
        "`code`",
        "&amp;",
        "&#x202E;",
        "<b>raw</b>",
        '{: data-line="x" }',
        "{#steps}",
        "{.class}",
        "\\*",
        "\U0001f600",
        "\u202e",
        "\x1b[2J",
    ]
)


@st.composite
def inline_text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(INLINE, min_size=1, max_size=5))
    if draw(st.booleans()):
        text = draw(st.sampled_from(LINK_TEXTS))
        parts.append(f"[{text}]({draw(st.sampled_from(URLS))})")
    depth = draw(st.integers(0, 7))
    mark = draw(st.sampled_from(["*", "_", "**"]))
    return mark * depth + " ".join(parts) + mark * depth


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    lines = ["---"]
    keys = draw(st.lists(st.sampled_from(KEYS), max_size=9))
    for key in ["title", "summary", "checked", *keys]:
        if key == "checked" and draw(st.booleans()):
            value = "2026-11-20"
        elif key == "source":
            value = "\n  title: " + draw(st.sampled_from([*ODD_SCALARS, "Src"]))
            value += "\n  url: " + (draw(st.sampled_from(URLS)) or "x")
        else:
            value = draw(st.one_of(st.sampled_from(ODD_SCALARS), st.text(max_size=12)))
        lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n"


@st.composite
def block(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["heading", "setext", "list", "para", "picture", "quote"]))
    text = draw(inline_text())
    if kind == "heading":
        level = draw(st.sampled_from(["##", "###", "#", "####"]))
        attrs = draw(st.sampled_from(["", " {#steps}", ' {: data-line="x" }', " {#caveats}"]))
        return f"{level} {draw(st.sampled_from(['Steps', 'Caveats', text]))}{attrs}\n"
    if kind == "setext":
        attrs = draw(st.sampled_from(["", ' {: data-line="x" }', " {#steps}"]))
        underline = draw(st.sampled_from(["-----", "=====", "---"]))
        return f"{draw(st.sampled_from(['Steps', text]))}{attrs}\n{underline}\n"
    if kind == "list":
        depth = draw(st.integers(0, 8))
        marker = draw(st.sampled_from(["- ", "1. ", "* ", "- - "]))
        return "".join("    " * level + marker + text + "\n" for level in range(depth + 1))
    if kind == "picture":
        return f"![{text}]({draw(st.sampled_from(PICTURES))})\n"
    if kind == "quote":
        return "> " * draw(st.integers(1, 6)) + text + "\n"
    return text + "\n"


@st.composite
def guides(draw: st.DrawFn) -> str:
    body = ["## Steps\n", "### One\n", "Do it.\n"] if draw(st.booleans()) else []
    body += draw(st.lists(block(), max_size=12))
    return draw(front_matter()) + "\n" + "\n".join(body)


def _folder() -> Path:
    folder = Path(tempfile.mkdtemp())
    (folder / "x.png").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
        b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
        b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    (folder / "loop.png").symlink_to(folder / "loop.png")
    return folder


def _printable(text: str) -> bool:
    return not any(is_hidden(character) for character in text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(guides())
def test_guide_check_reports_or_passes_never_crashes(text: str) -> None:
    folder = _folder()
    path = folder / "fuzz.md"
    path.write_text(text, encoding="utf-8")
    result = check_paths([path], today=dt.date(2026, 11, 21))
    for problem in result.problems:
        shown = str(problem)
        assert shown.startswith(f"{path}"), shown
        assert _printable(shown), f"a message carries a hidden character: {shown!r}"
    for guide in result.guides:
        # Text fields hold exactly what the file says, never a YAML reinterpretation.
        for value in (guide.title, guide.summary, guide.region or "", *guide.applies_to):
            assert _printable(value)
        from generator.render.email import render_email_html, render_email_text

        context = BuildContext(BuildOptions(out=folder / "out"))
        render_email_text(guide, context.options)
        render_email_html(guide, context.options)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ODD_SCALARS[:16]), st.sampled_from(["title", "summary", "region"]))
def test_a_text_field_keeps_exactly_what_was_written(value: str, key: str) -> None:
    fields = {"title": "T", "summary": "S", "region": "R", key: value}
    text = (
        "---\n"
        + "".join(f"{name}: {written}\n" for name, written in fields.items())
        + "checked: 2026-11-20\n---\n\n## Steps\n\n### One\nDo it.\n"
    )
    folder = _folder()
    try:
        guide = parse_guide(text, folder / "as-written.md")
    except GuideError as error:
        # Only values that are not plain text at all (an empty value) may be refused.
        assert value in ("~", "null"), str(error)
        return
    assert getattr(guide, key) == value


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=string.printable + "\u202e\u200b\x1b\u2028", max_size=30))
def test_any_yaml_key_is_quoted_without_terminal_escapes(key: str) -> None:
    text = (
        f'---\n"{key}": 1\ntitle: T\nsummary: S\nchecked: 2026-11-20\n---\n\n## Steps\n\n### A\nB\n'
    )
    try:
        parse_guide(text, _folder() / "keys.md")
    except GuideError as error:
        for problem in error.problems:
            assert _printable(str(problem)), repr(str(problem))
