"""Mistakes in guide.toml are told in the user's own language, like every other message."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import run_split
from helpers.guides import FIRST_GUIDE

from generator.options import read_settings
from generator.problems import GuideError

OPTIONS = {
    "build": {"jobs": ("jobs", "int:1:"), "paper": ("paper", "choice:a4|letter")},
    "check": {"max_age": ("max_age", "int:0:400"), "strict": ("strict", "flag")},
}


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("pl", "guide.toml:2: error: 'jobs' musi być liczbą całkowitą, co najmniej 1, a nie 0"),
        ("de", "guide.toml:2: error: 'jobs' muss eine ganze Zahl sein, mindestens 1, nicht 0"),
        ("uk", "guide.toml:2: error: 'jobs' має бути цілим числом, щонайменше 1, а не 0"),
    ],
)
def test_a_bad_value_in_guide_toml_is_said_in_the_users_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, message: str
) -> None:
    (tmp_path / "guide.toml").write_text("[build]\njobs = 0\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANGUAGE", lang)
    code, _, err = run_split("check", str(FIRST_GUIDE))
    assert code == 1
    assert err.splitlines() == [message]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[check]\nmax-age = 500\n", "'max-age' musi być liczbą całkowitą, co najmniej 0 i "),
        ("[check]\nstrict = 1\n", "'strict' musi być wartością true albo false, a nie 1"),
        ('paper = "A3"\n', "'paper' musi mieć jedną z wartości a4, letter, a nie 'A3'"),
        ("[nosuch]\nx = 1\n", "nieznane polecenie [nosuch]: dostępne polecenia to build, check"),
        ("[build]\nlayuot = 1\n", "'guide build' nie ma opcji 'layuot'"),
        ("layuot = 1\n", "żadne polecenie nie ma opcji 'layuot'"),
        ('smtp-password = "x"\n', "'smtp-password': hasła nie wolno przechowywać w guide.toml"),
        ("a = [[[[1]]]]\n", "jest zagnieżdżony głębiej niż na 3 poziomy: ustawienia to wiersze"),
        ("x = \n", "nie jest poprawnym plikiem TOML ("),
    ],
)
def test_every_kind_of_settings_mistake_is_translated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str, message: str
) -> None:
    path = tmp_path / "guide.toml"
    path.write_text(toml, "utf-8")
    monkeypatch.setenv("LANGUAGE", "pl")
    with pytest.raises(GuideError) as raised:
        read_settings(path, OPTIONS)
    assert message in str(raised.value)


def test_an_unknown_table_is_reported_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "guide.toml"
    path.write_text('paper = "a4"\n\n[ nosuch ]\nx = 1\n', "utf-8")
    with pytest.raises(GuideError) as raised:
        read_settings(path, OPTIONS)
    assert str(raised.value).startswith(f"{path}:3: error: unknown command [nosuch]:")
