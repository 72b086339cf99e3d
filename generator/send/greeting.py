"""Whether the sender's note opens with a greeting of its own ("Hi all,", "Dear Grandad,").

Such a note opens the message itself: the tool's "Dear NAME," steps aside, so nobody reads
"Dear Grandad, / I'll come round on Sunday / Hi all,".
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.i18n import ui_gettext as _
from generator.i18n import ui_ngettext as ngettext
from generator.problems import Problem, Severity
from generator.send.composed import Composed

GREETING_WORDS = (
    # English
    "hi", "hello", "hey", "hiya", "dear", "dearest", "greetings",
    "good morning", "good afternoon", "good evening",
    # Welsh
    "annwyl", "helo", "haia", "shwmae", "s'mae", "bore da", "prynhawn da", "noswaith dda",
    # German
    "hallo", "liebe", "lieber", "liebes", "lieben", "servus", "moin",
    "guten morgen", "guten tag", "guten abend", "grüß gott",
    # Spanish
    "hola", "querido", "querida", "queridos", "queridas", "estimado", "estimada",
    "estimados", "estimadas", "buenos días", "buenas tardes", "buenas noches",
    # French
    "bonjour", "bonsoir", "salut", "coucou", "cher", "chère", "chers", "chères",
    # Polish
    "cześć", "hej", "witaj", "witajcie", "witam", "drogi", "droga", "drodzy", "kochany",
    "kochana", "kochani", "dzień dobry", "szanowny", "szanowna", "szanowni",
    # Ukrainian
    "привіт", "вітаю", "добрий день", "доброго дня", "добрий ранок", "доброго ранку",
    "добрий вечір", "дорогий", "дорога", "дорогі", "любий", "люба", "любі",
    "шановний", "шановна", "шановні",
)  # fmt: skip
"""Words a greeting opens with, in English and every language the tool ships."""

_OPENS_WITH_GREETING = re.compile(
    r"(?:" + "|".join(re.escape(w) for w in sorted(GREETING_WORDS, key=len, reverse=True)) + r")"
    r"(?![\w'\u2019-])",
    re.IGNORECASE,
)
LONGEST = 60
"""A greeting ends within this many characters, at a comma, "!" or the end of its line."""


def own_greeting(note: str | None) -> str | None:
    """The greeting a note opens with ("Hi all,"), or None when it has none."""
    if not note or not note.strip():
        return None
    first = note.strip().split("\n", 1)[0].strip()
    if not _OPENS_WITH_GREETING.match(first):
        return None
    ended = re.match(r"[^,!]*[,!]", first)
    if ended and len(ended.group()) <= LONGEST:
        return ended.group()
    return first if len(first) <= LONGEST else None


def greeting_warnings(messages: list[Composed], note_file: Path | None) -> list[Problem]:
    """A line saying which notes open the messages with their own greeting.

    The note for everyone (from ``note_file``, else ``--note``) gets one line; a person's own
    note in the list gets a line at its row.
    """
    problems: list[Problem] = []
    general = [m for m in messages if m.own_greeting and not own_greeting(m.recipient.note)]
    if general:
        problems.append(
            Problem(
                note_file,
                None,
                ngettext(
                    "the note opens with its own greeting (%(greeting)s), so it starts "
                    "%(count)d message instead of the usual greeting by name",
                    "the note opens with its own greeting (%(greeting)s), so it starts "
                    "%(count)d messages instead of the usual greeting by name",
                    len(general),
                )
                % {"greeting": repr(general[0].own_greeting), "count": len(general)},
                severity=Severity.WARNING,
                option=None if note_file else "--note",
            )
        )
    for message in messages:
        if own := own_greeting(message.recipient.note):
            problems.append(
                Problem(
                    message.recipient.source,
                    message.recipient.line,
                    _(
                        "this person's note opens with its own greeting (%(greeting)s), so it "
                        "starts their message instead of the usual greeting by name"
                    )
                    % {"greeting": repr(own)},
                    severity=Severity.WARNING,
                    option=message.recipient.option,
                )
            )
    return problems
