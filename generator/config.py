"""Defaults for any command-line option from ``guide.toml`` in the working directory.

Top-level keys apply to every command that has that option; a table such as
``[send]`` applies to one command. Options given on the command line win.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from generator.characters import hidden_character
from generator.errors import GuideError

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


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, line in enumerate(text.split("\n"), start=1):
        if pattern.match(line):
            return number
    return None


def _refuse_password(path: Path, text: str, key: str) -> None:
    """A password in a settings file ends up in backups and screenshots: refuse it."""
    if "password" in key.lower():
        raise GuideError(
            path,
            _line_of(text, key),
            f"'{key}': a password must not be kept in {path.name}; set GUIDE_SMTP_PASSWORD "
            "or type it when 'guide send' asks",
        )


KIND_WORDS = {
    "flag": "true or false",
    "list": 'a list, like ["a", "b"]',
    "int": "a whole number",
    "float": "a number",
    "text": 'text in quotes, like "A4"',
}


def _checked(path: Path, text: str, key: str, value: Any, kind: str) -> Any:
    """The value if it has the option's kind (a lone text becomes a one-item list)."""
    if kind == "list" and isinstance(value, str):
        value = [value]
    if kind.startswith("choice:"):
        choices = kind.removeprefix("choice:").split("|")
        if not isinstance(value, str) or value.lower() not in choices:
            raise GuideError(
                path,
                _line_of(text, key),
                f"'{key}' must be one of {', '.join(choices)}, not {value!r}",
            )
        return value
    if kind == "path":
        if not isinstance(value, str) or not Path(value).exists():
            raise GuideError(
                path,
                _line_of(text, key),
                f"'{key}' names {value!r}, which does not exist (a relative path starts from "
                "the folder guide.toml is in)",
            )
        return value
    for item in value if isinstance(value, list) else [value]:
        hidden = hidden_character(item, allow=frozenset()) if isinstance(item, str) else None
        if hidden:
            raise GuideError(path, _line_of(text, key), f"'{key}' contains {hidden[1]}: delete it")
    kind, _, bounds = kind.partition(":")
    fits = {
        "flag": isinstance(value, bool),
        "list": isinstance(value, list) and all(isinstance(item, str) for item in value),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, int | float) and not isinstance(value, bool),
        "text": isinstance(value, str),
    }[kind]
    if not fits:
        raise GuideError(
            path, _line_of(text, key), f"'{key}' must be {KIND_WORDS[kind]}, not {value!r}"
        )
    if bounds:
        low, _, high = bounds.partition(":")
        if (low and value < float(low)) or (high and value > float(high)):
            limits = [f"at least {low}"] * bool(low) + [f"at most {high}"] * bool(high)
            raise GuideError(
                path,
                _line_of(text, key),
                f"'{key}' must be {KIND_WORDS[kind]}, {' and '.join(limits)}, not {value!r}",
            )
    return value


def load_defaults(
    path: Path, options: dict[str, dict[str, tuple[str, str]]]
) -> dict[str, dict[str, Any]]:
    """Read ``path`` into click's ``default_map``.

    ``options`` maps each command to the names a key may have (the option as typed, like
    ``format`` for ``--format``, with ``_`` for ``-``) and, for each, the option's parameter
    name and kind: ``flag``, ``list``, ``int``, ``float`` or ``text``. A value of the wrong
    kind is an error at its line.
    """
    try:
        size = path.stat().st_size
        if size > MAX_SIZE:
            raise GuideError(
                path,
                None,
                f"is {-(-size // 1024)} KB: a settings file may be at most {MAX_SIZE // 1024} KB",
            )
        # Notepad and Word may start the file with a byte-order mark; TOML does not allow one.
        text = path.read_text(encoding="utf-8-sig")
        data = tomllib.loads(text)
        if _depth(data) > MAX_DEPTH:
            raise RecursionError
    except RecursionError:
        raise GuideError(
            path,
            None,
            f"is nested more than {MAX_DEPTH} levels deep: settings are 'key = value' "
            "lines, in [command] tables at most",
        ) from None
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise GuideError(
            path, int(match.group(1)) if match else None, f"not valid TOML ({exc})"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GuideError(path, None, f"cannot be read ({exc})") from None
    defaults: dict[str, dict[str, Any]] = {command: {} for command in options}
    every = set().union(*options.values()) if options else set()
    for key, value in data.items():
        name = key.replace("-", "_")
        if isinstance(value, dict):
            if key not in options:
                raise GuideError(
                    path,
                    _line_of(text, f"[{key}]") or None,
                    f"unknown command [{key}]: commands are " + ", ".join(sorted(options)),
                )
            for sub_key, sub_value in value.items():
                sub_name = sub_key.replace("-", "_")
                _refuse_password(path, text, sub_key)
                if sub_name not in options[key]:
                    raise GuideError(
                        path,
                        _line_of(text, sub_key),
                        f"'guide {key}' has no option '{sub_key}'",
                    )
                param, kind = options[key][sub_name]
                defaults[key][param] = _checked(path, text, sub_key, sub_value, kind)
            continue
        _refuse_password(path, text, key)
        if name not in every:
            raise GuideError(path, _line_of(text, key), f"no command has an option '{key}'")
        for command, names in options.items():
            if name in names:
                param, kind = names[name]
                defaults[command].setdefault(param, _checked(path, text, key, value, kind))
    return {command: values for command, values in defaults.items() if values}
