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
from dataclasses import dataclass, replace
from pathlib import Path

from generator.check.leftovers import STARTER, STARTER_FOLDER
from generator.i18n import primary
from generator.i18n import ui_gettext as _
from generator.problems import GuideError


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


FOLDED_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "Đ": "D",
        "\u0131": "i",  # Turkish dotless i
        "þ": "th",
        "ð": "d",
    }
)
"""Latin letters that do not come apart into a plain letter and an accent."""
MAX_SLUG = 60
"""Longest name ``guide new`` gives a guide (it names every file built from it, with more
after it); a longer one typed is refused and offered cut short at a word."""


def slug_for(text: str) -> str | None:
    """A guide's name made from a title: 'Spot a fake parcel text' → 'spot-a-fake-parcel-text'.

    None when the text has no Latin letters or digits to make one from.
    """
    import re
    import unicodedata

    from generator.parse import SLUG

    plain = unicodedata.normalize("NFKD", text.translate(FOLDED_LETTERS))
    words = re.sub(r"[^a-z0-9]+", "-", plain.encode("ascii", "ignore").decode().lower())
    slug = words.strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug[: MAX_SLUG + 1]
        whole_words = cut.rsplit("-", 1)[0] if "-" in cut else ""
        # Cut at a word unless that leaves little of the name (one very long word).
        slug = whole_words if len(whole_words) > MAX_SLUG // 2 else cut[:MAX_SLUG].rstrip("-")
    return slug if SLUG.match(slug) else None


def looks_like_title(text: str) -> bool:
    """True when a name typed where the slug goes reads like a title: words and spaces."""
    return " " in text.strip()


def offered_slug(slug: str, title: str | None) -> str | None:
    """The name to offer for a slug that cannot name a guide: made from it, else the title."""
    from generator.parse import SLUG

    if SLUG.match(slug) and len(slug) <= MAX_SLUG:
        return None
    return slug_for(slug) or (slug_for(title) if title else None)


def new_guide_problems(slug: str, title: str | None, lang: str) -> list[str]:
    """Everything that stops a guide being started with this slug, title and language.

    ``title`` is None when it was not given and there is no terminal to ask on.
    """
    from generator.i18n import LANGUAGE_NAMES
    from generator.parse import SLUG, is_not_a_guide
    from generator.parse.frontmatter import LANG_TAG, LONGEST

    problems: list[str] = []
    why = None
    if not SLUG.match(slug):
        why = _(
            "'{slug}' cannot name a guide: use lower-case letters, digits and hyphens, "
            "like 'lock-your-phone'"
        ).format(slug=slug)
    elif len(slug) > MAX_SLUG:
        why = _(
            "'{slug}' is {count} characters long, too long to name a guide: it names every "
            "file made from it, so use at most {longest}"
        ).format(slug=slug, count=len(slug), longest=MAX_SLUG)
    elif is_not_a_guide(Path(f"{slug}.md")):
        why = _(
            "'{slug}' cannot name a guide: every command skips {file}, which holds notes "
            "about a folder, never a guide; pick another name"
        ).format(slug=slug, file=f"{slug.upper()}.md")
    if why is not None:
        offered = offered_slug(slug, title)
        if offered:
            why += " " + _("(did you mean '{offered}'?)").format(offered=offered)
        problems.append(why)
    if title is None:
        problems.append(_("give the title with --title (there is no terminal to ask on)"))
    elif not title.strip() or "\n" in title:
        problems.append(_("the title must be one line of text"))
    elif len(title.strip()) > LONGEST["title"]:
        problems.append(
            _(
                "the title is {count} characters long, more than a page can show: shorten it "
                "to at most {longest}"
            ).format(count=len(title.strip()), longest=LONGEST["title"])
        )
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


