"""The rules behind ``guide check``: everything that must hold before a guide is used."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator import clock, defaults
from generator.check.leftovers import starter_leftovers
from generator.model import Guide, all_blocks, iter_images, iter_links
from generator.problems import GuideError, Problem, Severity, has_errors, strictly


@dataclass
class CheckResult:
    """The guides that can be used, and every problem found on the way."""

    guides: list[Guide] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a guide being used."""
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """The problems worth a look that do not stop anything."""
        return [problem for problem in self.problems if problem.severity is Severity.WARNING]

    @property
    def notes(self) -> list[Problem]:
        """What was left out on purpose, like a README.md named among the guides."""
        return [problem for problem in self.problems if problem.severity is Severity.NOTE]


def skipped_notes(paths: list[Path]) -> list[Problem]:
    """A one-line note for each README.md (or CHANGELOG.md, LICENSE.md) named as a guide."""
    from generator.i18n import ui_gettext as _
    from generator.parse import is_not_a_guide

    return [
        Problem(
            path,
            None,
            _("skipped: a file named %(name)s holds notes, never a guide") % {"name": path.name},
            severity=Severity.NOTE,
        )
        for path in dict.fromkeys(paths)
        if not path.is_dir() and is_not_a_guide(path)
    ]


def content_problems(
    guide: Guide, today: dt.date, max_age: int, trial_layout: bool = True
) -> list[Problem]:
    """Problems with a parsed guide's content: its dates and its links.

    ``trial_layout`` lays out a guide with a large part on large-print pages; ``build`` and
    ``workshop`` turn it off, because they lay the handout out themselves and report the
    same error for the same guide.
    """
    problems: list[Problem] = []
    if guide.checked > today:
        problems.append(
            Problem(
                guide.path,
                guide.key_line("checked"),
                f"'checked' is {guide.checked.isoformat()}, a date in the future: give the day "
                "the steps were really checked",
            )
        )
    elif (today - guide.checked).days > max_age:
        age = (today - guide.checked).days
        problems.append(
            Problem(
                guide.path,
                None,
                f"the steps were last checked {age} days ago ({guide.checked.isoformat()}); "
                "apps change, so follow them again and update 'checked'",
                severity=Severity.WARNING,
            )
        )
    problems.extend(_language_problems(guide))
    problems.extend(_mistyped_sections(guide))
    problems.extend(starter_leftovers(guide))
    problems.extend(_printing_problems(guide))
    problems.extend(_footer_problems(guide))
    problems.extend(_email_size_problems(guide))
    if trial_layout and not has_errors(problems):
        pages: tuple[str, ...] = HANDOUT_PAGES if _could_overflow(guide) else ()
        pages += BOOKLET_PAGES if _could_overflow_booklet(guide) else ()
        if pages:
            problems.extend(_layout_problems(guide, pages))
    blocks = all_blocks(guide)
    for link in iter_links(blocks + guide.facilitator):
        if link.url.lower().startswith("http://"):
            problems.append(
                Problem(
                    guide.path,
                    None,
                    f"the link {link.url} is not secure (http): use the https address if the "
                    "site has one",
                    severity=Severity.WARNING,
                )
            )
    return problems


def _mistyped_sections(guide: Guide) -> list[Problem]:
    """A section printed as written whose name looks like a known section's, mistyped."""
    from generator.i18n import translations_for
    from generator.parse.body import meant_section

    problems: list[Problem] = []
    for section in guide.sections:
        meant = meant_section(section.title, guide.lang)
        if meant is not None:
            _ = translations_for(guide.lang).gettext
            problems.append(
                Problem(
                    guide.path,
                    section.line,
                    _(
                        "'## %(heading)s' is printed as a section of its own, as written: "
                        "did you mean '## %(meant)s'?"
                    )
                    % {"heading": section.title, "meant": meant[1]},
                    severity=Severity.WARNING,
                )
            )
    return problems


def _footer_problems(guide: Guide) -> list[Problem]:
    """A title (or short title) that would take two lines in a footer it is printed in."""
    from generator.render.text_width import footers_wrapping
    from generator.scripts import is_rtl, needs_shaping

    width_of = None
    rtl = is_rtl(guide.lang)
    if rtl or needs_shaping(guide.title + (guide.short_title or "")):
        # Measured as the footer sets it: shaped, in its script's font (and direction).
        from generator.render.pdf.shaped import shaped_width

        width_of = partial(shaped_width, bold=True, rtl=rtl, lang=guide.lang)
    wrapping = footers_wrapping(guide.title, guide.short_title, width_of)
    if not wrapping:
        return []
    where = " and ".join(wrapping)
    if guide.short_title is not None:
        return [
            Problem(
                guide.path,
                guide.key_line("short_title"),
                f"'short_title' is too long for the footer of {where} "
                f"('{guide.short_title}'), so it takes two lines there: shorten it to about "
                "20 letters",
                severity=Severity.WARNING,
            )
        ]
    return [
        Problem(
            guide.path,
            guide.key_line("title"),
            f"the title is too long for one line of the footer of {where}, so it takes two "
            "lines there: add a 'short_title:' of about 20 letters for the footers",
            severity=Severity.WARNING,
        )
    ]


