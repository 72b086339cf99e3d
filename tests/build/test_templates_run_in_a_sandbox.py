"""A template from a shared folder reads the guide and nothing else: no Python, no files.

A "guide kit" (a folder of templates a charity passes around, named in ``guide.toml``) may
come from anyone. Whatever it holds, ``build``, ``send``, ``workshop`` and ``site`` run no code of
its choosing, open no file but templates inside the folder, change nothing, and a template
that tries says where (``path:line: error:``), exits 1 and writes nothing.
"""

from __future__ import annotations

import ast
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.cli import run
from helpers.guides import MINIMAL, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MARK = "SANDBOX-ESCAPED"

ESCAPES = [
    # Python's internals through Jinja's own globals and objects.
    f'cycler.__init__.__globals__.os.system("touch {MARK}")',
    f'joiner.__init__.__globals__.os.popen("touch {MARK}")',
    f'namespace.__init__.__globals__.os.system("touch {MARK}")',
    "self._TemplateReference__context",
    "''.__class__.__mro__[1].__subclasses__()",
    "guide.__class__.__init__.__globals__",
    "guide.key_line.__func__.__globals__",
    "_.__globals__",
    "long_date.__globals__",
    "range.__self__",
    'guide|attr("__class__")',
    '"{0.__class__.__mro__}".format(guide)',
    # Files, through the paths in the model.
    f'guide.path.parent.joinpath("{MARK}").touch()',
    f'guide.path.parent.joinpath("{MARK}").write_text("x")',
    'guide.path.write_text("")',
    "guide.path.read_text()",
    "guide.path.unlink()",
    "guide.path.parent.iterdir()|list",
    # The model and the context.
    "guide.steps|list|attr('append')(1)",
    "dict(a=1).update(b=2)",
    "guide.checked.fromtimestamp(0)",
    # Memory.
    '"x" * 1000000000',
    "10 ** 1000000000",
]

OVERRIDES = {
    "handout": ("handout/handout.xml", '{% extends "handout/base.xml" %}\n'),
    "email html": ("email/guide.html", '{% extends "email/base.html" %}\n'),
    "email text": ("email/guide.txt", '{% extends "email/base.txt" %}\n'),
}


def _kit(folder: Path, name: str, head: str, expression: str) -> Path:
    """A templates folder overriding one template, the expression on its line 2."""
    path = folder / "kit" / name
    path.parent.mkdir(parents=True)
    block = "title_block" if name.endswith(".xml") else "footer"
    path.write_text(f"{head}{{% block {block} %}}{{{{ {expression} }}}}{{% endblock %}}\n")
    return path


def _guide(folder: Path) -> Path:
    guide = folder / "small.md"
    guide.write_text(MINIMAL, encoding="utf-8")
    return guide


def _nothing_happened(folder: Path, guide: Path, out: Path) -> None:
    assert not list(folder.rglob(MARK)), "the template ran a command or wrote a file"
    assert guide.read_text(encoding="utf-8") == MINIMAL, "the template changed the guide"
    assert not out.exists() or not any(out.iterdir()), "something was written"


@pytest.mark.parametrize("kind", OVERRIDES)
@pytest.mark.parametrize("expression", ESCAPES)
def test_a_template_cannot_reach_python_files_or_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, expression: str
) -> None:
    monkeypatch.chdir(tmp_path)
    guide = _guide(tmp_path)
    name, head = OVERRIDES[kind]
    template = _kit(tmp_path, name, head, expression)
    out = tmp_path / "out"
    code, printed = run(
        "build", str(guide), "--templates", str(tmp_path / "kit"), "--out", str(out)
    )
    assert code == 1
    assert f"{template}:2: error: template error:" in printed, printed
    _nothing_happened(tmp_path, guide, out)


