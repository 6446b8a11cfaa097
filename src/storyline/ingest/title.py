"""The headline of already-scraped text: the short line near the top that is most about the
body. Navigation lines ("Skip to main content") are short too, but share no words with it."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]{3,}")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def guess_title(text: str, *, lines_to_scan: int = 8) -> str | None:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    body = _words(" ".join(line for line in lines if len(line.split()) > 15))
    best, best_score = None, 0.0
    for line in lines[:lines_to_scan]:
        n = len(line.split())
        if not 3 <= n <= 25 or line.endswith((".", "”", '"', ":")):
            continue  # headlines do not end like sentences
        words = _words(line)
        if not words:
            continue
        score = len(words & body) / len(words)
        if score > best_score:
            best, best_score = line, score
    return best if best_score >= 0.3 else None
