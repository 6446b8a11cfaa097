"""The one orchestration layer: brief files, brief a stored story, ingest, brief all.

The CLI and the web service call these and nothing deeper; the stages (ingest, clean,
annotate, group, synthesize, render) never import the store, the CLI or the server, so
each can be run, tested and replaced alone. Submodules are imported by what needs them
(``storyline.run.ingest``, ``storyline.run.brief``...): importing this package loads no
stage.
"""
