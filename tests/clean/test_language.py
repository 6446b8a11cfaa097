"""Articles in other languages (clean/language.py, clean/text.py): told apart, cleaned by
their own stop words or, with none, by their sentence ends, never dropped for not being
English. The reports are written here for the test."""

from __future__ import annotations

from storyline.clean import clean, usable
from storyline.clean.language import UNDETERMINED, detect, stop_list
from storyline.model import Article, Body, Markup

POLISH = "\n".join(
    [
        "Zaloguj się",
        "Udostępnij",
        "Rada miasta zatwierdziła w środę budowę nowej linii tramwajowej do dzielnicy "
        "portowej, która ma być gotowa za pięć lat.",
        "Koszt inwestycji wyniesie 120 milionów złotych, a pierwsze tramwaje mają pojechać "
        "po nowych torach w 2028 roku.",
        "Prezydent miasta powiedział, że linia skróci dojazd do centrum o połowę i że "
        "mieszkańcy od lat czekali na to połączenie.",
        "Czytaj także: Pogoda na weekend",
    ]
)
CHINESE = "\n".join(
    [
        "首页 | 新闻 | 体育",
        "市议会周三批准在港口区修建一条新的有轨电车线路。",
        "该项目预计耗资一亿二千万元，首批电车将于2028年投入运营。",
        "市长表示，新线路将使前往市中心的时间缩短一半。",
        "分享到微信",
    ]
)


def cleaned(raw: str, *, lang: str = "") -> Article:
    article = Article("a", "report.txt", "Marrow Post", Markup.TEXT, raw, title="x", lang=lang)
    (found,) = usable(clean([article]))
    assert isinstance(found, Article)
    return found


def test_the_language_is_told_and_a_declared_one_wins() -> None:
    assert detect(POLISH) == "pl" and detect(CHINESE) == "zh"
    assert detect("The council approved the tram line on Wednesday, officials said.") == "en"
    assert detect(POLISH, declared="fr-CA") == "fr"
    assert detect("12 / 34") == UNDETERMINED
    # py3langid leans to Wu Chinese (71%) on this standard written Chinese: one language
    assert detect("马来西亚首相安华周二视察吉隆坡水灾灾区。雪兰莪州多个地区仍然淹水。") == "zh"


def test_stop_lists_come_with_the_language_or_not_at_all() -> None:
    polish = stop_list("pl")
    assert polish is not None and {"się", "że", "na"} <= polish
    assert stop_list("zh") is None and stop_list(UNDETERMINED) is None


def test_a_polish_report_is_cleaned_by_polish_stop_words() -> None:
    found = cleaned(POLISH)
    assert (found.lang, found.body) == ("pl", Body.FULL)
    assert found.text.startswith("Rada miasta") and "milionów" in found.text
    assert "Udostępnij" not in found.text and "Zaloguj" not in found.text


def test_a_chinese_report_keeps_its_sentences_and_loses_its_menus() -> None:
    found = cleaned(CHINESE)
    assert (found.lang, found.body) == ("zh", Body.FULL)
    assert found.text.split("\n\n") == CHINESE.split("\n")[1:4]
