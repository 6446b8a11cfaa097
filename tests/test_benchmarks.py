"""The summary benchmark stays runnable, and storyline stays ahead of its peers on real
clusters (a quality gate: deterministic, so a drop means a change made it worse)."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, SHARED_DATA, assert_faithful_and_linked

LONGBENCH = SHARED_DATA / "summarization/multinews-longbench/multi_news.jsonl"


def _figures(script: str, tmp_path: Path, *args: str) -> dict:
    """What a benchmark writes with ``--json``."""
    out = tmp_path / "figures.json"
    command = [sys.executable, str(ROOT / "benchmarks" / script), *args, "--json", str(out)]
    subprocess.run(command, check=True, capture_output=True)
    figures: dict = json.loads(out.read_text())
    return figures


@pytest.mark.slow
def test_storyline_beats_every_peer_on_the_first_40_clusters(tmp_path: Path) -> None:
    if not LONGBENCH.exists():
        pytest.skip("shared data not beside the clone")
    results = _figures("summary_quality.py", tmp_path, "--limit", "40")["results"]
    ours = results.pop("storyline")
    for peer, figures in results.items():
        for metric in ("rouge1", "rouge2", "rougeLsum"):
            assert ours[metric] > figures[metric], (peer, metric)


MMDS = SHARED_DATA / "clustering/mmds2025-dev"
PLUS_VAL = SHARED_DATA / "summarization/multinews-plus-val"
STREAM = SHARED_DATA / "streams/rss2023-demo-week.jsonl.gz"


@pytest.mark.slow
def test_grouping_beats_both_baselines_on_b_cubed_f1() -> None:
    if not MMDS.is_dir():
        pytest.skip("shared data not beside the clone")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import grouping_quality

    table = grouping_quality.run(shuffles=3, use_embeddings=True, out=lambda _: None)
    for view in ("gold as given", "no-event bin as singletons"):
        rows = table[view]
        assert any(name.startswith("MiniLM") for name in rows), "HDBSCAN baseline did not run"
        ours = rows.pop("storyline (online, ID order)")
        for peer, figures in rows.items():
            assert ours["B3 F1"] > figures["B3 F1"], (view, peer)
    assert min(table["order"]["ari"]) > 0.6  # order changes the grouping only a little
    # Across languages: 0.157 of the pairs at 0.909 precision before Chinese names were
    # read in English words, names probed and checked on across languages (0.276 / 0.897),
    # and names put as English writes them (0.339 / 0.915). Issue 22's aim: recall doubled.
    assert ours["cross R"] >= 0.314 and ours["cross P"] >= 0.9  # the bin as singletons


def test_polish_reports_join_the_english_stories_of_their_event() -> None:
    """8 October's Polish feed items against their hand labels: before names were put
    as English writes them, none joined an English story of its event."""
    if not STREAM.is_file():
        pytest.skip("shared data not beside the clone")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import stream_grouping

    found = stream_grouping.polish(out=lambda _: None)
    assert found["items right"] >= 15 and found["pairs right"] >= 0.65 * found["pairs grouped"]


@pytest.mark.slow
def test_ingest_throughput_runs_and_is_fast(capsys: pytest.CaptureFixture[str]) -> None:
    if not PLUS_VAL.is_dir():
        pytest.skip("shared data not beside the clone")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import ingest_throughput

    figures = ingest_throughput.run(limit=2000, batch=256)
    assert figures["stored"] > 1500
    assert figures["rate"] * 3600 > 100_000  # the floor, with a wide margin here


@pytest.mark.slow
def test_every_fact_of_the_gold_clusters_points_at_its_text_and_quality_holds() -> None:
    """The fact layer over the gold set (benchmarks/gold/): every item of every brief is
    faithful to its spans, and the measured quality does not fall below its floor."""
    if not LONGBENCH.exists():
        pytest.skip("shared data not beside the clone")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import facts_quality

    result = facts_quality.run(
        "fast", check=assert_faithful_and_linked, out=lambda _: None, repeats=0
    )
    assert result["conflicts"].precision >= 0.9
    assert result["conflicts"].recall >= 0.8
    assert result["agreements"].precision >= 0.9
    assert result["aliases"].precision >= 0.9
    right, total = result["dates"][:2]
    assert right / total >= 0.9


def _retrained(script: str, shipped: str, tmp_path: Path, *options: str) -> str:
    """Run a training script of benchmarks/ into ``tmp_path``, check that it makes the
    package's model byte for byte, and give back what it printed."""
    out = tmp_path / Path(shipped).name
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), "--out", str(out), *options],
        check=True,
        capture_output=True,
        text=True,
    )
    assert out.read_bytes() == (ROOT / "src/storyline" / shipped).read_bytes()
    return done.stdout


