"""Hostile input through every reader and the whole brief and ingest paths (the
properties are in tests/fuzzing.py). This is the bounded profile `make test` runs;
`make fuzz` runs the same properties for 10,000+ cases."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

import fuzzing

BOUNDED = settings(
    max_examples=60,
    deadline=None,  # a 10,000-deep page takes a while; hangs are caught by the suite's timeout
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@BOUNDED
@given(fuzzing.hostile_file())
def test_every_reader_survives_hostile_input_and_keeps_the_good_file(
    case: tuple[str, bytes],
) -> None:
    fuzzing.check_reading(*case)


@settings(BOUNDED, max_examples=25)
@given(fuzzing.hostile_file())
def test_the_brief_path_survives_hostile_input(case: tuple[str, bytes]) -> None:
    fuzzing.check_brief(*case)


@settings(BOUNDED, max_examples=25)
@given(fuzzing.hostile_file())
def test_the_ingest_path_survives_hostile_input_and_stores_the_good_once(
    case: tuple[str, bytes],
) -> None:
    fuzzing.check_ingest(*case)
