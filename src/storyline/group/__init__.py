"""Group stage: copies link to their original, everything else joins or starts a story.

Modules are imported by what needs them (``group.grouper``, ``group.features``,
``group.headline``): the store reads the headline rule without loading MinHash.
"""
