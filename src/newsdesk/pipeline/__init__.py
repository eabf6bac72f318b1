"""The pipeline: a first stage (``Page -> Article``), then stages (``Article -> Article``),
run by one runner that names the stage that failed and counts every outcome.

::

    from newsdesk.pipeline import ANALYZE, EXTRACT, RunStats, run

    stats = RunStats()
    for result in run(["pages/"], settings, [ANALYZE], first=EXTRACT):
        stats.add(result)   # result.article, or result.error and result.stage
    print(stats.summary())

Nothing heavy is imported here: extraction, analysis and the sources load on first use.
"""

from newsdesk.pipeline._contract import FirstStage, FunctionStage, Stage, check_order
from newsdesk.pipeline._runner import Result, StoreOutcome, process_page, run, run_stages
from newsdesk.pipeline._stages import (
    ANALYSIS_LANGUAGES,
    ANALYZE,
    DEFAULT_STAGES,
    EXTRACT,
    PLAIN_TEXT,
    AnalyzeStage,
    ExtractStage,
    PlainTextStage,
)
from newsdesk.pipeline._stats import RunStats, StageCount

__all__ = [
    "ANALYSIS_LANGUAGES",
    "ANALYZE",
    "DEFAULT_STAGES",
    "EXTRACT",
    "PLAIN_TEXT",
    "AnalyzeStage",
    "ExtractStage",
    "FirstStage",
    "FunctionStage",
    "PlainTextStage",
    "Result",
    "RunStats",
    "Stage",
    "StageCount",
    "StoreOutcome",
    "check_order",
    "process_page",
    "run",
    "run_stages",
]
