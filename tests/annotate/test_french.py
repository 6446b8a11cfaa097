"""French read as English is: names, figures, dates and quotes (annotate/nlp.py picks the
French pipeline, annotate/figures_fr.py, annotate/temporal.py's French calendar). The
reports are written here for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import assert_faithful_and_linked, brief_of, claims
from storyline.annotate import annotate
from storyline.annotate.temporal import resolve
from storyline.model import Annotated, Approx, Article, Markup
from storyline.render import render_markdown

WEDNESDAY = dt.date(2026, 11, 18)
REPORT = (
    "La crue de la Velmora a fait au moins 12 morts mardi, a déclaré à Montreuil le préfet "
    "Jean Arnaud.\n"
    "Le préfet Jean Arnaud a visité les quartiers inondés avec les pompiers.\n"
    "« Nous n'avons jamais vu une telle montée des eaux », a ajouté Jean Arnaud lors "
    "d'une conférence de presse.\n"
    "Plus de 1 500 habitants ont été évacués depuis le 14 novembre, selon la mairie de "
    "Lisle.\n"
    "Les dégâts sont estimés à 2 millions d'euros. Marie Duclos, 45 ans, a perdu sa "
    "maison.\n"
    "Le conseil régional se réunira vendredi prochain pour voter une aide de 3,5 % du "
    "budget."
)


def _story(text: str = REPORT) -> Annotated:
    return annotate(
        [
            Article(
                "fr", "c.txt", "Le Courrier", Markup.TEXT, "", text, published=WEDNESDAY, lang="fr"
            )
        ]
    )


def test_a_french_report_is_read() -> None:
    story = _story()
    assert story.unread == ()
    names = {(m.text, m.label) for m in story.mentions}
    assert {("Jean Arnaud", "PERSON"), ("Montreuil", "GPE"), ("Marie Duclos", "PERSON")} <= names
    figures = {f.text: f for f in story.figures}
    assert set(figures) == {"au moins 12", "Plus de 1 500", "2 millions d'euros", "45", "3,5 %"}
    killed = figures["au moins 12"]
    assert (killed.value, killed.approx, killed.noun, killed.verb) == (
        12,
        Approx.AT_LEAST,
        "people",
        "kill",
    )  # "morts" are people killed, as the English reader counts them
    assert (figures["Plus de 1 500"].value, figures["Plus de 1 500"].verb) == (1500, "evacuate")
    assert (figures["2 millions d'euros"].value, figures["2 millions d'euros"].unit) == (
        2e6,
        "euro",
    )
    assert figures["45"].noun == "age duclos"
    dates = {w.text: w.date for w in story.whens}
    assert dates == {
        "mardi": "2026-11-17",
        "14 novembre": "2026-11-14",
        "vendredi prochain": "2026-11-20",
    }
    (quote,) = story.quotations
    assert quote.text == "Nous n'avons jamais vu une telle montée des eaux"
    assert quote.speaker is not None and quote.speaker.text == "Jean Arnaud"


def test_dates_and_numbers_are_not_counts() -> None:
    story = _story("Le 17 novembre 2025, à 21 h 30, la rue 12 était fermée depuis 2019.")
    assert story.figures == ()
    assert [w.date for w in story.whens] == ["2025-11-17"]


@pytest.mark.parametrize(
    ("expression", "options", "expected"),
    [
        ("mardi", {}, "2026-11-17"),  # the last Tuesday before a Wednesday
        ("jeudi", {"future": True}, "2026-11-19"),  # "se réunira jeudi"
        ("mardi prochain", {}, "2026-11-24"),
        ("mercredi prochain", {}, "2026-11-25"),  # a week on, not the day itself
        ("le 17 novembre", {}, "2026-11-17"),
        ("1er décembre", {}, "2026-12-01"),  # the nearer one
        ("en septembre", {}, "2026-09"),
        ("mai dernier", {}, "2026-05"),
        ("hier soir", {}, "2026-11-17"),
        ("il y a deux jours", {}, "2026-11-16"),
        ("la semaine dernière", {}, "2026-W46"),
        ("l'année dernière", {}, "2025"),
        ("mardi 17 novembre 2015", {}, "2015-11-17"),
    ],
)
def test_french_dates_resolve(expression: str, options: dict[str, bool], expected: str) -> None:
    assert resolve(expression, WEDNESDAY, lang="fr", **options) == expected


ENGLISH = (
    "The Velmora flood killed at least 12 people on Tuesday, prefect Jean Arnaud said in "
    "Montreuil. Some 1,500 residents were evacuated, the town hall of Lisle said."
)
FRENCH = (
    "La crue de la Velmora a fait au moins 14 morts mardi, a indiqué le préfet Jean "
    "Arnaud à Montreuil. Environ 1 500 habitants ont été évacués, selon la mairie de "
    "Lisle."
)


def test_a_french_and_an_english_report_of_one_event_compare() -> None:
    brief = brief_of(ENGLISH, FRENCH, published=WEDNESDAY)
    assert [a.lang for a in brief.articles] == ["en", "fr"] and brief.unread == ()
    assert {"at least 12", "au moins 14"} in claims(brief, "conflicting")
    assert any({"Some 1,500", "Environ 1 500"} <= c for c in claims(brief, "agreed"))
    people = [e for e in brief.entities if e.label == "PERSON"]
    assert any({s.article for s in e.sources} == {0, 1} for e in people)  # one Jean Arnaud
    assert_faithful_and_linked(brief)
    assert "not read" not in render_markdown(brief)


def test_two_french_reports_give_one_persons_age_differently() -> None:
    """ "Marie Duclos, 45 ans," names whose age it is, as "Ana Ruiz, 9," does."""
    brief = brief_of(
        "Marie Duclos, 45 ans, a perdu sa maison dans l'incendie de la nuit de mardi.",
        "Selon les pompiers, Marie Duclos, 47 ans, a été relogée par la mairie mercredi.",
    )
    assert {"45", "47"} in claims(brief, "conflicting")
