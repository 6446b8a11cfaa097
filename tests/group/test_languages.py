"""Reports of one event in two languages (group/features.py, group/chinese_names.py,
group/stories.py): a Chinese report shares its names with English ones through the
English words for them, and joins an English story on the names it shares, and only
then. The reports are written here for the test."""

from __future__ import annotations

from storyline.group.chinese_names import english_names
from storyline.group.features import features
from storyline.group.grouper import Grouper
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


def test_a_chinese_report_joins_the_english_story_it_shares_names_with() -> None:
    grouper = Grouper()
    english = _article("en", ENGLISH, "Anwar tours Kuala Lumpur floods", "en")
    chinese = _article("zh", CHINESE, "安华视察吉隆坡水灾", "zh")
    other = _article("zh2", OTHER_CHINESE, "台风逼近九州", "zh")
    stories = [grouper.place(a, features(a)).story for a in (english, chinese, other)]
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
