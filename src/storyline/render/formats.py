"""The output formats, apart from their renderers so that naming one loads no template."""

from enum import StrEnum


class Format(StrEnum):
    MD = "md"
    JSON = "json"
    HTML = "html"
