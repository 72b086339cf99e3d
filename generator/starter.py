"""``guide new``: a guide file written from the bundled starter, which ``guide check`` passes.

The starter (``templates/new/guide.md``) has every section, each with a line saying what
goes there, two example steps, a caveat and a question. Its words are translated into the
guide's language where a catalog is shipped; headings carry their ``{#id}`` in any language
but English, so the parser finds the sections whatever they are called.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from functools import lru_cache
from pathlib import Path

from generator.errors import GuideError, Problem
from generator.i18n import primary
from generator.i18n import ui_gettext as _
from generator.model import Guide

STARTER_FOLDER = Path(__file__).resolve().parent / "templates" / "new"
STARTER = "guide.md"


def _yaml_text(value: str) -> str:
    """A front-matter value: as typed when YAML reads it back unchanged, else double-quoted."""
    import yaml

    try:
        if value == value.strip() and yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def starter_text(title: str, lang: str, today: dt.date) -> str:
    """The text of a new guide: the starter in ``lang``, titled, checked today."""
    import jinja2

    from generator.i18n import translations_for
    from generator.render.sandbox import TemplateSandbox

    environment = TemplateSandbox(
        loader=jinja2.FileSystemLoader(str(STARTER_FOLDER)),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
    )
    environment.install_gettext_translations(  # type: ignore[attr-defined]
        translations_for(lang), newstyle=True
    )
    environment.filters["yaml"] = _yaml_text
    english = primary(lang) == "en"
    return environment.get_template(STARTER).render(
        title=title,
        lang=lang,
        today=today.isoformat(),
        section_id=lambda name: "" if english else f" {{#{name}}}",
    )


def new_guide_problems(slug: str, title: str, lang: str) -> list[str]:
    """What stops a guide being started with this slug, title and language."""
    from generator.i18n import LANGUAGE_NAMES
    from generator.parse import SLUG
    from generator.parse.frontmatter import LANG_TAG

    problems: list[str] = []
    if not SLUG.match(slug):
        problems.append(
            _(
                "'{slug}' cannot name a guide: use lower-case letters, digits and hyphens, "
                "like 'lock-your-phone'"
            ).format(slug=slug)
        )
    if not title.strip() or "\n" in title:
        problems.append(_("the title must be one line of text"))
    if not LANG_TAG.match(lang):
        problems.append(
            _("'{lang}' is not a language code: use one like en, en-GB, cy or pl").format(lang=lang)
        )
    elif primary(lang) in LANGUAGE_NAMES:
        problems.append(
            _(
                "guides in {language} cannot be made yet: the handout cannot lay out its "
                "letters correctly"
            ).format(language=LANGUAGE_NAMES[primary(lang)])
        )
    return problems


def write_new_guide(folder: Path, slug: str, title: str, lang: str, today: dt.date) -> Path:
    """Write ``folder/slug.md`` from the starter; never replace a file that is there.

    The text is staged beside its final name and linked into place, so the file appears
    complete or not at all, and a file made meanwhile by someone else is never replaced.
    """
    from generator.build import stage

    path = folder / f"{slug}.md"
    if path.exists():
        raise GuideError(
            path, None, _("this file is already there; nothing was changed (pick another name)")
        )
    text = starter_text(title, lang, today)
    from generator.parse import parse_guide

    # The starter passes as written; a title it cannot hold (an invisible character, too
    # long for a page) is refused here with guide check's own words, before any file exists.
    parse_guide(text, path)
    made = _make_folder(folder)
    try:
        temp = stage(path, text.encode("utf-8"))
    except OSError as exc:
        if made:
            folder.rmdir()
        raise GuideError(
            path, None, _("cannot write here ({reason})").format(reason=exc.strerror or exc)
        ) from None
    try:
        os.link(temp, path)
    except FileExistsError:
        raise GuideError(
            path, None, _("this file is already there; nothing was changed (pick another name)")
        ) from None
    except OSError as exc:
        temp.unlink(missing_ok=True)
        if made:
            folder.rmdir()
        raise GuideError(
            path, None, _("cannot write here ({reason})").format(reason=exc.strerror or exc)
        ) from None
    finally:
        temp.unlink(missing_ok=True)
    return path


def _make_folder(folder: Path) -> bool:
    """Make the guide's folder if it is missing, like ``mkdir``: never the folders above it.

    A mistyped ``--dir`` should not quietly make a tree of folders. Returns True when the
    folder was made here.
    """
    if folder.is_dir():
        return False
    parent = folder.parent
    if not parent.is_dir():
        raise GuideError(
            folder,
            None,
            _(
                "there is no folder {parent} to make this folder in: check the name, or make "
                "that folder first"
            ).format(parent=parent),
        )
    try:
        folder.mkdir()
    except OSError as exc:
        raise GuideError(
            folder, None, _("cannot write here ({reason})").format(reason=exc.strerror or exc)
        ) from None
    return True


MESSAGE = re.compile(r'_\("([^"]*)"\)')
"""A ``_("…")`` in the starter: the words of one example."""


@lru_cache(maxsize=8)
def _examples(lang: str) -> tuple[frozenset[str], str]:
    """The starter's example lines of the body in ``lang``, and its example summary.

    Read from the starter's own ``_("…")`` words (no Jinja), so ``guide check`` stays light.
    """
    from generator.i18n import catalog_path

    translated = _catalog_words(catalog_path(lang)) if primary(lang) != "en" else {}
    examples: set[str] = set()
    summary = ""
    for line in (STARTER_FOLDER / STARTER).read_text(encoding="utf-8").split("\n"):
        words = [translated.get(text) or text for text in MESSAGE.findall(line)]
        if line.startswith("summary:"):
            summary = words[0]
        elif not line.startswith(("#", "title:")):
            examples.update(words)
    return frozenset(examples), summary


def _catalog_words(path: Path) -> dict[str, str]:
    """Each message and its translation in a catalog: enough of a .po reader for the starter.

    Babel reads catalogs for everything else; ``guide check`` does not load it for this.
    """
    import ast

    words: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return words
    for entry in text.split("\n\n"):
        if "#, fuzzy" in entry:
            continue
        parts: dict[str, str] = {}
        field = ""
        for line in entry.split("\n"):
            if line.startswith(("msgid ", "msgstr ")):
                field, _space, line = line.partition(" ")
                parts[field] = ""
            if field and line.startswith('"'):
                parts[field] += ast.literal_eval(line)
        if parts.get("msgid") and parts.get("msgstr"):
            words[parts["msgid"]] = parts["msgstr"]
    return words


def starter_leftovers(guide: Guide) -> list[Problem]:
    """A warning for each part of a guide that still holds the starter's example text.

    The starter passes ``guide check`` as written, so that a new guide can be previewed at
    once; these warnings keep it from being called ready while its placeholder words remain.
    """
    from generator.parse import read_text

    try:
        text = read_text(guide.path)
    except GuideError:
        return []
    examples, summary = _examples(guide.lang)
    advice = _("replace it with your own")
    problems: list[Problem] = []
    if guide.summary.strip() == summary:
        what = _("the summary still has the example text from 'guide new'")
        problems.append(_leftover(guide, guide.key_line("summary"), what, advice))
    items = {item.line: ("step", item.number) for item in guide.steps}
    items.update({item.line: ("caveat", item.number) for item in guide.caveats})
    items.update({item.line: ("question", item.number) for item in guide.questions})
    lines = text.split("\n")
    start = lines.index("---", 1) + 1 if lines and lines[0] == "---" and "---" in lines[1:] else 0
    part: tuple[str, object] = ("intro", None)
    reported: set[tuple[str, object]] = set()
    for number, line in enumerate(lines[start:], start=start + 1):
        stripped = line.strip()
        if stripped.removeprefix("- ") in examples and part not in reported:
            reported.add(part)
            problems.append(_leftover(guide, number, _part_words(*part), advice))
        elif stripped.startswith("### "):
            part = items.get(number, part)
        elif stripped.startswith("## "):
            part = ("section", re.sub(r"\s*\{#[^}]*\}\s*$", "", stripped[3:]).strip())
    return problems


def _part_words(kind: str, which: object) -> str:
    forms = {
        "intro": _("the introduction still has the example text from 'guide new'"),
        "section": _("the section '{title}' still has the example text from 'guide new'"),
        "step": _("step {number} still has the example text from 'guide new'"),
        "caveat": _("caveat {number} still has the example text from 'guide new'"),
        "question": _("question {number} still has the example text from 'guide new'"),
    }
    return forms[kind].format(title=which, number=which)


def _leftover(guide: Guide, line: int | None, what: str, advice: str) -> Problem:
    return Problem(guide.path, line, f"{what}: {advice}", severity="warning")