def test_a_guide_toml_kit_runs_nothing_in_a_workshop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    guide = _guide(tmp_path)
    cover = _kit(
        tmp_path,
        "workshop/cover.xml",
        '{% extends "workshop/cover.xml" %}\n'.replace("cover.xml", "notes.xml"),
        f'cycler.__init__.__globals__.os.system("touch {MARK}")',
    )
    # The cover is the kit's own, not an extension of the bundled one it replaces.
    cover.write_text(
        "<handout>\n"
        f'<para>{{{{ cycler.__init__.__globals__.os.system("touch {MARK}") }}}}</para>\n'
        "</handout>\n"
    )
    (tmp_path / "guide.toml").write_text('templates = "kit"\n', encoding="utf-8")
    code, printed = run("workshop", str(guide), "--out", "out")
    assert code == 1
    assert f"{cover}:2: error: template error:" in printed, printed
    _nothing_happened(tmp_path, guide, tmp_path / "out")


HOSTILE = {
    "cycler": f'cycler.__init__.__globals__.os.system("touch {MARK}")',
    "write_text": 'guide.path.write_text("")',
}
"""A shared kit's two classic attempts: a shell command through Jinja's globals, and
overwriting the guide through the path in the model."""

COMMANDS = {
    "build": ("build", "small.md", "--out", "out"),
    "workshop": ("workshop", "small.md", "--out", "out"),
    "site": ("site", "small.md", "--out", "out"),
    "send": (
        "send",
        "small.md",
        "--to",
        "Mum <mum@example.com>",
        "--from",
        "Anna <anna@example.net>",
        "--outbox",
        "out",
    ),
}


@pytest.mark.parametrize("expression", HOSTILE.values(), ids=list(HOSTILE))
@pytest.mark.parametrize("command", [*COMMANDS, "preview"])
def test_a_kit_named_in_guide_toml_runs_nothing_in_any_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, expression: str
) -> None:
    """``build``, ``workshop``, ``site``, ``send`` (filling the outbox, nothing sent) and the
    preview's build all refuse the kit at its file and line, and write nothing."""
    monkeypatch.chdir(tmp_path)
    guide = _guide(tmp_path)
    template = _kit(tmp_path, *OVERRIDES["handout"], expression)
    (tmp_path / "guide.toml").write_text('templates = "kit"\n', encoding="utf-8")
    if command == "preview":
        from helpers.guides import TODAY

        from generator.cli import _preview_settings
        from generator.preview.state import build_preview

        rendered, problems = build_preview(guide, _preview_settings({}), ("a4", False), TODAY)
        assert rendered is None
        printed = "\n".join(str(problem) for problem in problems)
    else:
        code, printed = run(*COMMANDS[command])
        assert code == 1
    assert f"{template}:2: error: template error:" in printed, printed
    if command == "send":
        # The outbox's journal is opened before any message is made: no message is in it.
        assert not list((tmp_path / "out").rglob("*.eml"))
        _nothing_happened(tmp_path, guide, tmp_path / "no-output")
    else:
        _nothing_happened(tmp_path, guide, tmp_path / "out")


@pytest.mark.parametrize("expression", HOSTILE.values(), ids=list(HOSTILE))
def test_a_kits_web_page_runs_nothing_in_guide_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, expression: str
) -> None:
    monkeypatch.chdir(tmp_path)
    guide = _guide(tmp_path)
    template = tmp_path / "kit" / "site" / "guide.html"
    template.parent.mkdir(parents=True)
    template.write_text(
        '{% extends "site/guide_base.html" %}\n'
        f"{{% block intro %}}{{{{ {expression} }}}}{{% endblock %}}\n",
        encoding="utf-8",
    )
    code, printed = run("site", str(guide), "--templates", str(template.parents[1]), "--out", "out")
    assert code == 1
    assert f"{template}:2: error: template error:" in printed, printed
    _nothing_happened(tmp_path, guide, tmp_path / "out")


