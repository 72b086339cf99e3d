"""A list of guides in several languages marks each guide's own words with its language and keeps
the page's own words (its facts and dates) in the page's language, in one date format; a
language named inside a sentence is written as its readers write it there; the site's words
come in a language the tool speaks."""

from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from helpers.cli import run
from helpers.site import SITE_GUIDES, build_site, copy_guides

FRENCH = textwrap.dedent(
    """\
    ---
    title: Gardez une copie de vos photos
    summary: Une deuxième copie de vos photos les garde si le téléphone est perdu ou cassé.
    lang: fr
    checked: 2026-09-14
    minutes: 15
    applies_to: [Windows 11]
    ---

    Les photos gardées sur un seul téléphone disparaissent avec lui.

    ## Étapes {#steps}

    ### Branchez le téléphone sur l'ordinateur
    Utilisez le câble du chargeur. Déverrouillez le téléphone.

    ### Ouvrez l'application Photos
    Tapez `Photos` dans la barre de recherche.

    ### Choisissez Importer
    Choisissez **Depuis un appareil connecté**, puis votre téléphone.

    ## À savoir {#caveats}

    ### Une copie dans la même maison ne suffit pas
    Un incendie ou un cambriolage peut emporter les deux : gardez une autre copie ailleurs.
    """
)


def listed(markup: str, title: str) -> str:
    """The list item of the guide with this title."""
    found = re.search(
        r"<li[^>]*>\s*<h3><a [^>]*>" + re.escape(title) + r"</a></h3>.*?</li>\s*</ul>\s*</li>",
        markup,
        re.S,
    )
    assert found, title
    return found.group(0)


def test_a_guide_in_another_language_is_marked_and_its_facts_are_in_the_pages(
    tmp_path: Path,
) -> None:
    out = tmp_path / "site"
    code, printed = build_site(SITE_GUIDES, out)
    assert code == 0, printed
    index = (out / "index.html").read_text(encoding="utf-8")
    # The English guides are en-GB: the index speaks the same English, and dates as they do.
    assert '<html lang="en-GB"' in index
    polish = listed(index, "Rozpoznaj fałszywy SMS o paczce")
    assert polish.startswith('<li lang="pl"')
    assert '<ul class="meta" lang="en-GB"' in polish
    assert "<li>Checked on 2 November 2026</li>" in polish
    assert '<li>For: <span lang="pl">SMS</span></li>' in polish
    english = listed(index, "Spot a fake parcel text")
    assert english.startswith("<li>") and "<li>Checked on 2 November 2026</li>" in english
    assert "November 2, 2026" not in index


def test_a_feed_entry_says_when_it_was_checked_in_its_own_language(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build_site(SITE_GUIDES, out)[0] == 0
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(out / "feed.xml").getroot()
    summaries = {
        entry.findtext(f"{atom}title"): entry.findtext(f"{atom}summary") or ""
        for entry in feed.findall(f"{atom}entry")
    }
    assert summaries["Rozpoznaj fałszywy SMS o paczce"].endswith("(Sprawdzono 2 listopada 2026)")
    assert summaries["Spot a fake parcel text"].endswith("(Checked on 2 November 2026)")


def test_a_language_named_inside_a_sentence_is_written_as_in_a_sentence(tmp_path: Path) -> None:
    content = copy_guides(tmp_path)
    (content / "back-up-your-photos.fr.md").write_text(FRENCH, encoding="utf-8")
    out = tmp_path / "site"
    code, printed = build_site(content, out)
    assert code == 0, printed
    french = (out / "guides" / "back-up-your-photos.fr" / "index.html").read_text("utf-8")
    assert ">Guides en français</a>" in french
    listing = (out / "languages" / "fr" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Guides en français</h1>" in listing
    # At the start of a line, in the list of editions, it begins with a capital.
    assert ">Français</span>" in french


def test_a_language_the_site_cannot_speak_is_refused(tmp_path: Path) -> None:
    code, printed = run(
        "site", str(SITE_GUIDES), "--out", str(tmp_path / "site"), "--lang", "ja", "--jobs", "1"
    )
    assert code == 1
    assert "--lang: error: the site's own words are not translated into 'ja'" in printed
    assert "cy, de, en, es, fr, pl, uk" in printed
    assert not (tmp_path / "site").exists()