def _printing_problems(guide: Guide) -> list[Problem]:
    """What would stop the handout or the email later: characters and pictures.

    Cheap checks only (a data file of the fonts' characters; a picture's size and header
    before it is decoded), so ``guide check`` stays fast and a guide it passes is one
    ``guide build`` makes.
    """
    from generator.parse.pictures import MAX_GUIDE_PICTURES, picture_problem
    from generator.render.glyphs import glyph_problems

    problems = glyph_problems(guide)
    seen: set[Path] = set()
    total = 0
    for image in iter_images(all_blocks(guide)):
        if image.path not in seen:
            seen.add(image.path)
            problem = picture_problem(image.path, image.source)
            if problem:
                problems.append(Problem(guide.path, image.line or None, problem))
                continue
            total += image.path.stat().st_size
            if total > MAX_GUIDE_PICTURES:
                problems.append(
                    Problem(
                        guide.path,
                        image.line or None,
                        f"with the picture '{image.source}' the guide's pictures take "
                        f"{total / (1024 * 1024):.1f} MB, too much for one email (at most "
                        f"{MAX_GUIDE_PICTURES // (1024 * 1024)} MB together): use fewer or "
                        "smaller pictures",
                    )
                )
                break
    return problems


EMAIL_SIZE_FROM = 5000
"""Guides from this many bytes have their email's HTML made, to measure it: below, even
the most markup-heavy Markdown (a list of one-letter items, about 20 bytes of HTML for each
byte) stays far under Gmail's limit."""


def _email_size_problems(guide: Guide) -> list[Problem]:
    """An email ``guide build`` would refuse for its size (Gmail clips it), found first."""
    try:
        if guide.path.stat().st_size < EMAIL_SIZE_FROM:
            return []
    except OSError:
        return []
    from generator.options import BuildOptions
    from generator.render.email import render_email_html
    from generator.verify.html import size_problems

    markup = render_email_html(guide, BuildOptions())
    return [
        Problem(guide.path, None, message, severity)
        for severity, message in size_problems(len(markup.encode("utf-8")))
    ]


HANDOUT_PAGES = ("a4", "letter")
"""The pages ``check`` lays a guide out on, in large print (the least room a handout from
``guide build`` has): what fits there fits in normal print too."""
BOOKLET_PAGES = ("a5", "half-letter")
"""The half-size pages of a workshop's booklet or two-up pack: less room still. A part that
does not fit there is a warning (the guide's handouts are fine; such a pack is refused)."""


ROOMY_ITEM = 12.0
"""An item (step, caveat, question) estimated at fewer lines than this, with its link cards
and pictures, fits any large-print page with room to spare; only a guide with a larger one
is laid out by ``check`` (which loads the typesetter, and so takes a few tenths of a second)."""


LONG_CAPTION = 200
"""A picture's description (printed under it) up to this many characters leaves the
picture room on any page, booklet pages in large print included."""
LONG_LINK_CARD = 120
"""A link whose words and address together are at most this many characters makes a link
card that fits a large-print booklet page, even in a caveat's box (the shortest that does
not was about 160)."""


def _could_overflow(guide: Guide) -> bool:
    """A cheap, generous estimate: could some part of the handout be taller than a page?"""
    from generator.model import Paragraph, plain_text

    # The heading box (title, summary, facts) fits within the front matter's limits, which a
    # test lays out at their longest on half-size large-print pages.
    for item in (*guide.steps, *guide.caveats, *guide.questions):
        links = len(iter_links(item.body))
        pictures = len(iter_images(item.body))
        words = sum(
            len(plain_text(block.children)) for block in item.body if isinstance(block, Paragraph)
        )
        lines = len(item.title) / 25 + words / 40 + 6 * links + 10 * pictures
        if lines >= ROOMY_ITEM or links > 1:
            return True
    # Anywhere in the handout, a picture's description (its caption) can be long enough that
    # no page holds it with the picture, however small the picture is made.
    return any(len(image.alt) > LONG_CAPTION for image in iter_images(all_blocks(guide)))


