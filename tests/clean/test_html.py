"""Boilerplate out of HTML (clean/html.py)."""

from __future__ import annotations

import pytest

from storyline.clean import clean_html
from storyline.clean.html import _missed


def test_html_is_cleaned_with_trafilatura() -> None:
    html = (
        "<html><body><nav>Home | News | Sport</nav><article><h1>Title</h1>"
        + "".join(
            f"<p>Paragraph {i} of the report says the council met and voted on the plan.</p>"
            for i in range(5)
        )
        + "</article><footer>© 2026 Example</footer></body></html>"
    )
    text = clean_html(html)
    assert (
        "Paragraph 0 of the report" in text and "Home | News" not in text and "© 2026" not in text
    )


PARAGRAPH = "The ferry crossed the bay in forty minutes, the harbour master said on Monday."


def test_a_table_in_the_article_is_kept_as_text() -> None:
    html = (
        "<html><body><nav>Home | News</nav><article>"
        + f"<p>{PARAGRAPH}</p>" * 3
        + "<table><tr><td>Harbour Rowers</td><td>12:41</td></tr>"
        "<tr><td>Island Oars</td><td>12:58</td></tr></table>"
        + f"<p>{PARAGRAPH}</p>"
        + "</article></body></html>"
    )
    text = clean_html(html)
    assert "Harbour Rowers" in text and "12:58" in text


@pytest.mark.parametrize(
    ("own", "other", "missed"),
    [
        (PARAGRAPH, PARAGRAPH * 5, True),  # a small part of readability's text
        (PARAGRAPH, "Opening hours and parking for visitors to the council offices " * 4, True),
        (PARAGRAPH * 3, PARAGRAPH * 4, False),  # agreement: trafilatura's edges win
        (PARAGRAPH * 3, "", False),  # readability found nothing
    ],
)
def test_readability_is_taken_only_where_trafilatura_missed(
    own: str, other: str, missed: bool
) -> None:
    assert _missed(own, other) is missed
