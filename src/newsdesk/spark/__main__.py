"""``python -m newsdesk.spark WARC_PATHS.txt --out DIR`` and
``spark-submit .../newsdesk/spark/__main__.py WARC_PATHS.txt --out DIR``: the
``newsdesk spark`` command, for ``spark-submit`` (which takes a file, not a console script).
"""

from newsdesk.cli.spark import spark_command

if __name__ == "__main__":
    spark_command(prog_name="newsdesk spark")
