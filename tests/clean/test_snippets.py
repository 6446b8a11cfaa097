"""What the cleaner keeps of an item it finds no article in (clean/__init__.py): a feed's
or a dump's short text as a snippet, a long one's headline, and nothing of a page."""

from __future__ import annotations

from dataclasses import replace

from storyline.clean import clean, usable
from storyline.model import Article, Body, Markup, Problem

LINE = "Council backs tram line"  # one short line: no article for the cleaner


def item(raw: str, *, listed: bool, kind: Markup = Markup.TEXT) -> Article:
    return Article("a", "feed.jsonl:1", "Marrow Post", kind, raw, title="Trams", listed=listed)


def kept(article: Article) -> list[Article | Problem]:
    return list(usable(clean([article])))


def test_a_listed_items_short_text_is_kept_as_given_as_a_snippet() -> None:
    (found,) = kept(item(f"  {LINE}\n", listed=True))
    assert isinstance(found, Article)
    assert (found.text, found.body) == (LINE, Body.SNIPPET)


def test_a_pages_leftovers_are_not_a_snippet() -> None:
    (found,) = kept(item(LINE, listed=False))
    assert isinstance(found, Problem) and "no article text" in found.reason


def test_a_listed_items_long_text_without_an_article_keeps_its_headline() -> None:
    words = " ".join(["menu"] * 400)
    found = kept(item(words, listed=True))
    problem, article = found
    assert (
        isinstance(problem, Problem) and problem.partial and "kept its headline" in problem.reason
    )
    assert isinstance(article, Article) and (article.text, article.body) == ("", Body.HEADLINE)


def test_a_headline_only_item_passes_as_it_is() -> None:
    headline = replace(item("", listed=True), body=Body.HEADLINE)
    (found,) = kept(headline)
    assert found == replace(headline, lang=found.lang)
