"""PySpark's Python worker daemon, with newsdesk's spaCy pipeline loaded before it forks the
workers (``spark.python.daemon.module``; set by ``spark_session(preload=True)`` when the job
analyses). The workers then share the model's memory pages (copy-on-write) instead of each
loading a copy of its own: less memory per executor core, and the workers of one executor
read the same weights through the same CPU caches.

A pipeline that cannot be loaded here is left to the tasks, which report it as before.
Nothing may be printed on standard output: the daemon tells Spark its port there.
"""

from __future__ import annotations

from pyspark import daemon


def preload() -> None:
    """Load the analysis pipeline named by the environment (``NEWSDESK_SPACY_MODEL``)."""
    try:
        from newsdesk.analyze import load_pipeline
        from newsdesk.settings import Settings

        load_pipeline(Settings.from_env().spacy_model)
    except Exception:  # a task loading it says what is wrong, per input
        return


if __name__ == "__main__":
    preload()
    daemon.manager()