@pytest.mark.slow
def test_the_shipped_line_model_is_what_its_training_script_makes(tmp_path: Path) -> None:
    """benchmarks/train_lines.py rebuilds the scraped-text cleaner's model byte for byte,
    so the artifact in the package is the script's, and its printed scores are its own."""
    if not (SHARED_DATA / "extraction").exists():
        pytest.skip("shared data not beside the clone")
    printed = _retrained("train_lines.py", "clean/line_model.joblib", tmp_path)
    cross_validated = float(printed.split("cross-validated")[1].split("F1")[1].split()[0])
    assert cross_validated >= 0.88


@pytest.mark.slow
def test_the_shipped_summary_scorer_is_what_its_training_script_makes(tmp_path: Path) -> None:
    """benchmarks/train_selector.py rebuilds the summary's learned sentence scorer byte for
    byte from multinews-plus-val (its scores are measured by summary_quality.py, where
    the centroid scorer is one of the peers storyline must beat)."""
    if not PLUS_VAL.exists():
        pytest.skip("shared data not beside the clone")
    _retrained("train_selector.py", "synthesize/selector_model.joblib", tmp_path, "--no-eval")


@pytest.mark.slow
def test_real_reports_in_other_languages_are_kept_and_read() -> None:
    """The gates of benchmarks/languages.py: the Polish items of a real feed day are
    stored, most as full articles; no mmds2025-dev article (English, Chinese, Malay) is
    dropped by the cleaner."""
    stream = SHARED_DATA / "streams/rss2023-demo-week.jsonl.gz"
    if not stream.exists():
        pytest.skip("shared data not beside the clone")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import languages

    polish = [r for r in languages.records(None) if r["lang"] == "pl"][:800]
    counts = languages.stored_counts(polish)
    assert counts["not stored"] <= 0.03 * len(polish)
    assert counts["full"] >= 0.85 * len(polish)
    kept, total = languages.kept_of_mmds()
    assert kept == total


@pytest.mark.slow
def test_dates_lead_dateparser_on_tempeval() -> None:
    """The gate of benchmarks/dates_quality.py: TempEval-3's calendar dates, each
    document's creation date as its publication date."""
    if not (SHARED_DATA / "gold/tempeval3/train.jsonl").exists():
        pytest.skip("shared data not beside the clone")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import dates_quality as dates

    docs = dates.documents(None)
    truths = [dates.gold(d)[0] for d in docs]
    ours = [dates.storyline(d, dates.Depth.FAST) for d in docs]
    peer = [dates.dateparser_peer(d, t) for d, t in zip(docs, truths, strict=True)]
    f1 = dates.scored(list(zip(truths, ours, strict=True)))[2]
    assert f1 >= 0.84
    assert f1 > dates.scored(list(zip(truths, peer, strict=True)))[2] + 0.3


@pytest.mark.slow
def test_quotes_and_speakers_lead_the_regex_peer_on_polnear() -> None:
    """The gate of benchmarks/quotes_quality.py on PolNeAR's dev articles."""
    if not (SHARED_DATA / "gold/polnear/dev.jsonl").exists():
        pytest.skip("shared data not beside the clone")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import quotes_quality as quotes

    docs = quotes.documents("dev", None)
    ours = quotes.scored(docs, [quotes.storyline(d, quotes.Depth.FAST) for d in docs])
    peer = quotes.scored(docs, [quotes.regex_peer(d) for d in docs])
    assert ours["recall"] >= 0.8 and ours["precision"] >= 0.94
    assert ours["speaker"] >= 0.52 and ours["speaker"] > peer["speaker"] + 0.1


@pytest.mark.slow
def test_entity_names_and_types_hold_on_conll() -> None:
    """The floor of benchmarks/entities_quality.py on CoNLL-2003 dev: names found at least
    as often as by the raw model (full depth), and at both depths types right for 0.92
    of them (the issue's aim is 0.90; the raw model's 0.83)."""
    if not (SHARED_DATA / "gold/conll2003/dev.jsonl").exists():
        pytest.skip("shared data not beside the clone")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import entities_quality as entities

    docs = entities.documents(None)
    truths = [entities.gold(d) for d in docs]
    ours = [entities.storyline(d, entities.Depth.FULL) for d in docs]
    found, right = entities.scored(truths, ours)
    fast = [entities.storyline(d, entities.Depth.FAST) for d in docs]
    peer_found, _ = entities.scored(truths, [entities.spacy_peer(d) for d in docs])
    assert found >= peer_found
    assert right >= 0.92 and entities.scored(truths, fast)[1] >= 0.92


@pytest.mark.slow
def test_the_shipped_name_finder_is_what_its_training_script_makes(tmp_path: Path) -> None:
    """benchmarks/train_name_finder.py rebuilds the name finder's model and word list byte
    for byte (without its cross-validation, which takes minutes: the dev split's floor is
    test_names_are_found_at_the_default_depth_on_conll)."""
    if not (SHARED_DATA / "gold/conll2003/train.jsonl").exists():
        pytest.skip("shared data not beside the clone")
    _retrained(
        "train_name_finder.py", "annotate/name_finder_model.joblib", tmp_path, "--folds", "0"
    )
    common = "name_finder_common.joblib"
    assert (tmp_path / common).read_bytes() == (
        ROOT / "src/storyline/annotate" / common
    ).read_bytes()


