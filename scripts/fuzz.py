"""`make fuzz`: the hostile-input properties of tests/fuzzing.py over many cases.

Unlike the bounded test profile, a failing case does not stop the run: every case is
timed, failures are counted and the first ones saved under test-output/fuzz/, and the
run ends with the counts and the slowest case (its input saved beside the failures).

    python scripts/fuzz.py [--cases 10000]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import fuzzing  # noqa: E402

OUT = ROOT / "test-output" / "fuzz"
# Share of the cases per property: reading is cheap, a brief or an ingest costs more.
SHARES = {"read": 0.8, "brief": 0.1, "ingest": 0.1}


def run(kind: str, cases: int, record: dict) -> None:
    check = {
        "read": fuzzing.check_reading,
        "brief": fuzzing.check_brief,
        "ingest": fuzzing.check_ingest,
    }[kind]

    @settings(
        max_examples=cases,
        deadline=None,
        phases=[Phase.generate],
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(fuzzing.hostile_file())
    def each(case: tuple[str, bytes]) -> None:
        name, data = case
        start = time.perf_counter()
        try:
            check(name, data)
        except Exception:
            record["failures"] += 1
            if record["failures"] <= 20:
                OUT.mkdir(parents=True, exist_ok=True)
                stem = OUT / f"{kind}-{record['failures']:02d}-{name}"
                stem.write_bytes(data)
                stem.with_suffix(stem.suffix + ".txt").write_text(traceback.format_exc())
        seconds = time.perf_counter() - start
        record["cases"] += 1
        if seconds > record["slowest"][0]:
            record["slowest"] = (seconds, kind, name, len(data))
            OUT.mkdir(parents=True, exist_ok=True)
            (OUT / f"slowest-{name}").write_bytes(data)  # to look into afterwards

    each()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL)  # as the CLI: libraries' log lines are noise
    record: dict = {"cases": 0, "failures": 0, "slowest": (0.0, "", "", 0)}
    start = time.perf_counter()
    for kind, share in SHARES.items():
        run(kind, max(1, round(args.cases * share)), record)
        print(f"{kind}: {record['cases']} cases so far, {record['failures']} failures", flush=True)
    seconds, kind, name, size = record["slowest"]
    print(
        f"\nfuzz: {record['cases']} cases in {time.perf_counter() - start:.0f} s, "
        f"{record['failures']} failures; slowest case {seconds:.2f} s ({kind}, {name}, "
        f"{size:,} bytes; saved as {OUT / ('slowest-' + name)})"
    )
    if record["failures"]:
        print(f"failing inputs and tracebacks: {OUT}")
    return 1 if record["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
