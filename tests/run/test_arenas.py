"""A watch caps glibc's malloc arenas (run/arenas.py): sixteen fetching threads each
kept their own high-water mark of freed memory."""

from __future__ import annotations

import platform
import sys

import pytest

from storyline.run.arenas import share_arenas


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="only glibc has M_ARENA_MAX",
)
def test_the_arena_cap_is_set_on_glibc() -> None:
    assert share_arenas()


def test_elsewhere_nothing_is_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not share_arenas()
