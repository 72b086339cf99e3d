"""Which edition of a guide each person reads: a ``lang`` column picks a translation.

A translation of ``<slug>.md`` is ``<slug>.<lang>.md`` beside it. A person whose language
has no edition gets the guide named on the command line, and the run says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.i18n import primary
from generator.i18n import ui_ngettext as ngettext
from generator.model import Guide
from generator.pipeline import Pipeline
from generator.problems import GuideError, Problem, Severity
from generator.send.recipients import Recipient


@dataclass
class Editions:
    """The guide named on the command line and the translations the recipients need."""

    given: Guide
    """The guide named on the command line: sent to everyone without another edition."""
    by_language: dict[str, Guide] = field(default_factory=dict)
    """Editions by primary language subtag, the given guide among them."""
    missing: set[str] = field(default_factory=set)
    """Languages asked for that have no edition."""

    def for_recipient(self, recipient: Recipient) -> Guide:
        """The edition this person reads."""
        if recipient.lang is None:
            return self.given
        return self.by_language.get(primary(recipient.lang), self.given)

    def all(self) -> list[Guide]:
        """Every edition that may be sent, the given guide first."""
        others = [g for g in self.by_language.values() if g is not self.given]
        return [self.given, *sorted(others, key=lambda g: g.name)]

    def warnings(self, recipients: list[Recipient]) -> list[Problem]:
        """One line for each language asked for that has no edition."""
        problems: list[Problem] = []
        for language in sorted(self.missing):
            who = [r for r in recipients if r.lang and primary(r.lang) == language]
            problems.append(
                Problem(
                    who[0].source,
                    who[0].line,
                    ngettext(
                        "there is no '%(language)s' edition of %(guide)s, so %(count)d person "
                        "gets the %(given)s edition instead",
                        "there is no '%(language)s' edition of %(guide)s, so %(count)d people "
                        "get the %(given)s edition instead",
                        len(who),
                    )
                    % {
                        "language": language,
                        "guide": self.given.slug,
                        "count": len(who),
                        "given": self.given.lang,
                    },
                    severity=Severity.WARNING,
                    option=who[0].option,
                )
            )
        return problems


def load_editions(given: Guide, recipients: list[Recipient], pipeline: Pipeline) -> Editions:
    """The editions the recipients' languages call for, each checked like ``guide check``."""
    editions = Editions(given, {primary(given.lang): given})
    wanted = sorted({primary(r.lang) for r in recipients if r.lang} - {primary(given.lang)})
    folder = given.path.parent
    for language in wanted:
        candidates = [folder / f"{given.slug}.md"] if given.edition is not None else []
        candidates.extend(sorted(folder.glob(f"{given.slug}.{language}*.md")))
        found = None
        for path in candidates:
            if not path.is_file():
                continue
            result = pipeline.check([path], trial_layout=True)
            if result.errors:
                raise GuideError.many(result.errors)
            edition = result.guides[0]
            if primary(edition.lang) == language:
                found = edition
                break
        if found is None:
            editions.missing.add(language)
        else:
            editions.by_language[language] = found
    return editions
