"""The Spark job: many WARC files through the same stages and runner as the local pipeline,
one task per file, Parquet out, near-duplicate clusters computed on the executors.

::

    from newsdesk.spark import read_paths, run_job, spark_session, write_clusters

    spark = spark_session("local[2]")
    summary = run_job(spark, read_paths("warc.paths"), "out/", Settings.from_env())
    copies = write_clusters(spark, "out")

The output layout and its schema: ``newsdesk.spark._schema``; how an input is committed and
skipped by the next run: ``newsdesk.spark._layout``; the clusters: ``newsdesk.spark._dedup``.
PySpark is imported here: import this package only where Spark is wanted.
"""

from newsdesk.spark._dedup import cluster_table, read_articles, write_clusters
from newsdesk.spark._job import JobSummary, read_paths, run_job
from newsdesk.spark._load import load_into_store
from newsdesk.spark._schema import ARTICLE_SCHEMA, FAILURE_SCHEMA, RECORD_FIELDS
from newsdesk.spark._session import spark_session
from newsdesk.spark._task import InputReport, TaskSpec, process_input

__all__ = [
    "ARTICLE_SCHEMA",
    "FAILURE_SCHEMA",
    "RECORD_FIELDS",
    "InputReport",
    "JobSummary",
    "TaskSpec",
    "cluster_table",
    "load_into_store",
    "process_input",
    "read_articles",
    "read_paths",
    "run_job",
    "spark_session",
    "write_clusters",
]
