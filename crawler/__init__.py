"""Scrapy project for baodantoc.vn: spider, item pipelines, layout cleaning and the sample site."""
