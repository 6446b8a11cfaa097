"""Sources to ``Article``: one reader per kind of input, all yielding the same model."""

from storyline.ingest.article import text_article
from storyline.ingest.files import read_file, read_paths
from storyline.ingest.html import html_article

__all__ = ["html_article", "read_file", "read_paths", "text_article"]
