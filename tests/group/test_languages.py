"""Reports of one event in two languages (group/features.py, group/chinese_names.py,
group/name_forms.py, group/stories.py): a Chinese or a Polish report shares its names
with English ones through the English words for them, and joins an English story on the
names it shares, and only then. The reports are written here for the test."""

from __future__ import annotations

import pytest

from storyline.group.chinese_names import english_names
from storyline.group.features import features
from storyline.group.grouper import Grouper
from storyline.group.name_forms import english_words
from storyline.group.stories import StoryIndex
from storyline.model import Article, Features, Markup

ENGLISH = (
    "Prime Minister Anwar Ibrahim toured flooded districts of Kuala Lumpur on Tuesday as "
    "waters stayed high across Selangor. Thousands of residents were evacuated, and Anwar "
    "promised federal aid for flood victims in Malaysia."
)
CHINESE = (
    "马来西亚首相安华周二视察吉隆坡水灾灾区。雪兰莪州多个地区仍然淹水，数千名居民被疏散。"
    "安华表示，政府将拨款援助灾民。"
)
OTHER_CHINESE = "日本气象厅警告，强台风将于周末登陆九州，东京多所学校停课。"


def _article(key: str, text: str, title: str, lang: str) -> Article:
    return Article(
        key, f"{key}.txt", f"Outlet {key}", Markup.TEXT, "", text, title=title, lang=lang
    )


def test_chinese_names_count_in_the_english_words_for_them() -> None:
    names = {t for t, _ in features(_article("zh", CHINESE, "安华视察吉隆坡水灾", "zh")).terms}
    assert {"@anwar", "@kuala", "@lumpur", "@malaysia", "@selangor"} <= names
    assert list(english_names("美国总统")) == [("usa",)]
    assert list(english_names("价格高达百万")) == []  # 高达 is Gundam, but "as high as" first


# A harbour blast in Gdańsk, told in English and in Polish (names declined: "w Gdańsku",
# "do Niemiec", "z Norwegii"), and a Polish report of another event.
HARBOUR = (
    "Emergency crews in Gdansk searched the port on Sunday after a blast on a tanker from "
    "Norway. Lukasz Wrona, the harbour master, said the Baltic terminal was closed and "
    "that ships bound for Germany were held at sea."
)
HARBOUR_PL = (
    "Służby ratunkowe przeszukiwały w niedzielę port w Gdańsku po wybuchu na tankowcu z "
    "Norwegii. Kapitan portu Łukasz Wrona powiedział, że terminal na Bałtyku zamknięto, a "
    "statki płynące do Niemiec czekają na morzu."
)
OTHER_PL = (
    "Rada Miasta Krakowa przyjęła w poniedziałek budżet na przyszły rok. Prezydent Krakowa "
    "zapowiedział nowe linie tramwajowe na Podgórzu i w Nowej Hucie."
)


def test_names_in_another_language_are_put_as_english_writes_them() -> None:
    """Declined forms to one lemma, countries and cities to their English names (also of
    two words), and other names without their diacritics."""
    assert english_words(["Izraela"], "pl") == english_words(["Izraelem"], "pl") == ["israel"]
    assert english_words(["Hamasu"], "pl") == ["hamas"]
    assert english_words(["Niemczech"], "pl") == english_words(["Niemcy"], "pl") == ["germany"]
    assert english_words(["Stany", "Zjednoczone"], "pl") == ["united", "states"]
    assert english_words(["Iga", "Świątek"], "pl") == ["iga", "swiatek"]
    assert english_words(["Jepun"], "ms") == ["japan"]
    assert english_words(["Allemagne"], "fr") == ["germany"]
    assert english_words(["Paris", "Zürich"], "en") == ["paris", "zurich"]


