"""A watch caps glibc's malloc arenas (run/arenas.py): sixteen fetching threads each
kept their own high-water mark of freed memory; and it gives freed memory back after
each pass."""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sites import Site, news_site
from storyline.fetch.client import Manners
from storyline.run import watch as watch_module
from storyline.run.arenas import give_back, share_arenas
from storyline.run.watch import Watch, watch
from storyline.store import Store


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="only glibc has M_ARENA_MAX",
)
def test_the_arena_cap_is_set_on_glibc() -> None:
    assert share_arenas()


def test_elsewhere_nothing_is_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not share_arenas()


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="only glibc has malloc_trim",
)
def test_freed_memory_goes_back_to_the_system() -> None:
    """60 MB of 2 kB blocks freed under one block still in use: glibc keeps the pages
    (they are not at the top of the heap) until they are given back."""
    blocks = [bytes(2048) for _ in range(30_000)]
    kept = bytes(2048)
    before = _rss_mb()
    del blocks
    give_back()
    assert _rss_mb() < before - 30
    assert kept


def test_a_watch_gives_memory_back_after_each_pass(
    web: Callable[[], Site], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[bool] = []
    monkeypatch.setattr(watch_module, "give_back", lambda: calls.append(True) or True)
    site = web()
    news_site(site, 2)
    ctx = Watch(Store(tmp_path / "w.db"), every=0.0, manners=Manners(delay=0.0), workers=2)
    watch(ctx, [site.url("/feed.xml")], once=True)
    assert calls == [True]
