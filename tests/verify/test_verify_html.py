"""An email's HTML may not load or run anything: what is allowed, not a list of tricks."""

from __future__ import annotations

import pytest

from generator.verify.html import resource_problems

PAGE = '<html><head><meta charset="utf-8"><title>T</title></head><body>{}</body></html>'


@pytest.mark.parametrize(
    "markup",
    [
        '<a href="https://example.org/" ping="https://tracker.example/p">x</a>',
        '<svg><image href="https://tracker.example/pixel.png"/></svg>',
        '<img src="https://tracker.example/pixel.png" alt="">',
        '<img src="//tracker.example/pixel.png" alt="">',
        '<img src="x.png" srcset="https://tracker.example/2x.png 2x" alt="">',
        '<table background="https://tracker.example/bg.png"><tr><td>x</td></tr></table>',
        '<div style="background:url(https://tracker.example/bg.png)">x</div>',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="http://example.org/">x</a>',
        '<p onclick="steal()">x</p>',
        '<video poster="https://tracker.example/p.png"></video>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        '<div data-track="https://tracker.example/beacon">x</div>',
        '<iframe src="x.html"></iframe>',
        "<style>@import url(https://tracker.example/a.css);</style>",
    ],
)
def test_anything_that_loads_or_runs_is_refused(markup: str) -> None:
    problems, _ = resource_problems(PAGE.format(markup))
    assert problems, markup


def test_plain_email_html_with_pictures_by_content_id_passes() -> None:
    markup = PAGE.format(
        '<table role="presentation" width="100%"><tr><td><h1>Title</h1>'
        '<p>Go to <a href="https://myaccount.google.com/">myaccount.google.com</a> or '
        '<a href="mailto:help@example.org">write to us</a>.</p>'
        '<img src="cid:picture1.abc@guide" alt="The Settings button">'
        '<img src="pictures/settings.png" alt="The Settings button"></td></tr></table>'
    )
    problems, sources = resource_problems(markup)
    assert problems == []
    assert sources == ["cid:picture1.abc@guide", "pictures/settings.png"]
