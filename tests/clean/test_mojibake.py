"""UTF-8 read as a legacy code page upstream (clean/mojibake.py): the mangled letters are
put back, in the text and the headline, and right text is left as it is."""

from __future__ import annotations

from storyline.clean import clean
from storyline.clean.mojibake import mend
from storyline.model import Article, Markup

POLISH = "Radni z KrakĂłw przyjęli budżet. Wśród wydatkĂłw są nowe linie tramwajowe."
FRENCH = "Le cafÃ© de la gare a rouvert aprÃ¨s les travaux, a dÃ©clarÃ© la mairie."


def test_letters_a_code_page_split_in_two_are_put_back() -> None:
    (polish,) = mend(POLISH)
    assert polish == "Radni z Kraków przyjęli budżet. Wśród wydatków są nowe linie tramwajowe."
    (french,) = mend(FRENCH)
    assert french == "Le café de la gare a rouvert après les travaux, a déclaré la mairie."
    # a headline's one mangled letter is mended with its text's, and with the text
    assert mend("Budżet Krakowa: wydatkĂłw", POLISH)[0] == "Budżet Krakowa: wydatków"


def test_right_text_and_a_lone_pair_among_real_letters_are_left_alone() -> None:
    right = "Zażółć gęślą jaźń; naïve façade in Zürich; São Paulo; ĂNTREBARE"
    assert mend(right) == (right,)
    assert mend("Chadekom: ĂŞ, Ăla") == ("Chadekom: ĂŞ, Ăla",)  # "Ă" stands alone elsewhere
    assert mend("Wybory w Niemczech. Zwycięstwo chadekĂłw") == (
        "Wybory w Niemczech. Zwycięstwo chadeków",
    )


def test_a_mangled_record_is_cleaned_to_right_text() -> None:
    record = Article(
        "pl",
        "feed.jsonl#1",
        "Gazeta",
        Markup.TEXT,
        POLISH,
        title="Budżet na przyszły rok: KrakĂłw i wydatkĂłw",
        lang="pl",
    )
    (cleaned,) = clean([record])
    assert "Kraków" in cleaned.text and "Ă" not in cleaned.text
    assert cleaned.title == "Budżet na przyszły rok: Kraków i wydatków"
