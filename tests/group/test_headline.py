"""Which title a story goes by (group/headline.py)."""

from __future__ import annotations

from storyline.group.headline import headline


def test_the_headline_is_the_title_most_like_the_others() -> None:
    titles = [
        "Kenya to seek $1bn from China for stalled railway",
        None,
        "Schumer meets Xi in Beijing",
        "Schumer tells Xi that relations must improve",
        "Xi welcomes Schumer's delegation to Beijing",
    ]
    assert headline(titles) == "Schumer meets Xi in Beijing"


def test_the_first_title_stands_until_others_outweigh_it() -> None:
    assert headline([None, "Tram line approved", "Council backs trams"]) == "Tram line approved"
    assert (
        headline(["Tram line approved", "Trams: the vote", "Harbour fire"]) == "Tram line approved"
    )
    assert headline([None, None]) is None


def test_a_long_title_does_not_win_by_naming_everything() -> None:
    titles = [
        "Mayor of Oberlin says her sister is stranded in Castel Mire after Storm Idris "
        "floods the Tamber valley",
        "Storm Idris floods the Tamber valley",
        "Storm Idris: Tamber valley flooded",
        "Tamber valley under water after Storm Idris",
    ]
    assert headline(titles) in titles[1:]  # the summed overlap would tie, and pick the first