@dataclass(frozen=True)
class NewGuide:
    """What ``guide new`` was asked for."""

    slug: str
    """The name given for the file (``lock-your-phone``), maybe a title by mistake."""
    title: str | None
    """The title, when given."""
    lang: str
    """The language code."""
    folder: Path
    """The folder to write into."""
    lang_given: bool = False
    """True when ``--lang`` was typed (it is not asked for then)."""
    folder_given: bool = False
    """True when ``--dir`` was typed (it is repeated in a command to retry)."""


def settle_new_guide(asked: NewGuide, ask: bool) -> tuple[NewGuide, list[str]]:
    """The guide to write, after asking on a terminal for what is missing, and every problem.

    A name that cannot name a guide is offered made into one (``Spot a fake parcel text`` →
    ``spot-a-fake-parcel-text``): asked about on a terminal, else said with the command to
    type, beside every other problem at once. The problems are lines ready to print.
    """
    import click

    offered = offered_slug(asked.slug, asked.title)
    # Text typed where the name goes is most likely the title, when none was given.
    meant_title = asked.title.strip() if asked.title is not None else None
    if meant_title is None and offered and looks_like_title(asked.slug):
        meant_title = asked.slug.strip()
    settled = asked
    if ask:
        question = _("'{slug}' cannot name a guide. Use '{offered}' instead?")
        if offered and click.confirm(question.format(slug=asked.slug, offered=offered), True):
            settled, offered = replace(settled, slug=offered), None
        # Asked only when the name and language are good: nothing typed is then wasted.
        if settled.title is None and not new_guide_problems(settled.slug, "-", settled.lang):
            title = click.prompt(_("Title"), default=meant_title)
            lang = settled.lang
            if not settled.lang_given:
                lang = click.prompt(_("Language code (like en-GB, cy or pl)"), default=lang)
            settled = replace(settled, title=title, lang=lang)
    if settled.title is not None:
        settled = replace(settled, title=settled.title.strip())
    problems = [
        f"error: {problem}"
        for problem in new_guide_problems(settled.slug, settled.title, settled.lang)
    ]
    retry = replace(settled, slug=offered or settled.slug, title=meant_title)
    if problems and offered and not new_guide_problems(retry.slug, retry.title, retry.lang):
        # The command that works, when the name (and the title) were all that was wrong.
        problems.append(_("Try: {command}").format(command=_command_to_retry(retry)))
    return settled, problems


def _command_to_retry(guide: NewGuide) -> str:
    """The ``guide new`` command line to type instead, quoted for a shell."""
    import shlex

    def quoted(text: str) -> str:
        # Double quotes read the same in a POSIX shell, cmd and PowerShell when nothing
        # inside them is special to any of those.
        if text and not any(mark in text for mark in '"$`\\!%'):
            return f'"{text}"' if " " in text or "'" in text else text
        return shlex.quote(text)

    words = ["guide", "new", guide.slug]
    if guide.title:
        words += ["--title", quoted(guide.title)]
    if guide.lang_given:
        words += ["--lang", quoted(guide.lang)]
    if guide.folder_given:
        words += ["--dir", quoted(str(guide.folder))]
    return " ".join(words)


def write_new_guide(folder: Path, slug: str, title: str, lang: str, today: dt.date) -> Path:
    """Write ``folder/slug.md`` from the starter; never replace a file that is there.

    The text is staged beside its final name and linked into place, so the file appears
    complete or not at all, and a file made meanwhile by someone else is never replaced.
    """
    from generator.publish import stage

    path = folder / f"{slug}.md"
    there = os.path.lexists(path)
    try:
        os.stat(folder)  # a folder's name too long, or a path through a file, said here
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise GuideError(
            path, None, _("cannot write here ({reason})").format(reason=exc.strerror or exc)
        ) from None
    if there:
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
    from generator.options import path_kind_problem

    if wrong := path_kind_problem(folder, "folder"):  # a device, a pipe or a file of that name
        raise GuideError(folder, None, wrong)
    try:
        folder.mkdir()
    except OSError as exc:
        raise GuideError(
            folder, None, _("cannot write here ({reason})").format(reason=exc.strerror or exc)
        ) from None
    return True
