"""The defaults a user meets on every surface (CLI, web service, library), in one light
module so that reading them loads no stage."""

from storyline.model import Depth

DEFAULT_WORDS = 150  # the summary's word budget
DEFAULT_DEPTH = Depth.FAST  # of the fact layer (annotate/nlp.py)
BATCH = 256  # articles an ingest commits at once
MAX_ARTICLES = 500  # of one brief; more are reported, not read

# Related stories a story's page and API answer list (the thread's own page lists all).
RELATED_SHOWN = 20

# A watch (run/watch.py): minutes between two fetches of one source, and seconds between
# two requests to one host.
WATCH_EVERY = 15.0
HOST_DELAY = 2.0
