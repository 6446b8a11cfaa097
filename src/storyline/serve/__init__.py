"""The story store behind a REST API and a web page (``storyline serve``)."""

from storyline.serve.app import create_app

__all__ = ["create_app"]
