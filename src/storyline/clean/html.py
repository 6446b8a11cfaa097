"""HTML pages to article text with trafilatura, in precision mode (comments are not the
article, and a missed boilerplate block costs the brief more than a missed paragraph)."""

from __future__ import annotations

import trafilatura


def clean_html(raw: str) -> str:
    text = trafilatura.extract(
        raw,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    if not text:
        return ""
    paragraphs = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(p for p in paragraphs if p)
