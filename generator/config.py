"""Defaults for any command-line option from ``guide.toml`` in the working directory.

Top-level keys apply to every command that has that option; a table such as
``[send]`` applies to one command. Options given on the command line win.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from generator.errors import GuideError

CONFIG_NAME = "guide.toml"


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


def load_defaults(path: Path, options: dict[str, set[str]]) -> dict[str, dict[str, Any]]:
    """Read ``path`` into click's ``default_map``; ``options`` maps command → option names."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
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
                defaults[key][sub_name] = sub_value
            continue
        _refuse_password(path, text, key)
        if name not in every:
            raise GuideError(path, _line_of(text, key), f"no command has an option '{key}'")
        for command, names in options.items():
            if name in names:
                defaults[command].setdefault(name, value)
    return {command: values for command, values in defaults.items() if values}