def _could_overflow_booklet(guide: Guide) -> bool:
    """A cheap, generous estimate: could a part be taller than a large-print booklet page?

    Pictures are made smaller to fit; what cannot be is a long description under one, or a
    link card (its words and its address beside the QR code, in a narrow column).
    """
    from generator.model import plain_text

    blocks = all_blocks(guide)
    if any(len(image.alt) > LONG_CAPTION for image in iter_images(blocks)):
        return True
    return any(
        len(plain_text(link.children)) + len(link.url) > LONG_LINK_CARD
        for link in iter_links(blocks)
    )


def _layout_problems(guide: Guide, pages: tuple[str, ...]) -> list[Problem]:
    """Parts of a guide too large for one page (a step with several long links, say), found by
    laying the handout out (without writing it) in large print on ``pages``: as ``guide build
    --large-print`` would, and as a large-print workshop booklet would (a warning there: only
    such a pack refuses it)."""
    from generator.options import BuildOptions
    from generator.render.pdf import handout_story, lay_out_story, story_sources

    options = BuildOptions(large_print=True)
    sources = story_sources((guide,), None)
    for page in pages:
        try:
            story, origin = handout_story(guide, options, paper=page, large_print=True)
            lay_out_story(
                story,
                page=page,
                large_print=True,
                origin=origin,
                subject=guide.path,
                sources=sources,
                draw=False,
            )
        except GuideError as error:
            if page in HANDOUT_PAGES:
                return list(error.problems)
            return [
                Problem(
                    problem.path,
                    problem.line,
                    f"{problem.message} ('guide workshop' in large print refuses it in a "
                    "booklet or two-up pack; a single pack and the handouts are fine)",
                    Severity.WARNING,
                )
                for problem in error.problems
            ]
    return []


def _language_problems(guide: Guide) -> list[Problem]:
    """Languages and scripts the outputs cannot carry, and languages the tool cannot speak yet."""
    from generator.i18n import LANGUAGE_NAMES, has_catalog, language_name, primary
    from generator.parse import read_text
    from generator.scripts import is_rtl, script_mixes, unsupported_script

    lang_line = guide.key_line("lang")
    name = LANGUAGE_NAMES.get(primary(guide.lang))
    if name is not None:
        return [
            Problem(
                guide.path,
                lang_line,
                f"guides in {name} ('{guide.lang}') cannot be made yet: its letters need "
                "joining, reordering or right-to-left layout that the handout does not do, "
                "and printing them wrongly would mislead readers",
            )
        ]
    problems: list[Problem] = []
    try:
        text = read_text(guide.path)
    except GuideError:
        text = ""
    found = unsupported_script(text)
    if found is not None:
        offset, character, script = found
        problems.append(
            Problem(
                guide.path,
                text[:offset].count("\n") + 1,
                f"'{character}' (U+{ord(character):04X}) is {script} script, which the handout "
                "cannot print correctly (it needs joining, reordering or right-to-left layout "
                "that the handout does not do): leave it out or describe it in words",
            )
        )
    for offset, message in script_mixes(text):
        problems.append(
            Problem(guide.path, text[:offset].count("\n") + 1, message, Severity.WARNING)
        )
    if not has_catalog(guide.lang):
        # Printed on a mirrored page, English still reads left to right: say so.
        direction = ", left to right on its right-to-left pages" if is_rtl(guide.lang) else ""
        problems.append(
            Problem(
                guide.path,
                lang_line,
                f"the tool's own words (headings, 'Step 1 of 5', the footer) are not translated "
                f"into {language_name(guide.lang)} yet, so they will be in English{direction}; "
                "see README to add a language",
                severity=Severity.WARNING,
            )
        )
    return problems


def _items(noun: str, count: int) -> str:
    """``4 steps``, ``1 caveat``: a count of a guide's items, in the user's language."""
    from generator.i18n import ui_ngettext as ngettext

    forms = {
        "step": ngettext("%(count)d step", "%(count)d steps", count),
        "caveat": ngettext("%(count)d caveat", "%(count)d caveats", count),
        "question": ngettext("%(count)d question", "%(count)d questions", count),
    }
    return forms[noun] % {"count": count}


def _item(noun: str, number: int, title: str) -> str:
    """``step 3 'Open the app'``: one item of a guide, named."""
    from generator.i18n import ui_gettext as _

    forms = {
        "step": _("step %(number)d '%(title)s'"),
        "caveat": _("caveat %(number)d '%(title)s'"),
        "question": _("question %(number)d '%(title)s'"),
    }
    return forms[noun] % {"number": number, "title": title}


