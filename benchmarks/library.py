"""A library of guides that differ from each other, for the benchmark's batches.

Each guide is made from its own seeded draw of topics, sentences and shapes: three to eight
steps of one to three paragraphs, some with a list or a link (and so a QR code), one to three
caveats, some questions and some with a "What you'll need" list. With pictures, every other
guide shows a screenshot in one of its steps, each cut from a different place of the test
picture, so no two pictures (and no two handouts) are the same. The same ``count`` always
makes the same library, so two versions of the tool can be compared on it byte for byte.
"""

from __future__ import annotations

import random
from pathlib import Path

PICTURE = Path(__file__).resolve().parent.parent / "tests" / "data" / "settings-screen.png"

APPS = (
    ("WhatsApp", "phone"),
    ("Facebook", "phone"),
    ("Instagram", "phone"),
    ("Gmail", "computer"),
    ("Outlook", "computer"),
    ("your bank's app", "phone"),
    ("Chrome", "computer"),
    ("Firefox", "computer"),
    ("the Settings app", "tablet"),
    ("Signal", "phone"),
    ("your router's page", "computer"),
    ("the NHS App", "phone"),
)
TOPICS = (
    (
        "Turn on two-step sign-in in {app}",
        "A code from your {device} keeps others out even if they learn your password.",
    ),
    (
        "Check who can see your posts in {app}",
        "A few taps decide whether strangers or only friends see what you share.",
    ),
    (
        "Stop {app} sharing where you are",
        "Your {device} can keep your place to itself unless you choose otherwise.",
    ),
    (
        "Make a strong password for {app}",
        "Three random words make a password that is easy to remember and hard to guess.",
    ),
    (
        "Spot a fake message that claims to be from {app}",
        "A few signs give most tricks away before you tap anything.",
    ),
    (
        "Back up your photos from {app}",
        "A copy kept somewhere safe means a lost {device} is not a lost album.",
    ),
    (
        "Sign out of {app} on a shared {device}",
        "Signing out stops the next person reading your messages.",
    ),
    (
        "Turn off ads that follow you in {app}",
        "Fewer settings shared with advertisers means fewer ads that know your business.",
    ),
    ("Update {app} on your {device}", "Updates close the holes that tricksters use to get in."),
    (
        "Block and report a stranger in {app}",
        "You decide who can reach you, and a report helps protect others too.",
    ),
)
VERBS = ("Open", "Tap", "Find", "Choose", "Look for", "Press", "Scroll to", "Select", "Check")
PLACES = (
    "Settings",
    "Privacy",
    "Security",
    "Your account",
    "Notifications",
    "Passwords",
    "Location",
    "Blocked people",
    "Ad preferences",
    "Backup",
    "Devices",
    "Help",
)
SENTENCES = (
    "It is near the top of the screen, under your name.",
    "You may need to slide your finger up the screen to see it.",
    "The button is grey until you have typed something.",
    "If you cannot see it, tap the three dots in the corner first.",
    "A short message appears to say the change is saved.",
    "Take your time: nothing changes until you tap **Save**.",
    "The words may be slightly different on an older {device}.",
    "Ask someone you trust to sit with you if the screen looks different.",
    "You will see a list of every place you are signed in.",
    "Write down what it says before you change anything.",
    "The app may ask for your password again: that is normal.",
    "Tick the box beside **{place}** and then go back.",
    "When the switch turns blue, it is on.",
    "Read the whole notice before you tap the button under it.",
    "Some phones show this as a small picture of a cog instead.",
    "If a box asks whether you are sure, tap **Yes**.",
)
ITEMS = (
    "Your {device}, charged",
    "Your password for {app}",
    "A pen and paper",
    "About ten quiet minutes",
    "Your email address",
    "Your reading glasses, if you use them",
    "A second device, if you have one",
)
CAVEATS = (
    (
        "This only changes {app} on this {device}",
        "Do the same steps again on any other {device} you use.",
    ),
    (
        "Updates can move the buttons",
        "After a big update the words may change, but the setting stays where it was.",
    ),
    (
        "Nobody genuine asks for your code",
        "If someone phones or writes asking for the code, it is a trick: hang up.",
    ),
    (
        "Keep your written password safe",
        "Keep the paper at home, away from your {device} and your bag.",
    ),
    (
        "Changing this does not delete old posts",
        "What you shared before stays until you remove it yourself.",
    ),
    (
        "A shared {device} needs extra care",
        "Anyone who uses it after you may see what you leave open.",
    ),
)
QUESTIONS = (
    (
        "What if I forget my password?",
        "Use the **Forgot password** link on the sign-in screen and follow the steps.",
    ),
    (
        "Will other people know I changed this?",
        "No. Nobody is told when you change your own settings.",
    ),
    ("Does this cost anything?", "No. Every step here is free."),
    ("Can I undo it later?", "Yes: follow the same steps and switch it back."),
    (
        "Is this safe to do on public wifi?",
        "Yes, but do it at home if you can, where nobody looks over your shoulder.",
    ),
)