@pytest.mark.slow
def test_names_are_found_at_the_default_depth_on_conll() -> None:
    """The floor of benchmarks/entities_quality.py's default depth on CoNLL-2003 dev: the
    names a brief shows cover 0.95 of the gold people, organisations and places (the
    issue's aim is 0.85; spaCy reading every word, 0.80), and 0.97 of them are names."""
    if not (SHARED_DATA / "gold/conll2003/dev.jsonl").exists():
        pytest.skip("shared data not beside the clone")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import entities_quality as entities

    docs = entities.documents(None)
    truths = [entities.gold(d) for d in docs]
    briefed = [entities.storyline(d, entities.Depth.FAST, brief=True) for d in docs]
    found, right = entities.scored(truths, briefed)
    assert found >= 0.95 and right >= 0.92
    assert entities.real(truths, briefed) >= 0.97


@pytest.mark.slow
def test_the_shipped_entity_type_model_is_what_its_training_script_makes(
    tmp_path: Path,
) -> None:
    """benchmarks/train_entity_types.py rebuilds the entity type model byte for byte, and
    its cross-validated figure holds."""
    if not (SHARED_DATA / "gold/conll2003/train.jsonl").exists():
        pytest.skip("shared data not beside the clone")
    printed = _retrained("train_entity_types.py", "annotate/entity_type_model.joblib", tmp_path)
    assert float(printed.split("folds: ")[1].split()[0]) >= 0.92


@pytest.mark.slow
def test_attribution_credits_rewordings_and_stays_precise(tmp_path: Path) -> None:
    """On the hand-labelled pairs (benchmarks/gold/attribution.json): storyline credits
    several times the pairs the strict rule did, nearly all of them rightly, and never a
    pair that gives another figure."""
    if not LONGBENCH.exists():
        pytest.skip("shared data not beside the clone")
    figures = _figures("attribution_quality.py", tmp_path)
    ours, before = figures["storyline"], figures["storyline before (strict words)"]
    assert ours["precision"] >= 0.85 and ours["lenient_precision"] >= 0.95
    assert ours["recall"] >= 3 * before["recall"]
    assert ours["conflicts"] == 0


@pytest.mark.slow
def test_the_conflicts_benchmark_runs_and_its_flags_stay_as_precise(tmp_path: Path) -> None:
    """Gun Violence Archive flags read by hand (benchmarks/gold/conflicts.json), and
    planted conflicts: a floor at today's figures, so a change that makes them worse
    fails (the issue's aims, precision 0.8 and recall 0.9, are above both). The real
    flags are counted too: a rule that cut flags, real ones with the false, fails."""
    if not (SHARED_DATA / "gold/gva-incidents.jsonl").exists():
        pytest.skip("shared data not beside the clone")
    figures = _figures("conflicts_quality.py", tmp_path, "--clusters", "300")
    assert figures["real"] >= 15 and figures["real"] / figures["read"] >= 0.8
    assert figures["caught"] / figures["planted"] >= 0.5


@pytest.mark.slow
def test_the_polish_event_gold_points_at_its_items_and_the_english_events() -> None:
    """Each labelled line still is its item (the URL's hash), and each English event id
    is one of the English gold's."""
    if not (SHARED_DATA / "streams").is_dir():
        pytest.skip("shared data not beside the clone")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import stream_grouping

    polish = stream_grouping.gold(stream_grouping.POLISH_GOLD)
    english = set(stream_grouping.gold().values())
    found = stream_grouping.items(set(polish))
    assert len(found) == len(polish) == 368
    assert all(r["lang"] == "pl" and r["published"][:10] == "2023-10-08" for _, r in found)
    with stream_grouping.POLISH_GOLD.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    urls = {n: r["url"] for n, r in found}
    for row in rows:
        assert hashlib.sha1(urls[int(row["line"])].encode()).hexdigest()[:12] == row["url_sha1"]
    assert {e for e in polish.values() if e.startswith("E")} <= english


@pytest.mark.slow
def test_aliases_across_reports_hold_on_ecb_plus() -> None:
    """The floor of benchmarks/aliases_quality.py on ECB+ dev (fast): names of one
    entity across reports linked with pairwise F1 0.87 (the issue's aim is 0.88) and
    precision 0.9."""
    if not (SHARED_DATA / "gold/ecbplus/dev.jsonl").exists():
        pytest.skip("shared data not beside the clone")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import aliases_quality as aliases

    pairs = aliases.Pairs()
    for docs in aliases.subtopics("dev").values():
        names, _ = aliases.found(docs, aliases.Depth.FAST)
        aliases.score(names, lambda x, y: x.entity == y.entity, pairs)
    precision, _, f1 = pairs.f1()
    assert precision >= 0.9 and f1 >= 0.87
