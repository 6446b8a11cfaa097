"""Where a story stands in the list: a rule of the news, kept out of the SQL like the
headline's.

A reader wants the week's big events above a two-article column, and today's above last
week's. One number weighs both: the story's last day, plus one day for each doubling of
the outlets that cover it. A story eight outlets carry, last reported yesterday, ranks
above one outlet's report of today; the same story left alone for four days falls below
it. It depends on the story alone (not on the clock), so it is computed when a story
changes and the list is a plain ``ORDER BY``.
"""

from __future__ import annotations

import datetime as dt
import math


def rank(last_seen: dt.date | None, outlets: int) -> float:
    day = last_seen.toordinal() if last_seen is not None else 0
    return day + math.log2(max(1, outlets))
