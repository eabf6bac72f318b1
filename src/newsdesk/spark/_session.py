"""The Spark session the job runs in: the master given (or the one ``spark-submit`` set,
else ``local[2]``), the Spark UI and console progress bar off, few shuffle partitions, and
partition folders read as strings (``date=unknown`` beside ``date=2024-01-31``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from pyspark import SparkConf
from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[2]"
_DAEMON = "spark.python.daemon.module"
_DEFAULTS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "8",
    "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
}


def spark_session(
    master: str | None = None,
    config: Mapping[str, str] | None = None,
    app_name: str = "newsdesk",
    *,
    preload: bool = False,
) -> SparkSession:
    """A session for the job. A master given here wins; under ``spark-submit`` its own
    ``--master`` is kept; a plain ``python`` run gets ``local[2]``, its Python workers
    running this interpreter (``PYSPARK_PYTHON`` is set to it unless already set).
    ``preload``: the Python workers are forked from a daemon that has loaded the spaCy
    pipeline (``newsdesk.spark._daemon``), for jobs that analyse."""
    conf = SparkConf()
    builder = SparkSession.builder.appName(app_name)
    if master or not conf.contains("spark.master"):
        builder = builder.master(master or DEFAULT_MASTER)
        # Local workers run this interpreter (PySpark reads only the variable for RDDs).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    for key, value in _DEFAULTS.items():
        if not conf.contains(key):  # spark-submit --conf wins over these defaults
            builder = builder.config(key, value)
    if preload and not conf.contains(_DAEMON):
        builder = builder.config(_DAEMON, "newsdesk.spark._daemon")
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