def translation_problems(original: Guide, translation: Guide) -> list[Problem]:
    """A translation must have the original's items, links and pictures, and be as fresh."""
    from generator.i18n import ui_gettext as _

    problems: list[Problem] = []
    path = translation.path
    for noun, theirs, ours in (
        ("step", original.steps, translation.steps),
        ("caveat", original.caveats, translation.caveats),
        ("question", original.questions, translation.questions),
    ):
        counts = {"ours": _items(noun, len(ours)), "original": original.path, "theirs": len(theirs)}
        if len(ours) < len(theirs):
            missing = "; ".join(_item(noun, i.number, i.title) for i in theirs[len(ours) :])
            problems.append(
                Problem(
                    path,
                    None,
                    _(
                        "this translation has %(ours)s but the original %(original)s has "
                        "%(theirs)d: missing %(missing)s"
                    )
                    % {**counts, "missing": missing},
                )
            )
        elif len(ours) > len(theirs):
            extra = "; ".join(_item(noun, i.number, i.title) for i in ours[len(theirs) :])
            problems.append(
                Problem(
                    path,
                    ours[len(theirs)].line,
                    _(
                        "this translation has %(ours)s but the original %(original)s has "
                        "%(theirs)d: %(extra)s is not in the original"
                    )
                    % {**counts, "extra": extra},
                )
            )
    their_links = [link.url for link in iter_links(all_blocks(original))]
    our_links = [link.url for link in iter_links(all_blocks(translation))]
    if sorted(their_links) != sorted(our_links):
        lost = sorted(set(their_links) - set(our_links))
        added = sorted(set(our_links) - set(their_links))
        detail = (
            "; ".join(
                [
                    *(f"missing {url}" for url in lost),
                    *(f"not in the original: {url}" for url in added),
                ]
            )
            or "a link appears a different number of times"
        )
        problems.append(
            Problem(path, None, f"the links differ from the original {original.path}: {detail}")
        )
    their_images = sorted(image.path for image in iter_images(all_blocks(original)))
    our_images = sorted(image.path for image in iter_images(all_blocks(translation)))
    if their_images != our_images:
        problems.append(
            Problem(
                path,
                None,
                f"the pictures differ from the original {original.path}: a translation shows "
                "the same pictures (translate their descriptions, not the files)",
            )
        )
    if original.checked > translation.checked:
        problems.append(
            Problem(
                path,
                None,
                f"the original was checked on {original.checked.isoformat()}, after this "
                f"translation ({translation.checked.isoformat()}): it may be out of date; "
                "compare them and update 'checked'",
                severity=Severity.WARNING,
            )
        )
    return problems


def check_paths(
    paths: list[Path],
    today: dt.date | None = None,
    max_age: int = defaults.MAX_AGE,
    strict: bool = False,
    trial_layout: bool = True,
) -> CheckResult:
    """Parse and check every guide named by ``paths``; collect all problems, never raise.

    ``trial_layout``: see ``content_problems``.
    """
    from generator.parse import find_guides, load_guide

    today = today or clock.today()
    result = CheckResult()
    seen: dict[str, Path] = {}
    files = find_guides(paths)
    result.problems.extend(skipped_notes(paths))
    if not files:
        for path in paths:
            result.problems.append(
                Problem(path, None, "no guides found here (guides are .md files)")
            )
    for path in files:
        try:
            guide = load_guide(path)
        except GuideError as error:
            result.problems.extend(error.problems)
            continue
        problems = content_problems(guide, today, max_age, trial_layout)
        if guide.name in seen:
            problems.append(
                Problem(
                    path,
                    None,
                    f"the slug '{guide.name}' is already used by {seen[guide.name]}: "
                    "two guides would write the same files; rename one",
                )
            )
        else:
            seen[guide.name] = path
        if strict:
            problems = strictly(problems)
        result.problems.extend(problems)
        if not has_errors(problems):
            result.guides.append(guide)
    _check_translations(result, strict)
    return result


def _check_translations(result: CheckResult, strict: bool) -> None:
    """Compare every translation with its original (loaded from beside it if not given)."""
    from generator.parse import load_guide

    originals = {guide.slug: guide for guide in result.guides if guide.edition is None}
    keep: list[Guide] = []
    for guide in result.guides:
        if guide.edition is None:
            keep.append(guide)
            continue
        original = originals.get(guide.slug)
        if original is None:
            original_path = guide.path.with_name(f"{guide.slug}.md")
            try:
                original = load_guide(original_path)
            except GuideError:
                result.problems.append(
                    Problem(
                        guide.path,
                        None,
                        f"this is a translation of {original_path}, which is missing or has "
                        "errors: a translation needs its original beside it",
                    )
                )
                continue
        problems = translation_problems(original, guide)
        if strict:
            problems = strictly(problems)
        result.problems.extend(problems)
        if not has_errors(problems):
            keep.append(guide)
    result.guides = keep
