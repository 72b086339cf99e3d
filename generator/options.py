"""The options that shape what a command makes, and ``guide.toml``, read in one place.

``HandoutOptions`` (paper, print size, templates, branding) is what every command that makes
a handout shares; ``guide build``'s options add to it. ``guide.toml`` in the working directory
holds defaults for any command-line option: top-level keys apply to every command that has
that option, a table such as ``[send]`` to one command; options given on the command line
win. Each default is written once, in ``generator.defaults``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Self

from generator import defaults
from generator.i18n import ui_gettext as _
from generator.i18n import ui_ngettext as ngettext
from generator.problems import GuideError
from generator.text import ONE_LINE, hidden_character

FORMATS = defaults.FORMATS
"""Every output format, in the order they are built (the .eml attaches the PDF)."""


@dataclass(frozen=True)
class HandoutOptions:
    """What shapes a handout: paper, print size, templates and branding."""

    paper: str = defaults.PAPER
    """``a4`` or ``letter``."""
    large_print: bool = False
    """Print at 18 pt or more for readers with low vision."""
    templates: Path | None = None
    """A folder searched before the bundled templates."""
    org: str | None = None
    """Organisation name printed on every handout."""
    logo: Path | None = None
    """Organisation logo (PNG or JPEG) for the handout."""
    contact: str | None = None
    """A contact line (phone, email or address) for the handout."""
    base_url: str | None = None
    """The web edition's address (``--base-url``), as a browser writes it and ending in ``/``:
    every handout and email then points to its guide's page there
    (``parse.web_address.guide_address``)."""

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> HandoutOptions:
        """The handout options from option values by name (typed, or from guide.toml)."""
        return cls(
            paper=str(values.get("paper") or defaults.PAPER).lower(),
            large_print=bool(values.get("large_print", False)),
            templates=Path(values["templates"]) if values.get("templates") else None,
            org=values.get("org"),
            logo=Path(values["logo"]) if values.get("logo") else None,
            contact=values.get("contact"),
            base_url=values.get("base_url") or None,
        )

    @classmethod
    def made_from(cls, handout: HandoutOptions, **more: Any) -> Self:
        """These options (a command's own, built on the handout's) from a handout's and more."""
        shared = {each.name: getattr(handout, each.name) for each in fields(HandoutOptions)}
        return cls(**shared, **more)


@dataclass(frozen=True)
class BuildOptions(HandoutOptions):
    """Everything that changes what a build writes: the handout's options, and more."""

    out: Path = defaults.OUT
    """Folder the files are written to."""
    formats: tuple[str, ...] = FORMATS
    """The formats to build."""
    sender: str | None = None
    """The .eml's From address."""
    recipient: str | None = None
    """The .eml's To address."""
    story: bool = False
    """Also write the handout's intermediate XML story, for template authors."""


MAX_SIZE = 64 * 1024
"""Largest guide.toml read, in bytes: a settings file is a few lines."""
MAX_DEPTH = 3
"""Deepest nesting read: a table such as [send] holding a list of names."""


