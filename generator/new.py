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


def new_guide_problems(slug: str, title: str, lang: str) -> list[str]:
    """What stops a guide being started with this slug, title and language."""
    from generator.i18n import LANGUAGE_NAMES
    from generator.parse import MAX_SLUG, SLUG, is_not_a_guide
    from generator.parse.frontmatter import LANG_TAG

    problems: list[str] = []
    if not SLUG.match(slug):
        problems.append(
            _(
                "'{slug}' cannot name a guide: use lower-case letters, digits and hyphens, "
                "like 'lock-your-phone'"
            ).format(slug=slug)
        )
    elif len(slug) > MAX_SLUG:
        problems.append(
            _(
                "'{slug}…' is {length} characters long: a guide's name may have at most "
                "{limit} (it names every file built from the guide)"
            ).format(slug=slug[:40], length=len(slug), limit=MAX_SLUG)
        )
    elif is_not_a_guide(Path(f"{slug}.md")):
        problems.append(
            _(
                "'{slug}' cannot name a guide: every command skips {file}, which holds notes "
                "about a folder, never a guide; pick another name"
            ).format(slug=slug, file=f"{slug.upper()}.md")
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
    try:
        folder.mkdir()
    except OSError as exc:
        raise GuideError(
            folder, None, _("cannot write here ({reason})").format(reason=exc.strerror or exc)
        ) from None
    return True
