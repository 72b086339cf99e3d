"""The checks made before anything else: the guide, the sender, the note, the server settings."""

from __future__ import annotations

from pathlib import Path

from generator.filekinds import HEAD_BYTES, FileKind, Kind, sniff
from generator.i18n import ui_gettext as _
from generator.model import Guide
from generator.parse.addresses import named_address_problem, split_named_address
from generator.pipeline import Pipeline
from generator.problems import GuideError, Problem, Severity
from generator.send.recipients import too_large
from generator.send.smtp import SmtpSettings, settings_problem
from generator.text import FREE_TEXT, hidden_character


def load_guide(path: Path, pipeline: Pipeline) -> tuple[Guide, list[Problem]]:
    """The checked guide and its warnings (an old 'checked' date is worth seeing first)."""
    if path.is_dir():
        raise GuideError(path, None, _("give one guide file to send, not a folder"))
    result = pipeline.check([path], trial_layout=True)
    if result.errors:
        raise GuideError.many(result.errors)
    return result.guides[0], result.warnings


def check_sender(sender: str | None) -> str:
    """The sender as given (``Name <address>`` or an address), checked like a recipient."""
    if not sender:
        raise GuideError.in_option(
            "--from",
            _(
                "give your own address with --from (or 'from' under "
                "[send] in guide.toml): it is who your relatives see the email is from"
            ),
        )
    if problem := named_address_problem(sender):
        raise GuideError.in_option("--from", problem)
    return sender.strip()


def sender_warnings(sender: str) -> list[Problem]:
    """A warning when the sender's own domain looks mistyped: replies would go nowhere."""
    from generator.parse.domains import domain_warning

    warning = domain_warning(envelope_sender(sender))
    return [Problem.in_option("--from", warning, Severity.WARNING)] if warning else []


MAX_NOTE_BYTES = 64 * 1024
"""Largest note file read (64 KB): a note is a few lines above the guide."""


def read_note(note: str | None, note_file: Path | None) -> str | None:
    """The note for everyone, from ``--note`` or ``--note-file``; None if there is none."""
    if note is not None and note_file is not None:
        raise GuideError.in_option("--note", _("give --note or --note-file, not both"))
    if note_file is not None:
        from generator.files import NotAFile, TooLarge, read_file, refusal

        try:
            data = read_file(note_file, MAX_NOTE_BYTES)
            if wrong := _not_a_note(sniff(data[:HEAD_BYTES], note_file.suffix)):
                raise GuideError(note_file, None, wrong)
            note = data.decode("utf-8-sig")
            note = note.replace("\r\n", "\n").replace("\r", "\n")  # as reading text does
        except TooLarge as error:
            raise GuideError.many([too_large(note_file, error.size, MAX_NOTE_BYTES)]) from None
        except FileNotFoundError:
            raise GuideError(note_file, None, _("no such file")) from None
        except NotAFile as error:
            if error.kind == "folder":
                folder = _not_a_note(FileKind(Kind.FOLDER)) or refusal(error)
                raise GuideError(note_file, None, folder) from None
            why = _("cannot be read: %(why)s") % {"why": refusal(error)}
            raise GuideError(note_file, None, why) from None
        except (OSError, UnicodeDecodeError) as error:
            raise GuideError(
                note_file, None, _("cannot be read as UTF-8 text (%(error)s)") % {"error": error}
            ) from None
    if note is None:
        return None
    note = note.replace("\r\n", "\n")
    if hidden := hidden_character(note, FREE_TEXT):
        why = _("the note contains %(character)s") % {"character": hidden[1]}
        raise GuideError.many(
            [Problem(note_file, None, why, option=None if note_file else "--note")]
        )
    return note.strip() or None


def _not_a_note(kind: FileKind) -> str | None:
    """Why ``--note-file`` cannot be a file of this kind, saying what it is; None for text."""
    if kind.kind is Kind.EMPTY:
        return _(
            "the note file is empty: write your note in it and save it, or leave out --note-file"
        )
    if kind.kind is Kind.TEXT:
        return None
    return _(
        "this is %(kind)s, not a note: --note-file wants a plain text file (.txt); save your "
        "note as plain text (UTF-8)"
    ) % {"kind": kind.describe()}


def check_settings(settings: SmtpSettings | None) -> None:
    """Refuse to send without a server, or with a password that would cross in the clear."""
    if settings is None or not settings.host:
        raise GuideError.in_option(
            "--smtp-host",
            _(
                "give your mail server with --smtp-host (or "
                "'smtp-host' under [send] in guide.toml) to send"
            ),
        )
    if problem := settings_problem(settings):
        raise GuideError.in_option("--smtp-host", problem)


def envelope_sender(sender: str) -> str:
    """The bare address of a checked sender, for the SMTP envelope."""
    parts = split_named_address(sender)
    assert parts is not None
    return parts[1]
