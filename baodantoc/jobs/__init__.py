"""The jobs behind the commands: ``crawl``, ``extract``, ``run`` (crawl + extract + export),
``annotate`` and ``evaluate``, one module each.

Each is a library function over the layers below (crawler, extract, store, export) that returns a
report and takes callbacks for progress; it never prints (the command line renders). Import the
module you need: each pulls in only its own dependencies (Scrapy, the NLP models, pyarrow).
"""
