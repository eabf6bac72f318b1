"""Near-duplicate clustering over the job's Parquet, on the executors.

The same test the local store applies (``newsdesk.store.dedup``): word 5-shingles, a
128-permutation MinHash, LSH bands for candidates, estimated Jaccard >= 0.8, bodies under
20 words never clustered. Signatures and band keys are computed per partition
(``mapPartitions``); candidate pairs come from a join on band keys; connected components are
found by min-label propagation (a join and a group-by a round, until no label changes), so
nothing but one count per round reaches the driver.

The cluster table (``OUT/clusters``), one row per article key::

    key        string   the article key (as in ``articles.key``)
    cluster    string   the cluster's canonical key: its earliest published member (articles
                        without a date last, then by key); the key itself when it has no copy
    size       int64    keys in the cluster
    canonical  boolean  key == cluster
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F  # Spark's own convention
from pyspark.sql.types import (
    ArrayType,
    BinaryType,
    LongType,
    StringType,
    StructField,
    StructType,
)

from newsdesk.spark import _layout

CLUSTERS = "clusters"
_MAX_ROUNDS = 50
_SIGNATURES = StructType(
    [
        StructField("key", StringType(), False),
        StructField("sig", BinaryType(), False),
        StructField("bands", ArrayType(LongType()), False),
    ]
)


def read_articles(spark: SparkSession, out: str) -> DataFrame:
    """The job's article table (partition folders read as strings)."""
    return spark.read.option("basePath", f"{out}/{_layout.ARTICLES}").parquet(
        f"{out}/{_layout.ARTICLES}"
    )


def _signatures(rows: Iterable[tuple[str, str | None]]) -> Iterator[tuple[str, bytes, list[int]]]:
    from newsdesk.store import dedup  # datasketch and numpy: on the executor

    for key, text in rows:
        sig = dedup.signature(dedup.words(text or ""))
        if sig is not None:
            yield key, dedup.signature_bytes(sig), dedup.band_keys(sig)


def _similar(pairs: Iterable[tuple[str, bytes, str, bytes]]) -> Iterator[tuple[str, str]]:
    from newsdesk.store import dedup

    for key_a, sig_a, key_b, sig_b in pairs:
        a, b = dedup.signature_from(sig_a), dedup.signature_from(sig_b)
        if dedup.similarity(a, b) >= dedup.THRESHOLD:
            yield key_a, key_b


def near_copy_edges(spark: SparkSession, articles: DataFrame) -> DataFrame:
    """(a, b) key pairs, a < b, whose bodies are near copies."""
    pairs = articles.select("key", "text").rdd.map(lambda r: (r[0], r[1]))
    sigs = spark.createDataFrame(pairs.mapPartitions(_signatures), _SIGNATURES).cache()
    bands = sigs.select("key", "sig", F.explode("bands").alias("band"))
    left, right = bands.alias("l"), bands.alias("r")
    candidates = (
        left.join(right, (F.col("l.band") == F.col("r.band")) & (F.col("l.key") < F.col("r.key")))
        .select(F.col("l.key"), F.col("l.sig"), F.col("r.key"), F.col("r.sig"))
        .dropDuplicates()
    )
    edges = candidates.rdd.map(lambda r: (r[0], r[1], r[2], r[3])).mapPartitions(_similar)
    schema = StructType([StructField("a", StringType()), StructField("b", StringType())])
    # Kept (not recomputed from the Python steps) for the rounds that read it again.
    found = spark.createDataFrame(edges, schema).dropDuplicates().localCheckpoint()
    sigs.unpersist()
    return found


def components(edges: DataFrame) -> DataFrame:
    """(key, label): each key of an edge with the smallest key of its connected component."""
    both = edges.union(edges.select(F.col("b").alias("a"), F.col("a").alias("b")))
    labels = both.groupBy("a").agg(F.least(F.min("b"), F.min("a")).alias("label"))
    labels = labels.withColumnRenamed("a", "key").localCheckpoint()
    for _round in range(_MAX_ROUNDS):
        spread = (
            both.join(labels, both.a == labels.key)
            .groupBy(F.col("b").alias("key"))
            .agg(F.min("label").alias("seen"))
        )
        joined = labels.join(spread, "key", "left")
        new = joined.select(
            "key", F.least("label", F.coalesce("seen", "label")).alias("label")
        ).localCheckpoint()
        changed = joined.where(F.col("seen") < F.col("label")).count()
        labels = new
        if changed == 0:
            break
    return labels


def cluster_table(spark: SparkSession, out: str) -> DataFrame:
    """Every article key with its cluster (see the module docstring)."""
    articles = read_articles(spark, out)
    keys = articles.groupBy("key").agg(F.min("published").alias("published"))
    labels = components(near_copy_edges(spark, articles))
    nodes = keys.join(labels, "key", "left").withColumn("label", F.coalesce("label", "key"))
    order = F.struct(F.col("published").isNull(), F.col("published"), F.col("key"))
    heads = nodes.groupBy("label").agg(
        F.min(order).getField("key").alias("cluster"), F.count("*").alias("size")
    )
    table = nodes.join(heads, "label").select(
        "key", "cluster", "size", (F.col("key") == F.col("cluster")).alias("canonical")
    )
    return table


def write_clusters(spark: SparkSession, out: str) -> int:
    """Compute and write ``OUT/clusters`` (replacing the last one); the number of keys that
    are copies of another."""
    table = cluster_table(spark, out)
    table.write.mode("overwrite").parquet(f"{out}/{CLUSTERS}")
    written = spark.read.parquet(f"{out}/{CLUSTERS}")
    return int(written.where(~F.col("canonical")).count())
