"""Reports in French, Polish and English through the commands a user runs (issue: reports
in any language): each is stored with its language, cleaned and split in its own, and
briefed; French facts are read, Polish ones are named as not read. The reports are
written here for the test."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from helpers import write
from storyline.cli import app

runner = CliRunner()

FRENCH = (
    "La crue de la Velmora a fait au moins 12 morts mardi 17 novembre, a indiqué le préfet "
    "Jean Arnaud à Montreuil. Environ 1 500 habitants ont été évacués. Les secours "
    "restent mobilisés toute la nuit le long de la rivière."
)
POLISH = (
    "Powódź na rzece Velmora zabiła co najmniej 12 osób we wtorek, poinformował prefekt "
    "Jean Arnaud w Montreuil. Około 1500 mieszkańców ewakuowano. Służby ratunkowe "
    "pracują przez całą noc wzdłuż rzeki."
)
ENGLISH = (
    "The Velmora flood killed at least 12 people on Tuesday, prefect Jean Arnaud said in "
    "Montreuil. Some 1,500 residents were evacuated. Rescue teams worked through the "
    "night along the river."
)


def _reports(folder: Path) -> Path:
    for name, text in (("courrier.txt", FRENCH), ("gazeta.txt", POLISH), ("herald.txt", ENGLISH)):
        write(folder / name, text)
    return folder


def test_french_and_polish_reports_are_stored_split_and_briefed(tmp_path: Path) -> None:
    folder, db = _reports(tmp_path / "in"), str(tmp_path / "s.db")
    assert runner.invoke(app, ["ingest", str(folder), "--db", db]).exit_code == 0
    listing = runner.invoke(app, ["stories", "--db", db, "--json"])
    stories = [json.loads(x) for x in listing.stdout.splitlines()]
    assert sorted(lang for s in stories for lang in s["languages"]) == ["en", "fr", "pl"]

    result = runner.invoke(app, ["brief", str(folder), "--format", "json", "--words", "200"])
    assert result.exit_code == 0, result.output
    brief = json.loads(result.stdout)
    langs = {a["outlet"]: a["lang"] for a in brief["articles"]}
    assert sorted(langs.values()) == ["en", "fr", "pl"]
    assert brief["unread_languages"] == ["pl"]  # no Polish model ships: said, not hidden
    french = next(i for i, a in enumerate(brief["articles"]) if a["lang"] == "fr")
    polish = next(i for i, a in enumerate(brief["articles"]) if a["lang"] == "pl")
    toll = next(f for f in brief["facts"] if {v["text"] for v in f["values"]} >= {"au moins 12"})
    assert toll["status"] == "agreed" and {"at least 12", "au moins 12"} <= {
        v["text"] for v in toll["values"]
    }
    assert any(s["article"] == french for e in brief["timeline"] for s in e["sources"])
    # Each report is split in its own language's sentences, and each may be summarised.
    own = [x["text"] for x in brief["sentences"] if x["sources"][0]["article"] == polish]
    assert own and all(x in POLISH and x.count(".") == 1 for x in own)

    markdown = runner.invoke(app, ["brief", str(folder)]).stdout
    assert "not read in the articles in pl" in markdown and "au moins 12" in markdown


CHINESE = (
    "维尔莫拉河洪水周二造成至少12人死亡，省长让·阿尔诺在蒙特勒伊表示。约1500名居民被疏散。"
    "救援人员整夜沿河搜救。"
)
MALAY = (
    "Banjir Sungai Velmora meragut sekurang-kurangnya 12 nyawa pada hari Selasa, kata "
    "prefek Jean Arnaud di Montreuil. Kira-kira 1,500 penduduk dipindahkan. Pasukan "
    "penyelamat bekerja sepanjang malam di tepi sungai."
)


def test_chinese_and_malay_reports_go_through_every_command(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", str(tmp_path / "s.db")
    write(folder / "ribao.txt", CHINESE)
    write(folder / "berita.txt", MALAY)
    assert runner.invoke(app, ["ingest", str(folder), "--db", db]).exit_code == 0
    listing = runner.invoke(app, ["stories", "--db", db, "--json"])
    stories = [json.loads(x) for x in listing.stdout.splitlines()]
    assert sorted(lang for s in stories for lang in s["languages"]) == ["ms", "zh"]
    for story in stories:
        shown = runner.invoke(app, ["story", str(story["id"]), "--db", db, "--json"])
        assert [a["lang"] for a in json.loads(shown.stdout)["articles"]] == story["languages"]
        result = runner.invoke(app, ["brief", "--story", str(story["id"]), "--db", db])
        assert result.exit_code == 0, result.output
        lang = story["languages"][0]
        assert f"not read in the articles in {lang}" in result.stdout
        summary = result.stdout.split("## Summary", 1)[1]
        assert ("救援人员" in summary) if lang == "zh" else ("Banjir" in summary)
