"""The site's search: Pagefind indexes the guide pages, one bundle per language.

Pagefind (``pagefind`` on PyPI, its program inside the wheel) runs on a copy of the guide
pages only, so the index holds the site's own guides and nothing else in the folder. Each
language gets a bundle of its own (``pagefind/<lang>/``), indexed with that language's word
stemming; a search page loads its language's bundle and merges the others.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from generator.problems import GuideError
from generator.site.plan import SEARCH_BUNDLES

KEPT = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")
"""Pagefind's files a search page uses; its ready-made interfaces (``pagefind-ui.js`` and the
like) are left out, the site has its own search page."""
KEPT_FOLDERS = ("fragment/", "index/", "filter/")
"""Pagefind's folders of index pieces, fetched as the reader types."""
INSTALL = "pip install 'pagefind[bin]'"


def pagefind_program() -> Path:
    """Pagefind's program, from the ``pagefind`` package; GuideError saying how to install it."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        found = None
    else:
        found = get_executable()
    if found is None or not Path(found).is_file():
        raise GuideError(
            Path("guide site"),
            None,
            "the site's search needs Pagefind, which is not installed: run " + INSTALL,
        )
    return Path(found)


def search_version() -> str:
    """Pagefind's version, part of what decides whether the index must be made again."""
    program = pagefind_program()
    done = subprocess.run(
        [str(program), "--version"], capture_output=True, text=True, check=False, timeout=60
    )
    return done.stdout.strip()


def search_bundles(pages: dict[str, dict[str, bytes]]) -> dict[str, bytes]:
    """Pagefind's bundle of each language's pages (``{lang: {path: page}}``), by path in the site.

    The result is the same bytes for the same pages: Pagefind names its pieces by their
    content, and its one list of languages is written in a fixed order here.
    """
    program = pagefind_program()
    files: dict[str, bytes] = {}
    for code, language_pages in sorted(pages.items()):
        with tempfile.TemporaryDirectory(prefix="guide-search-") as folder:
            root = Path(folder) / "site"
            for path, data in language_pages.items():
                target = root / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            bundle = Path(folder) / "bundle"
            done = subprocess.run(
                [
                    str(program),
                    "--site",
                    str(root),
                    "--output-path",
                    str(bundle),
                    "--force-language",
                    code,
                    "--keep-index-url",
                    "--quiet",
                ],
                capture_output=True,
                text=True,
                check=False,
                timeout=600,
            )
            if done.returncode != 0:
                raise GuideError(
                    Path("guide site"),
                    None,
                    f"Pagefind could not index the {code} guides: "
                    + (done.stderr or done.stdout).strip()[-500:],
                )
            files.update(_kept(bundle, f"{SEARCH_BUNDLES}{code}/"))
    return files


def _kept(bundle: Path, prefix: str) -> dict[str, bytes]:
    """The files of a bundle a search page uses, by their path in the site."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    wasm = {f"wasm.{language['wasm']}.pagefind" for language in entry["languages"].values()}
    metas = {f"pagefind.{language['hash']}.pf_meta" for language in entry["languages"].values()}
    kept: dict[str, bytes] = {}
    for path in sorted(bundle.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(bundle).as_posix()
        if name in KEPT or name in wasm or name in metas or name.startswith(KEPT_FOLDERS):
            kept[prefix + name] = path.read_bytes()
    kept[prefix + "pagefind-entry.json"] = json.dumps(
        entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode("utf-8")
    return kept