@pytest.mark.parametrize(
    ("english", "report", "other"),
    [
        (
            ("en", ENGLISH, "Anwar tours Kuala Lumpur floods", "en"),
            ("zh", CHINESE, "安华视察吉隆坡水灾", "zh"),
            ("zh2", OTHER_CHINESE, "台风逼近九州", "zh"),
        ),
        (
            ("en", HARBOUR, "Blast on Norwegian tanker shuts Gdansk port", "en"),
            ("pl", HARBOUR_PL, "Wybuch na tankowcu w Gdańsku. Port zamknięty", "pl"),
            ("pl2", OTHER_PL, "Kraków ma budżet na przyszły rok", "pl"),
        ),
    ],
    ids=["chinese", "polish"],
)
def test_a_report_joins_the_english_story_it_shares_names_with(
    english: tuple[str, str, str, str],
    report: tuple[str, str, str, str],
    other: tuple[str, str, str, str],
) -> None:
    grouper = Grouper()
    told = [_article(*fields) for fields in (english, report, other)]
    stories = [grouper.place(a, features(a)).story for a in told]
    assert stories[0] == stories[1] != stories[2]


def _told(*terms: str, lang: str = "") -> Features:
    return Features(tuple((t, 1) for t in terms), "-", b"", None, lang)


STORY = (
    ("flood", "waters", "relief", "evacuated", "districts"),
    ("flood", "waters", "aid", "residents", "rose"),
)
NAMES = ("@anwar", "@kuala", "@lumpur", "@selangor", "@ibrahim")
# Its own words outweigh its names, as a report's words new to the stream do.
REPORT = (*(f"水灾{i}" for i in range(20)), "@anwar", "@kuala", "@lumpur", "@selangor")


def test_across_languages_the_names_are_the_evidence() -> None:
    """A report in a language no member is in reaches a story by its names (they are
    looked up whatever their weight) and is checked against the members on them: its
    words cannot be like theirs. Told no language, the same report fails the members'
    check on its words and starts a story; one shared name is not enough either way."""
    for lang, joins in (("zh", True), ("", False)):
        index = StoryIndex()
        first = index.place("a", _told(*STORY[0], *NAMES, lang=lang and "en"))
        index.place("b", _told(*STORY[1], *NAMES, lang=lang and "en"))
        report = index.place("c", _told(*REPORT, lang=lang))
        assert (report.story == first.story) is joins
        one_name = index.place("d", _told("台风", "学校", "停课", "@kuala", "@tokyo", lang=lang))
        assert one_name.story != first.story


def test_across_languages_fewer_names_in_common_are_enough() -> None:
    """A report sharing three of a story's five names and naming one of its own (names
    cosine 0.49) joins it from another language, not from the story's own, where words
    must be alike too; naming two of its own (0.39) it joins from neither."""
    harbour = (("blast", "tanker", "port", "closed"), ("blast", "terminal", "ships", "held"))
    names = ("@gdansk", "@norway", "@baltic", "@wrona", "@germany")
    words = tuple(f"słowo{i}" for i in range(20))
    for own, joins in ((("@sopot",), {"pl": True, "en": False}), (("@sopot", "@hel"), {})):
        for lang in ("pl", "en"):
            index = StoryIndex()
            first = index.place("a", _told(*harbour[0], *names, lang="en"))
            index.place("b", _told(*harbour[1], *names, lang="en"))
            report = _told(*words, "@gdansk", "@norway", "@baltic", *own, lang=lang)
            assert (index.place("c", report).story == first.story) is joins.get(lang, False)


def test_terms_are_the_same_words_with_or_without_a_run_of_chinese() -> None:
    """Text with no Chinese, Japanese or Korean is cut by a shorter path: the words it
    gives are those the full path gives the same words beside a Chinese run."""
    from storyline.group.features import _terms

    english = "The U.S. envoy met Kyiv's mayor, and the talks... went on."
    assert _terms(english) == ["u.s", "envoy", "met", "kyiv's", "mayor", "talks"]
    assert _terms(english + " 安华") == [*_terms(english), "安华"]
