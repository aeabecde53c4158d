"""Gazetteer data files (see README.md here). A package only so that setuptools ships the TSVs as
package data (``[tool.setuptools.package-data]`` matches files of packages); nothing to import."""
