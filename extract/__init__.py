"""Pure NLP: text in, mentions/entities/facts out. Imports no Scrapy, no SQLite, no file I/O."""