def _depth(value: Any) -> int:
    """How deeply tables and lists nest in a TOML value (without recursion)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return deepest


def _line_of(text: str, key: str, table: bool = False, within: str | None = None) -> int | None:
    """The line ``key = ...`` (or, for a table, ``[key]``) is on; ``within`` a table's lines
    (``[workshop]`` to the next table) when given, else the first such line anywhere."""
    pattern = re.compile(
        rf"^\s*\[\s*{re.escape(key)}\s*\]" if table else rf"^\s*{re.escape(key)}\s*="
    )
    header = re.compile(r"^\s*\[\s*([^\]]*?)\s*\]")
    inside = within in (None, "")  # "": the top-level keys, before any table
    for number, line in enumerate(text.split("\n"), start=1):
        opened = header.match(line)
        if within is not None and opened:
            inside = opened.group(1).strip("\"'") == within
            continue
        if inside and pattern.match(line):
            return number
    return None


def _refuse_password(path: Path, text: str, key: str, table: str) -> None:
    """A password in a settings file ends up in backups and screenshots: refuse it."""
    if "password" in key.lower():
        raise GuideError(
            path,
            _line_of(text, key, within=table),
            _(
                "'%(key)s': a password must not be kept in %(file)s; set %(variable)s "
                "or type it when 'guide send' asks"
            )
            % {"key": key, "file": path.name, "variable": "GUIDE_SMTP_PASSWORD"},
        )


def _kind_words(kind: str) -> str:
    """What a value of ``kind`` looks like, said after "must be"."""
    words = {
        # Translators: this and the next four follow "'key' must be" (Polish: narzędnik).
        "flag": _("true or false"),
        "list": _('a list, like ["a", "b"]'),
        "int": _("a whole number"),
        "float": _("a number"),
        "text": _('text in quotes, like "A4"'),
    }
    return words[kind]


def path_kind_problem(value: Path, wanted: str) -> str | None:
    """Why an existing path cannot be used where a ``folder`` or a ``file`` is wanted."""
    from generator.files import kind_name, kind_of

    try:
        kind = kind_of(value.stat().st_mode)
    except (OSError, ValueError):
        return None  # said where it is read
    said = {"value": repr(str(value)), "what": kind_name(kind)}
    if wanted == "folder" and kind != "folder":
        return _("%(value)s is %(what)s, not a folder: give the folder that holds the files") % said
    if wanted == "file" and kind is not None:
        return _("%(value)s is %(what)s, not a file: give a file saved on the disk") % said
    return None


def _checked(path: Path, text: str, key: str, value: Any, kind: str, line: int | None) -> Any:
    """The value if it has the option's kind (a lone text becomes a one-item list)."""
    if kind == "list" and isinstance(value, str):
        value = [value]
    if kind.startswith("choice:"):
        choices = kind.removeprefix("choice:").split("|")
        if not isinstance(value, str) or value.lower() not in choices:
            raise GuideError(
                path,
                line,
                _("'%(key)s' must be one of %(choices)s, not %(value)s")
                % {"key": key, "choices": ", ".join(choices), "value": repr(value)},
            )
        return value
    if kind.startswith("path"):
        if not isinstance(value, str) or not Path(value).exists():
            raise GuideError(
                path,
                line,
                _(
                    "'%(key)s' names %(value)s, which does not exist (a relative path starts "
                    "from the folder %(file)s is in)"
                )
                % {"key": key, "value": repr(value), "file": path.name},
            )
        wrong = path_kind_problem(Path(value), kind.partition(":")[2])
        if wrong:
            raise GuideError(path, line, f"'{key}': {wrong}")
        return value
    for item in value if isinstance(value, list) else [value]:
        hidden = hidden_character(item, allow=ONE_LINE) if isinstance(item, str) else None
        if hidden:
            raise GuideError(
                path,
                line,
                _("'%(key)s' contains %(character)s: delete it")
                % {"key": key, "character": hidden[1]},
            )
    kind, _colon, bounds = kind.partition(":")
    fits = {
        "flag": isinstance(value, bool),
        "list": isinstance(value, list) and all(isinstance(item, str) for item in value),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, int | float) and not isinstance(value, bool),
        "text": isinstance(value, str),
    }[kind]
    said = {"key": key, "kind": _kind_words(kind), "value": repr(value)}
    if not fits:
        raise GuideError(path, line, _("'%(key)s' must be %(kind)s, not %(value)s") % said)
    if bounds:
        low, _colon, high = bounds.partition(":")
        if (low and value < float(low)) or (high and value > float(high)):
            if low and high:
                message = _(
                    "'%(key)s' must be %(kind)s, at least %(low)s and at most %(high)s, "
                    "not %(value)s"
                )
            elif low:
                message = _("'%(key)s' must be %(kind)s, at least %(low)s, not %(value)s")
            else:
                message = _("'%(key)s' must be %(kind)s, at most %(high)s, not %(value)s")
            raise GuideError(path, line, message % {**said, "low": low, "high": high})
    return value


@dataclass(frozen=True)
class Settings:
    """``guide.toml``, read: each command's defaults, and which its own ``[table]`` set."""

    defaults: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Each command's defaults by parameter name: click's ``default_map``."""
    own: dict[str, frozenset[str]] = field(default_factory=dict)
    """The parameters each command's own table sets (not top-level keys)."""
    lines: dict[str, dict[str, int | None]] = field(default_factory=dict)
    """The line of guide.toml each command's default comes from, by parameter name."""

    def where(self, command: str, param: str) -> int | None:
        """The line of guide.toml that gives ``command`` its default for ``param``."""
        return self.lines.get(command, {}).get(param)

    def handout_for_preview(self, typed: Mapping[str, Any]) -> HandoutOptions:
        """The preview's handout: ``guide build``'s settings, then ``[preview]``'s, then typed.

        The preview shows what ``guide build`` makes; a ``[preview]`` table overrides that
        for the preview only, and options typed after ``guide preview`` win over both.
        """
        values = dict(self.defaults.get("build", {}))
        own = self.own.get("preview", frozenset())
        values.update({k: v for k, v in self.defaults.get("preview", {}).items() if k in own})
        values.update(typed)
        return HandoutOptions.from_values(values)


