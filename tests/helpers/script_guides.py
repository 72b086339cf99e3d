"""Small guides in a shaped script, written by a test into its own folder."""

from __future__ import annotations

from pathlib import Path

ARABIC_FRONT = """\
---
title: اقفل شاشة هاتفك
summary: رمز من 6 أرقام يحمي رسائلك.
lang: ar
checked: 2026-11-20
---

## الخطوات {#steps}

### افتح الإعدادات
"""
"""An Arabic guide up to its first step's text (its title on line 10, its text on line 11)."""


def arabic_guide(folder: Path, step_text: str, name: str = "guide.md") -> Path:
    """An Arabic guide of one step whose text is ``step_text``, written into ``folder``."""
    path = folder / name
    path.write_text(ARABIC_FRONT + step_text + "\n", encoding="utf-8")
    return path
