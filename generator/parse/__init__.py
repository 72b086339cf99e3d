"""Read guide files (Markdown with YAML front matter) into the model."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from generator.filekinds import HEAD_BYTES, FileKind, Kind, sniff
from generator.model import Guide
from generator.parse.pictures import MAX_PICTURE_BYTES
from generator.problems import GuideError, Problem
from generator.scripts import is_rtl
from generator.text import hidden_character

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_GUIDE_BYTES = 256 * 1024
"""Largest guide file read (256 KB; a long guide is about 10 KB): checked before reading."""
IGNORED_NAMES = frozenset({"readme.md", "changelog.md", "license.md"})
MAX_SLUG = 100
"""Longest name a guide's file may have before ``.md`` (in characters): it names every file
built from it, and a file system holds names of at most 255 bytes, temporary names included."""


def file_key(path: Path) -> Path:
    """The real location of a file, to tell two names of one file apart from two files.

    A symbolic link that points in a circle has no real location; its own absolute name is
    used, and reading it reports the loop.
    """
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def find_guides(paths: list[Path]) -> list[Path]:
    """The guide files named by some paths: files as given, folders' ``*.md`` files sorted.

    README.md (in any case, named or in a folder) is never a guide; nor are CHANGELOG.md,
    LICENSE.md, or files in a folder starting with ``_`` or ``.``.
    """
    found: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        # The same file named twice (``content content/x.md``) is one guide, not a duplicate.
        key = file_key(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

    for path in paths:
        if path.is_dir():
            # "Guide.MD" is found too, so the file-name rule can say what to rename it to; a
            # named pipe or a link to a device is found too, and said, never passed over.
            for child in sorted(p for p in path.iterdir() if p.suffix.lower() == ".md"):
                if (
                    not child.is_dir()
                    and child.name.lower() not in IGNORED_NAMES
                    and not child.name.startswith(("_", "."))
                ):
                    add(child)
        elif not is_not_a_guide(path):
            add(path)
    return found


def is_not_a_guide(path: Path) -> bool:
    """True for a README.md (any case), CHANGELOG.md or LICENSE.md: notes, never a guide."""
    return path.name.lower() in IGNORED_NAMES


def split_name(path: Path) -> tuple[str, str | None]:
    """The slug and, for a translation named ``<slug>.<lang>.md``, its language."""
    stem = path.name[: -len(".md")] if path.name.endswith(".md") else path.stem
    slug, _, edition = stem.partition(".")
    return slug, edition or None


def read_text(path: Path) -> str:
    """A guide file's text, or a GuideError saying why it cannot be read."""
    from generator.files import NotAFile, TooLarge, read_file, refusal

    try:
        data = read_file(path, MAX_GUIDE_BYTES)
    except TooLarge as exc:
        raise GuideError(
            path,
            None,
            f"the file is {-(-exc.size // 1024):,} KB, too large for a guide (at most "
            f"{MAX_GUIDE_BYTES // 1024} KB): a guide is a few pages; split it into several",
        ) from None
    except FileNotFoundError:
        if path == Path("content"):
            raise GuideError(
                path,
                None,
                "there is no content/ folder here: run guide in the folder that holds it, "
                "or name the guide files or folders to use",
            ) from None
        raise GuideError(path, None, no_such_guide(path)) from None
    except NotAFile as exc:
        if exc.kind == "folder":
            raise GuideError(path, None, "this is a folder, not a guide file") from None
        raise GuideError(path, None, f"cannot be read: {refusal(exc)}") from None
    except OSError as exc:
        raise GuideError(path, None, f"cannot be read ({exc.strerror})") from None
    wrong = why_not_a_guide(path, sniff(data[:HEAD_BYTES], path.suffix))
    if wrong:
        raise GuideError(path, None, wrong)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GuideError(
            path,
            line,
            "the file is not UTF-8 text (a byte that is not UTF-8 is on this line): "
            "save it as UTF-8 in your editor",
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text


def no_such_guide(path: Path) -> str:
    """``no such file or folder``, with the guide most likely meant (the name without .md)."""
    from generator.filekinds import meant_file
    from generator.i18n import ui_gettext as _

    meant = meant_file(path, ".md")
    if meant is None:
        return _("no such file or folder")
    return _("no such file or folder: did you mean %(path)s?") % {"path": meant}


def why_not_a_guide(path: Path, kind: FileKind) -> str | None:
    """Why a file of this kind cannot be a guide, saying what it is; None for text."""
    from generator import defaults
    from generator.i18n import ui_gettext as _

    if kind.kind in (Kind.GUIDE, Kind.TEXT):
        return None
    if kind.kind is Kind.EMPTY:
        return _(
            "the file is empty: a guide starts with front matter (a line '---', the title, "
            "summary and checked date, then another '---'); 'guide new' writes one to start from"
        )
    if kind.kind is Kind.UTF16:
        return _("the file is saved as UTF-16 text: save it as UTF-8 in your editor")
    if kind.kind is Kind.CSV:
        return _(
            "this is a CSV table, not a guide: guides are Markdown text files (.md); a list "
            "of people to send a guide to goes after --to, as in "
            "'guide send GUIDE.md --to %(name)s'"
        ) % {"name": path.name}
    # A handout, email or message built from a guide: name the guide it was built from.
    source = defaults.CONTENT / f"{split_name(path)[0]}.md"
    if kind.kind is not Kind.SPECIAL and source.is_file() and file_key(source) != file_key(path):
        return _(
            "this is %(kind)s, not a guide: guides are Markdown text files (.md); did you "
            "mean %(guide)s, the guide it was probably made from?"
        ) % {"kind": kind.describe(), "guide": source}
    return _(
        "this is %(kind)s, not a guide: guides are Markdown text files (.md) that start "
        "with front matter"
    ) % {"kind": kind.describe()}


def parse_guide(text: str, path: Path) -> Guide:
    """Build the model of one guide from its text; raise GuideError listing every problem."""
    from generator.parse.body import parse_body
    from generator.parse.frontmatter import read_front_matter, split_front_matter

    problems: list[Problem] = []
    hidden = hidden_character(text)
    if hidden:
        # Reported with everything else in the file, not instead of it.
        offset, what = hidden
        problems.append(
            Problem(
                path,
                text[:offset].count("\n") + 1,
                f"{what} is on this line: delete it (it often comes from copying text out of "
                "another program)",
            )
        )
    slug, edition = split_name(path)
    if not SLUG.match(slug):
        problems.append(
            Problem(
                path,
                None,
                f"the file name '{path.name}' must be lower-case letters, digits and hyphens "
                "(like 'meta-ai-objection.md'): it names every file built from the guide",
            )
        )
    elif len(slug) > MAX_SLUG:
        problems.append(
            Problem(
                path,
                None,
                f"the file name '{path.name}' is {len(slug)} characters long before '.md', "
                f"longer than a guide's name may be (at most {MAX_SLUG}): it names every file "
                "built from the guide; give it a shorter name",
            )
        )
    split = split_front_matter(text, path, problems)
    if split is None:
        raise GuideError.many(problems)
    meta = read_front_matter(split.front, path, problems)
    lang = meta.lang if meta is not None else "en"
    body = parse_body(path, split.body, split.body_first_line, problems, lang)
    if problems or meta is None:
        if not problems:  # pragma: no cover - read_front_matter always says why
            problems.append(Problem(path, 1, "the front matter cannot be used"))
        raise GuideError.many(sorted(problems, key=lambda p: p.line or 0))
    if (
        edition is not None
        and edition.lower() != meta.lang.lower().split("-")[0]
        and (edition.lower() != meta.lang.lower())
    ):
        raise GuideError(
            path,
            None,
            f"the file name says this is the '{edition}' edition but its lang is '{meta.lang}'",
        )
    digest = hashlib.sha256(text.encode("utf-8"))
    for image in body.images:
        # At most one byte past the picture limit: a larger file is refused by the checks.
        digest.update(_picture_head(path, image.path, image.source, image.line))
    return Guide(
        slug=slug,
        path=path,
        lang=meta.lang,
        title=meta.title,
        summary=meta.summary,
        checked=meta.checked,
        minutes=meta.minutes,
        applies_to=meta.applies_to,
        region=meta.region,
        source=meta.source,
        intro=body.intro,
        needs=body.needs,
        steps=body.steps,
        caveats=body.caveats,
        questions=body.questions,
        sections=body.sections,
        facilitator=body.facilitator,
        version=digest.hexdigest()[:8],
        text_direction="rtl" if is_rtl(meta.lang) else "ltr",
        edition=edition,
        key_lines=meta.key_lines,
        short_title=meta.short_title,
    )


def _picture_head(guide: Path, picture: Path, source: str, line: int) -> bytes:
    """A picture's bytes for the guide's version, up to one past the limit; GuideError if the
    file changed into something that cannot be read since it was found."""
    from generator.files import read_head, refusal

    try:
        return read_head(picture, MAX_PICTURE_BYTES + 1)
    except OSError as exc:
        raise GuideError(
            guide, line or None, f"the picture '{source}' cannot be read: {refusal(exc)}"
        ) from None


def load_guide(path: Path) -> Guide:
    """Read and parse one guide file."""
    return parse_guide(read_text(path), path)