def _fill(text: str, draw: random.Random, app: str, device: str) -> str:
    return text.format(app=app, device=device, place=draw.choice(PLACES))


def _sentences(draw: random.Random, app: str, device: str, count: int) -> str:
    """A paragraph of ``count`` different sentences."""
    return " ".join(_fill(text, draw, app, device) for text in draw.sample(SENTENCES, count))


def guide_text(number: int, picture: str | None = None) -> str:
    """The Markdown of guide ``number``; ``picture`` names a screenshot one step shows."""
    draw = random.Random(number)
    app, device = draw.choice(APPS)
    title, summary = draw.choice(TOPICS)
    lines = [
        "---",
        f"title: {title.format(app=app, device=device)}",
        f"summary: {summary.format(app=app, device=device)}",
        "checked: 2026-11-20",
        f"minutes: {draw.choice((5, 10, 15, 20, 30))}",
        "---",
        "",
        " ".join(
            _fill(draw.choice(SENTENCES), draw, app, device) for _ in range(draw.randint(1, 4))
        ),
        "",
    ]
    if draw.random() < 0.6:
        lines += ["## What you'll need", ""]
        lines += [
            f"- {_fill(item, draw, app, device)}" for item in draw.sample(ITEMS, draw.randint(2, 4))
        ]
        lines.append("")
    lines += ["## Steps", ""]
    steps = draw.randint(3, 8)
    shown_at = draw.randint(1, steps) if picture else 0
    for step, place in enumerate(draw.sample(PLACES, steps), start=1):
        lines.append(f"### {draw.choice(VERBS)} {place}")
        if step == shown_at:
            lines += [f"![The {place} screen of {app}]({picture})", ""]
        for _ in range(draw.randint(1, 3)):
            lines.append(_sentences(draw, app, device, draw.randint(1, 4)))
            lines.append("")
        if draw.random() < 0.25:
            lines += [f"- {draw.choice(PLACES)}" for _ in range(draw.randint(2, 4))]
            lines.append("")
        if draw.random() < 0.15:
            lines += [f"Read more at [example.org](https://example.org/help/{number}/{step}).", ""]
    lines += ["## Caveats", ""]
    for caveat, text in draw.sample(CAVEATS, draw.randint(1, 3)):
        lines += [f"### {_fill(caveat, draw, app, device)}", _fill(text, draw, app, device), ""]
    if draw.random() < 0.7:
        lines += ["## Questions", ""]
        for question, answer in draw.sample(QUESTIONS, draw.randint(1, 3)):
            lines += [f"### {question}", answer, ""]
    return "\n".join(lines)


def write_library(folder: Path, count: int, pictures: bool) -> Path:
    """``count`` different guides in ``folder``; with ``pictures``, every other one shows one."""
    folder.mkdir(parents=True)
    for number in range(1, count + 1):
        picture = None
        if pictures and number % 2 == 1:
            picture = f"screen-{number:02d}.png"
            _cut_picture(number, folder / picture)
        (folder / f"guide-{number:02d}.md").write_text(
            guide_text(number, picture), encoding="utf-8"
        )
    return folder


def _cut_picture(number: int, target: Path) -> None:
    """A screenshot of its own: a part of the test picture, cut where ``number`` says."""
    from PIL import Image

    with Image.open(PICTURE) as whole:
        width, height = whole.size
        draw = random.Random(number)
        cut_width = draw.randint(width * 3 // 5, width)
        cut_height = draw.randint(height * 3 // 5, height)
        left = draw.randint(0, width - cut_width)
        top = draw.randint(0, height - cut_height)
        whole.crop((left, top, left + cut_width, top + cut_height)).save(target)
