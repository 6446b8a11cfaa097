"""A synthetic stream written for the tests: many small stories, each told by several
outlets in different words around the same names, plus copies. Generated, so that tests
can ask for any size without copying anyone's text."""

from __future__ import annotations

import json
import random
from pathlib import Path

SYLLABLES = [
    "ka",
    "lo",
    "mer",
    "vi",
    "dun",
    "sa",
    "tor",
    "el",
    "ri",
    "bo",
    "nak",
    "ul",
    "pe",
    "zan",
]
KINDS = ["fire", "strike", "flood", "vote", "bridge", "festival", "outage", "storm", "trial"]
OUTLETS = ["Coast Courier", "Daily Lantern", "Metro Wire", "Valley Voice", "North Star"]


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def story_texts(k: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(outlet, title, body) for the reports of story ``k``: its own place, people and
    figure, told three ways."""
    place, person, firm = name(rng), f"{name(rng)} {name(rng)}", name(rng) + " Works"
    kind = KINDS[k % len(KINDS)]
    figure = 10 + k * 3
    tellings = [
        (
            f"{kind.title()} in {place} leaves {figure} hurt",
            f"A {kind} in {place} on Monday left {figure} people hurt, {person} said.\n\n"
            f"The {firm} site in {place} was closed while {person} and his team checked it.",
        ),
        (
            f"{place} counts the cost of the {kind}",
            f"{person} told reporters that {figure} were hurt when the {kind} hit {place}.\n\n"
            f"Work at {firm} stopped for the day and {place} schools sent children home.",
        ),
        (
            f"{firm} shut after {place} {kind}",
            f"{firm} shut its gates in {place} after the {kind}, which hurt {figure} people.\n\n"
            f"{person} promised a review of how {place} handled the {kind}.",
        ),
    ]
    outlets = rng.sample(OUTLETS, 3)
    return [(outlet, title, body) for outlet, (title, body) in zip(outlets, tellings, strict=True)]


def write_stream(folder: Path, stories: int, seed: int = 7) -> int:
    """One JSONL file per outlet-day; returns the number of articles written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    for k in range(stories):
        day = f"2026-03-{1 + k % 28:02d}"
        for outlet, title, body in story_texts(k, rng):
            lines.append(
                json.dumps({"outlet": outlet, "title": title, "text": body, "published": day})
            )
    for i in range(0, len(lines), 20):
        (folder / f"part-{i // 20:03d}.jsonl").write_text("\n".join(lines[i : i + 20]) + "\n")
    return len(lines)
