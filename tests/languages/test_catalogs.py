"""Every fixed word the tool prints is translated in every shipped catalog."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from helpers.guides import ROOT, SHIPPED

from generator.i18n import LOCALE_DIR, shipped_languages

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


@lru_cache(maxsize=1)
def extracted() -> dict[str | tuple[str, str], str]:
    """Every message in the code and templates now, mapped to where it is used."""
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[str | tuple[str, str], str] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
        str(ROOT / "generator"),
        [(pattern.removeprefix("generator/"), method) for pattern, method in method_map],
        {key.removeprefix("generator/"): value for key, value in options_map.items()},
        keywords={"_": None, "ngettext": (1, 2)},
    ):
        key = message if isinstance(message, str) else (message[0], message[1])
        found.setdefault(key, f"{filename}:{line}")
    return found


def catalog(lang: str) -> Catalog:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "guide.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def test_the_shipped_languages_are_the_promised_ones() -> None:
    assert set(shipped_languages()) == {"en", *SHIPPED}


def test_the_template_for_translators_is_up_to_date() -> None:
    with (LOCALE_DIR / "guide.pot").open("rb") as handle:
        template = read_po(handle)
    in_template = {m.id if isinstance(m.id, str) else tuple(m.id) for m in template if m.id}
    missing = sorted(str(k) for k in extracted() if k not in in_template)
    assert not missing, f"run the README's 'Adding a language' extract step; new: {missing}"


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_message_is_translated(lang: str) -> None:
    messages = {m.id if isinstance(m.id, str) else tuple(m.id): m for m in catalog(lang) if m.id}
    problems: list[str] = []
    for key, where in extracted().items():
        message = messages.get(key)
        if message is None:
            problems.append(f"{where}: {key!r} is not in the {lang} catalog")
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not strings or not all(strings):
            problems.append(f"{where}: {key!r} is not translated into {lang}")
            continue
        if message.fuzzy:
            problems.append(f"{where}: {key!r} is marked fuzzy in {lang}")
        wanted = placeholders(key if isinstance(key, str) else key[1])
        for string in strings:
            if placeholders(string) - wanted or (
                isinstance(key, str) and placeholders(string) != wanted
            ):
                problems.append(f"{where}: {lang} {string!r} changes the placeholders of {key!r}")
    assert not problems, "\n".join(problems)


def test_a_language_named_by_a_path_loads_no_catalog_from_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``LANGUAGE=/some/dir`` is no language: the words stay English, and no file outside the
    bundled catalogs is read for them."""
    import secrets
    import shutil

    from helpers.cli import run_split
    from helpers.guides import MINIMAL

    # A folder named with letters only: a language tag is cut at '-', '_' and '.'.
    kit = Path("/tmp") / f"guidekit{secrets.token_hex(6)}"
    (kit / "LC_MESSAGES").mkdir(parents=True)
    try:
        (kit / "LC_MESSAGES" / "guide.po").write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            'msgid "%(path)s: ok (%(counts)s)"\nmsgstr "%(path)s: PLANTED (%(counts)s)"\n',
            encoding="utf-8",
        )
        guide = tmp_path / "small.md"
        guide.write_text(MINIMAL, encoding="utf-8")
        monkeypatch.setenv("LANGUAGE", str(kit))
        code, out, err = run_split("check", str(guide))
    finally:
        shutil.rmtree(kit)
    assert code == 0, err
    assert out == f"{guide}: ok (1 step, 0 caveats, 0 questions)\n"
