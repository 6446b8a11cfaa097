"""The feed reader (ingest/feed.py): RSS and Atom entries become articles."""

from __future__ import annotations

from pathlib import Path

from helpers import BODY, read, write
from storyline.model import Body


def test_rss_and_atom_entries_become_articles(tmp_path: Path) -> None:
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Marrow Post</title>
      <item><title>Tram approved</title><link>https://marrow.example/tram</link>
      <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>{BODY}</description></item>
      <item><title>Headline only</title><link>https://marrow.example/empty</link></item>
      <item><link>https://marrow.example/nothing</link></item>
    </channel></rss>"""
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom"><title>Tram Times</title>
      <entry><title>Trams</title><link href="https://trams.example/a"/>
      <updated>2024-03-06T08:00:00Z</updated>
      <content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"""
    write(tmp_path / "a.rss", rss)
    write(tmp_path / "b.atom", atom)
    write(tmp_path / "c.xml", "<html>not a feed")
    write(tmp_path / "d.rss", '<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    articles, problems = read(tmp_path)
    assert [(a.outlet, a.title, str(a.published), a.body) for a in articles] == [
        ("Marrow Post", "Tram approved", "2024-03-05", Body.FULL),
        ("Marrow Post", "Headline only", "None", Body.HEADLINE),
        ("Tram Times", "Trams", "2024-03-06", Body.FULL),
    ]
    assert sorted(p.path.rsplit("/", 1)[1] for p in problems) == ["a.rss:entry 3", "c.xml", "d.rss"]