def read_settings(path: Path, options: dict[str, dict[str, tuple[str, str]]]) -> Settings:
    """Read ``path`` (guide.toml): every command's defaults; GuideError at a bad line.

    ``options`` maps each command to the names a key may have (the option as typed, like
    ``format`` for ``--format``, with ``_`` for ``-``) and, for each, the option's parameter
    name and kind: ``flag``, ``list``, ``int``, ``float`` or ``text``. A value of the wrong
    kind is an error at its line.
    """
    import tomllib

    from generator.files import NotAFile, TooLarge, read_file, refusal

    try:
        # Notepad and Word may start the file with a byte-order mark; TOML does not allow one.
        text = read_file(path, MAX_SIZE).decode("utf-8-sig")
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # as reading text does
        data = tomllib.loads(text)
        if _depth(data) > MAX_DEPTH:
            raise RecursionError
    except RecursionError:
        raise GuideError(
            path,
            None,
            ngettext(
                "is nested more than %(count)d level deep: settings are 'key = value' "
                "lines, in [command] tables at most",
                "is nested more than %(count)d levels deep: settings are 'key = value' "
                "lines, in [command] tables at most",
                MAX_DEPTH,
            )
            % {"count": MAX_DEPTH},
        ) from None
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise GuideError(
            path,
            int(match.group(1)) if match else None,
            _("is not valid TOML (%(error)s)") % {"error": exc},
        ) from None
    except TooLarge as exc:
        raise GuideError(
            path,
            None,
            _("is %(size)s KB: a settings file may be at most %(limit)s KB")
            % {"size": str(-(-exc.size // 1024)), "limit": str(MAX_SIZE // 1024)},
        ) from None
    except NotAFile as exc:
        raise GuideError(path, None, _("cannot be read: %(why)s") % {"why": refusal(exc)}) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GuideError(path, None, _("cannot be read (%(reason)s)") % {"reason": exc}) from None
    found: dict[str, dict[str, Any]] = {command: {} for command in options}
    own: dict[str, set[str]] = {command: set() for command in options}
    lines: dict[str, dict[str, int | None]] = {command: {} for command in options}
    every = set().union(*options.values()) if options else set()
    for key, value in data.items():
        name = key.replace("-", "_")
        if isinstance(value, dict):
            if key not in options:
                raise GuideError(
                    path,
                    _line_of(text, key, table=True),
                    _("unknown command [%(command)s]: the commands are %(commands)s")
                    % {"command": key, "commands": ", ".join(sorted(options))},
                )
            for sub_key, sub_value in value.items():
                sub_name = sub_key.replace("-", "_")
                _refuse_password(path, text, sub_key, key)
                if sub_name not in options[key]:
                    raise GuideError(
                        path,
                        _line_of(text, sub_key, within=key),
                        _("'guide %(command)s' has no option '%(option)s'")
                        % {"command": key, "option": sub_key},
                    )
                param, kind = options[key][sub_name]
                line = _line_of(text, sub_key, within=key)
                found[key][param] = _checked(path, text, sub_key, sub_value, kind, line)
                lines[key][param] = line
                own[key].add(param)
            continue
        _refuse_password(path, text, key, "")
        if name not in every:
            raise GuideError(
                path,
                _line_of(text, key, within=""),
                _("no command has an option '%(option)s'") % {"option": key},
            )
        for command, names in options.items():
            if name in names:
                param, kind = names[name]
                line = _line_of(text, key, within="")
                found[command].setdefault(param, _checked(path, text, key, value, kind, line))
                lines[command].setdefault(param, line)
    return Settings(
        {command: values for command, values in found.items() if values},
        {command: frozenset(params) for command, params in own.items() if params},
        {command: where for command, where in lines.items() if where},
    )
