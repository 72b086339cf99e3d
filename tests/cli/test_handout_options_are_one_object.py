"""Every command that makes a handout takes the same handout options, made into one object."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import click
import pytest

from generator import defaults
from generator.cli import HANDOUT_NAMES, cli
from generator.options import BuildOptions, HandoutOptions, Settings
from generator.workshop import WorkshopOptions


def handout_params(command: str) -> dict[str, object]:
    """A command's handout options and their defaults, as ``--help`` shows them."""
    found = cli.commands[command].params
    return {
        p.name: p.default for p in found if isinstance(p, click.Option) and p.name in HANDOUT_NAMES
    }


def test_the_options_are_the_fields_of_one_object() -> None:
    assert tuple(each.name for each in fields(HandoutOptions)) == HANDOUT_NAMES


@pytest.mark.parametrize("command", ["build", "workshop", "send", "preview"])
def test_each_command_that_makes_a_handout_takes_them_all_alike(command: str) -> None:
    assert handout_params(command) == handout_params("build")
    assert handout_params(command)["paper"] == defaults.PAPER == HandoutOptions().paper


def test_build_and_workshop_options_are_handout_options_and_more() -> None:
    handout = HandoutOptions(paper="letter", large_print=True, org="Library")
    build = BuildOptions.made_from(handout, out=Path("x"))
    workshop = WorkshopOptions.made_from(handout, layout="booklet")
    assert (build.paper, build.large_print, build.org, build.out) == (
        "letter",
        True,
        "Library",
        Path("x"),
    )
    assert workshop.handout_options() == BuildOptions.made_from(handout, formats=("pdf",))


def test_the_preview_takes_build_settings_then_its_own_table_then_what_was_typed() -> None:
    read = Settings(
        defaults={
            "build": {"paper": "letter", "org": "Library"},
            "preview": {"org": "Mine", "paper": "letter"},
        },
        own={"preview": frozenset({"org"})},
    )
    assert read.handout_for_preview({}) == HandoutOptions(paper="letter", org="Mine")
    assert read.handout_for_preview({"paper": "A4"}) == HandoutOptions(paper="a4", org="Mine")
