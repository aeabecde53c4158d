"""The jobs behind the commands: ``crawl``, ``extract``, ``run`` (crawl + extract + export),
``annotate`` (``corpus`` and ``corpus_input`` for ``annotate --shards``) and ``evaluate``, one
module each; ``engine`` and ``cluster`` are where the CPU-bound work runs (this process, a process
pool, a Dask cluster).

Each is a library function over the layers below (crawler, extract, store, export) that returns a
report and takes callbacks for progress; it never prints (the command line renders). Import the
module you need: each pulls in only its own dependencies (Scrapy, the NLP models, pyarrow).
"""
