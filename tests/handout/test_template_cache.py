"""Compiled templates are kept between runs, never served stale, and only ever our own.

The cache holds compiled code, so a file in it someone else wrote must never run: it is used
only in a folder of our own that no one else can write, and each file is sealed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.guides import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st


def small_guide(folder: Path) -> Path:
    """The smallest guide, written into ``folder``."""
    from helpers.guides import MINIMAL

    guide = folder / "small.md"
    guide.write_text(MINIMAL, encoding="utf-8")
    return guide


def _build(
    guide: Path, out: Path, cache: Path, templates: Path
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GUIDE_CACHE_DIR": str(cache)}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            str(guide),
            "--out",
            str(out),
            "--format",
            "txt",
            "--templates",
            str(templates),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )


def build_text(guide: Path, out: Path, cache: Path, templates: Path) -> str:
    done = _build(guide, out, cache, templates)
    assert done.returncode == 0, done.stderr
    assert "compiled templates are not kept" not in done.stderr, done.stderr
    return (out / "small.txt").read_text("utf-8")


def test_cache_is_filled_and_an_edited_template_is_used_at_once(tmp_path: Path) -> None:
    guide = small_guide(tmp_path)
    templates = tmp_path / "templates" / "email"
    templates.mkdir(parents=True)
    override = templates / "guide.txt"
    override.write_text(
        '{% extends "email/base.txt" %}{% block footer %}FIRST {{ guide.version }}{% endblock %}'
    )
    cache = tmp_path / "cache"
    assert "FIRST" in build_text(guide, tmp_path / "a", cache, tmp_path / "templates")
    assert list((cache / "templates").glob("*.cache")), "compiled templates were not kept"
    override.write_text(
        '{% extends "email/base.txt" %}{% block footer %}SECOND {{ guide.version }}{% endblock %}'
    )
    text = build_text(guide, tmp_path / "b", cache, tmp_path / "templates")
    assert "SECOND" in text and "FIRST" not in text


def test_an_unwritable_cache_folder_is_not_a_failure(tmp_path: Path) -> None:
    guide = small_guide(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    templates = tmp_path / "none"
    templates.mkdir()
    assert "Step 1 of 1" in build_text(guide, tmp_path / "out", blocker, templates)


# --- the cache is ours alone, and a file in it that we did not write runs nothing ---------


def _bundled_keys() -> list[str]:
    """The cache keys of the bundled templates a text build loads."""
    from jinja2.bccache import BytecodeCache

    from generator.render.environment import BUNDLED

    names = ["email/guide.txt", "email/base.txt", "email/blocks.txt"]
    return [BytecodeCache().get_cache_key(name, str(BUNDLED / name)) for name in names]


class _Plant:
    """Unpickled, it makes a folder: proof that a planted file ran."""

    def __init__(self, mark: Path) -> None:
        self.mark = mark

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (str(self.mark),))


def _plant(folder: Path, mark: Path) -> None:
    """Files a stranger could leave in a cache folder: Jinja's own format with a pickle that
    runs code, compiled code that would run when loaded, and damaged files."""
    import marshal
    import pickle

    from jinja2.bccache import bc_magic

    from generator.render.template_cache import FORMAT

    code = compile(f"import os\nos.mkdir({str(mark)!r})\n", "<planted>", "exec")
    folder.mkdir(parents=True, exist_ok=True)
    for key in _bundled_keys():
        (folder / f"__jinja2_{key}.cache").write_bytes(bc_magic + pickle.dumps(_Plant(mark), 2))
        (folder / f"{key}.cache").write_bytes(FORMAT + bytes(64) + marshal.dumps(code))
    (folder / "key").write_bytes(b"a key anyone could read")
    os.chmod(folder / "key", 0o644)


def test_a_planted_cache_file_runs_nothing_and_is_replaced(tmp_path: Path) -> None:
    guide = small_guide(tmp_path)
    cache = tmp_path / "cache"
    mark = tmp_path / "PLANTED-CODE-RAN"
    _plant(cache / "templates", mark)
    text = build_text(guide, tmp_path / "a", cache, tmp_path)
    assert not mark.exists(), "a planted cache file ran"
    assert "Step 1 of 1" in text
    # The planted files were written over with our own, and the key made private again.
    assert os.stat(cache / "templates" / "key").st_mode & 0o077 == 0
    assert "Step 1 of 1" in build_text(guide, tmp_path / "b", cache, tmp_path)
    assert not mark.exists()


def test_a_cache_folder_others_can_write_to_is_made_private(tmp_path: Path) -> None:
    guide = small_guide(tmp_path)
    cache = tmp_path / "cache"
    (cache / "templates").mkdir(parents=True)
    os.chmod(cache / "templates", 0o777)
    build_text(guide, tmp_path / "out", cache, tmp_path)
    assert os.stat(cache / "templates").st_mode & 0o777 == 0o700


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_cache_folder_of_another_user_is_not_used(tmp_path: Path) -> None:
    guide = small_guide(tmp_path)
    cache = tmp_path / "cache"
    mark = tmp_path / "PLANTED-CODE-RAN"
    _plant(cache / "templates", mark)
    os.chmod(cache / "templates", 0o777)
    for path in [cache / "templates", *(cache / "templates").iterdir()]:
        os.chown(path, 65534, 65534)
    before = sorted(path.name for path in (cache / "templates").iterdir())
    done = _build(guide, tmp_path / "out", cache, tmp_path)
    assert done.returncode == 0, done.stderr
    assert (
        f"{cache / 'templates'}: warning: compiled templates are not kept here (the folder "
        "belongs to another user)"
    ) in done.stderr
    assert not mark.exists()
    assert sorted(path.name for path in (cache / "templates").iterdir()) == before


def test_a_cache_folder_that_is_a_link_is_not_used(tmp_path: Path) -> None:
    guide = small_guide(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "templates").symlink_to(elsewhere)
    done = _build(guide, tmp_path / "out", cache, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "warning: compiled templates are not kept here (it is a link)" in done.stderr
    assert list(elsewhere.iterdir()) == []


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_damaged_cache_file_is_ignored_never_run_or_a_crash(data: st.DataObject) -> None:
    """Any change to a sealed file (a flipped byte, a cut, garbage) leaves the template to be
    compiled again; only the file as written loads."""
    import tempfile

    from jinja2.bccache import Bucket

    from generator.render.environment import template_environment
    from generator.render.template_cache import SealedBytecodeCache

    environment = template_environment(None)
    with tempfile.TemporaryDirectory() as folder:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            cache = SealedBytecodeCache(descriptor, b"k" * 32)
            written = Bucket(environment, "abc", "checksum")
            written.code = compile("answer = 42\n", "<template>", "exec")
            cache.dump_bytecode(written)
            path = Path(folder) / "abc.cache"
            original = path.read_bytes()
            damaged = data.draw(
                st.one_of(
                    st.binary(max_size=400),
                    st.integers(0, len(original) - 1).map(lambda n: original[:n]),
                    st.tuples(st.integers(0, len(original) - 1), st.integers(1, 255)).map(
                        lambda change: (
                            original[: change[0]]
                            + bytes([original[change[0]] ^ change[1]])
                            + original[change[0] + 1 :]
                        )
                    ),
                )
            )
            path.write_bytes(damaged)
            loaded = Bucket(environment, "abc", "checksum")
            cache.load_bytecode(loaded)
            assert loaded.code is None
            path.write_bytes(original)
            cache.load_bytecode(loaded)
            assert loaded.code == written.code
        finally:
            os.close(descriptor)