def test_the_greeting_of_guide_send_runs_nothing(tmp_path: Path) -> None:
    guide = _guide(tmp_path)
    greeting = tmp_path / "kit" / "email" / "greeting.txt"
    greeting.parent.mkdir(parents=True)
    greeting.write_text(f"Dear {{{{ name }}}},\n{{{{ name.__class__.__mro__ }}}}{MARK}\n")
    outbox = tmp_path / "outbox"
    code, printed = run(
        "send",
        str(guide),
        "--to",
        "Mum <mum@example.com>",
        "--from",
        "Anna <anna@example.net>",
        "--outbox",
        str(outbox),
        "--templates",
        str(tmp_path / "kit"),
    )
    assert code == 1
    assert f"{greeting}:2: error: template error:" in printed, printed
    assert not list(outbox.rglob("*.eml"))


def test_a_template_that_is_a_link_out_of_its_folder_is_not_read(tmp_path: Path) -> None:
    guide = _guide(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("THE-SECRET")
    template = _kit(tmp_path, "email/guide.txt", '{% extends "email/base.txt" %}\n', '"x"')
    template.write_text(
        '{% extends "email/base.txt" %}\n{% block footer %}{% include "email/s.txt" %}'
        "{% endblock %}\n"
    )
    (template.parent / "s.txt").symlink_to(secret)
    out = tmp_path / "out"
    code, printed = run(
        "build", str(guide), "--templates", str(tmp_path / "kit"), "--out", str(out)
    )
    assert code == 1
    assert f"{template}:2: error: template error: {template.parent / 's.txt'} is a link" in printed
    assert "THE-SECRET" not in printed
    _nothing_happened(tmp_path, guide, out)


def test_a_story_shows_only_the_guides_pictures(tmp_path: Path) -> None:
    """A template cannot put another picture from the disk (or the web) into a handout."""
    import shutil

    from helpers.guides import DATA

    guide = _guide(tmp_path)
    private = tmp_path / "private" / "passport.png"
    private.parent.mkdir()
    shutil.copy(DATA / "settings-screen.png", private)
    for source in (str(private), "https://tracker.example/p.png"):
        template = _kit(tmp_path, "handout/handout.xml", '{% extends "handout/base.xml" %}\n', '""')
        template.write_text(
            '{% extends "handout/base.xml" %}\n{% block title_block %}{{ super() }}'
            f'<image src="{source}" alt="A picture"/>{{% endblock %}}\n'
        )
        out = tmp_path / "out"
        code, printed = run(
            "build", str(guide), "--templates", str(tmp_path / "kit"), "--out", str(out)
        )
        assert code == 1
        assert f"the picture {source} " in printed
        _nothing_happened(tmp_path, guide, out)
        shutil.rmtree(tmp_path / "kit")


def _environment_calls(path: Path) -> Iterator[int]:
    """Lines of a module that make a Jinja environment that is not the sandbox."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            name = (
                function.attr
                if isinstance(function, ast.Attribute)
                else getattr(function, "id", "")
            )
            if name in ("Environment", "SandboxedEnvironment", "Template"):
                yield node.lineno


def test_every_template_environment_is_the_sandbox() -> None:
    """The bundled templates (handout, email, workshop, preview, new) run in it too."""
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "generator").rglob("*.py"))
        for line in _environment_calls(path)
    ]
    assert found == []


# --- a property: whatever expression a template writes, nothing outside it happens --------

FORBIDDEN = (
    "open",
    "os.",
    "subprocess.",
    "shutil.",
    "import",
    "exec",
    "compile",
    "ctypes.",
    "socket.",
    "urllib.",
    "pickle.",
    "marshal.",
    "code.",
    "sys._getframe",
    "object.__setattr__",
    "object.__delattr__",
)

_watching: list[list[str]] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if not _watching or not event.startswith(FORBIDDEN):
        return
    # Jinja compiles and runs a stand-in frame at the template's line to show where an error
    # happened; that is not the template running code.
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename.endswith(os.path.join("jinja2", "debug.py")):
            return
        frame = frame.f_back
    _watching[-1].append(event)


@pytest.fixture(scope="module")
def watch() -> Iterator[list[list[str]]]:
    sys.addaudithook(_audit)
    yield _watching


NAMES = ["guide", "cycler", "joiner", "namespace", "range", "dict", "_", "long_date", "self"]
ATTRIBUTES = [
    "__class__",
    "__init__",
    "__globals__",
    "__mro__",
    "__subclasses__",
    "__dict__",
    "__builtins__",
    "__import__",
    "__func__",
    "__self__",
    "__code__",
    "__reduce_ex__",
    "_TemplateReference__context",
    "os",
    "system",
    "popen",
    "path",
    "parent",
    "steps",
    "body",
    "title",
    "checked",
    "write_text",
    "read_text",
    "read_bytes",
    "open",
    "unlink",
    "touch",
    "mkdir",
    "joinpath",
    "iterdir",
    "glob",
    "resolve",
    "home",
    "cwd",
    "rename",
    "format",
    "format_map",
    "mro",
    "key_line",
    "items",
    "update",
    "pop",
    "append",
    "fromtimestamp",
    "environment",
    "globals",
    "loader",
    "gi_frame",
    "f_globals",
    "eval",
]
ARGUMENTS = ["", '"x"', "0", '"/tmp"', "guide", '"{0.__class__}"']
FILTERS = [
    # The project's own filters, given anything at all.
    "inline",
    "links",
    "need_links",
    "link_view",
    "wordwrap(10)",
    "addresses",
    # Jinja's, which look attributes up or format values themselves.
    "attr('__globals__')",
    "map(attribute='__class__')|list",
    "sort(attribute='__init__')",
    "groupby('__class__')|list",
    "sum(attribute='__class__')",
    "format('%s')",
    "tojson",
    "pprint",
    "string",
    "list",
    "first",
    "xmlattr",
    "selectattr('__class__')|list",
]


@st.composite
def expressions(draw: st.DrawFn) -> str:
    """A chain of lookups, calls and filters starting from a name a template can see."""
    text = draw(st.sampled_from(NAMES))
    for _ in range(draw(st.integers(1, 6))):
        step = draw(st.integers(0, 5))
        attribute = draw(st.sampled_from(ATTRIBUTES))
        if step == 0:
            text += f".{attribute}"
        elif step == 1:
            text += f"[{draw(st.sampled_from(['0', '1', repr(attribute)]))}]"
        elif step == 2:
            text += f"({draw(st.sampled_from(ARGUMENTS))})"
        elif step == 3:
            text = f"({text}|attr({attribute!r}))"
        elif step == 4:
            text = f"({text}|{draw(st.sampled_from(FILTERS))})"
        else:
            text = f'"{{0.{attribute}}}".format({text})'
    return text


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(expression=expressions())
def test_no_expression_reaches_outside_the_template(
    watch: list[list[str]], expression: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    import jinja2

    from generator.parse import load_guide
    from generator.render.pdf.template import handout_environment

    folder = _property_folder(tmp_path_factory)
    # The handout's environment: the shared one and the handout's own filters.
    environment = handout_environment(None, "en")
    try:
        template = environment.from_string("{{ " + expression + " }}")
    except jinja2.TemplateSyntaxError:
        return
    guide = load_guide(folder / "small.md")
    before = sorted(os.listdir(folder))
    events: list[str] = []
    watch.append(events)
    try:
        template.render(guide=guide)
    except Exception:  # any refusal is fine: what matters is that nothing happened
        pass
    finally:
        watch.pop()
    assert events == [], f"{expression} caused {events}"
    assert sorted(os.listdir(folder)) == before
    assert (folder / "small.md").read_text(encoding="utf-8") == MINIMAL


_folders: dict[str, Path] = {}


def _property_folder(factory: pytest.TempPathFactory) -> Path:
    """One folder with a guide for every example (a fresh one each would be slow)."""
    if "folder" not in _folders:
        folder = factory.mktemp("sandbox")
        _guide(folder)
        _folders["folder"] = folder
        # Everything a render loads lazily (dates, catalogs) is loaded before watching.
        from generator.parse import load_guide
        from generator.render.environment import template_environment

        environment = template_environment(None, "en")
        environment.from_string("{{ long_date(guide.checked) }}{{ _('Steps') }}").render(
            guide=load_guide(folder / "small.md")
        )
    return _folders["folder"]
