"""Articles with raw input to articles with clean body text (``Article.text``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from storyline.clean.html import clean_html
from storyline.clean.language import detect
from storyline.clean.mojibake import mend
from storyline.clean.text import clean_text, clean_texts
from storyline.errors import Reason, describe
from storyline.model import Article, Body, Markup, Problem

# About 33,000 words: past the longest news article, and what the brief reads in a few
# seconds. Longer text (a book, a log, a page of comments) would cost minutes and
# gigabytes in sentence splitting and tagging while adding nothing a brief could use.
MAX_TEXT_CHARS = 200_000
# A feed's description runs to a paragraph or two. Text this short that the cleaner finds
# no article in is still the outlet's own words about its report: kept as a snippet. A
# longer text with nothing the cleaner keeps is a page of boilerplate: reported, and of a
# feed entry or a dump record only the headline is kept.
SNIPPET_WORDS = 300


def clean(articles: Sequence[Article]) -> tuple[Article, ...]:
    """Each article with its body text; an article's text depends on it alone, whatever
    else is in the batch (a batch only shares the line classifier's call)."""
    articles = [_mended(a) for a in articles]
    plain = [a for a in articles if a.kind is not Markup.HTML]
    languages = [detect(a.raw or a.title or "", declared=a.lang) for a in plain]
    texts = iter(
        zip(
            clean_texts([(a.raw, a.title) for a in plain], languages=languages),
            languages,
            strict=True,
        )
    )
    cleaned = []
    for article in articles:
        if article.kind is Markup.HTML:
            text = _without_title(clean_html(article.raw), article.title)
            lang = detect(text or article.title or "", declared=article.lang)
        else:
            text, lang = next(texts)
        cleaned.append(replace(article, text=text, lang=lang))
    return tuple(cleaned)


def _mended(article: Article) -> Article:
    raw, title = mend(article.raw, article.title or "")
    if raw == article.raw and title == (article.title or ""):
        return article
    return replace(article, raw=raw, title=title or article.title)


def _without_title(text: str, title: str | None) -> str:
    """The headline is metadata (``Article.title``), not a sentence of the body."""
    if not title:
        return text
    key = " ".join(title.split()).casefold()
    return "\n\n".join(p for p in text.split("\n\n") if p.casefold() != key)


def usable(cleaned: Iterable[Article]) -> Iterator[Article | Problem]:
    """Each cleaned article ready for the later stages, or why it is not: no text left,
    or a text cut at ``MAX_TEXT_CHARS`` (at a paragraph, else a space), with a warning.
    A short text with no article in it is kept whole as a snippet, a headline-only item
    as it is."""
    for article in cleaned:
        if article.body is Body.HEADLINE:
            yield replace(article, text="")
            continue
        if not article.text.strip():
            yield from _less_than_an_article(article)
            continue
        if len(article.text) > MAX_TEXT_CHARS:
            cut = _cut_point(article.text, MAX_TEXT_CHARS)
            yield Problem(
                article.path,
                describe(Reason.TEXT_CUT, f"{len(article.text):,} characters, used {cut:,}"),
                partial=True,
            )
            article = replace(article, text=article.text[:cut].rstrip())
        yield article


def _less_than_an_article(article: Article) -> Iterator[Article | Problem]:
    """What is kept of an article the cleaner found no text in: a snippet, else a listed
    item's headline (and the reason its text was not kept), else only the reason."""
    snippet = _snippet(article)
    if snippet is not None:
        yield snippet
        return
    keep_headline = article.listed and bool(article.title and article.title.strip())
    yield Problem(
        article.path,
        describe(Reason.NO_ARTICLE_TEXT, "kept its headline" if keep_headline else ""),
        partial=keep_headline,
    )
    if keep_headline:
        yield replace(article, text="", body=Body.HEADLINE)


def _snippet(article: Article) -> Article | None:
    """The short text of a feed entry or a dump record that the cleaner found no article
    in, as it was given, or None."""
    if not article.listed:
        return None
    given = article.raw
    if article.kind is Markup.HTML:
        from html_text import extract_text

        given = extract_text(article.raw)
    paragraphs = [" ".join(p.split()) for p in given.split("\n\n")]
    text = "\n\n".join(p for p in paragraphs if p)
    if not text or len(text.split()) > SNIPPET_WORDS:
        return None
    return replace(article, text=text, body=Body.SNIPPET)


def _cut_point(text: str, limit: int) -> int:
    for mark in ("\n\n", "\n", " "):
        at = text.rfind(mark, limit * 9 // 10, limit)
        if at > 0:
            return at
    return limit


__all__ = ["MAX_TEXT_CHARS", "clean", "clean_html", "clean_text", "usable"]
