"""Vocabulary beyond a model's own words: bridges, a synonyms overlay, and the on-disk cache.

Why a package of its own: the lexicon (``nl2sql.lexicon``) matches only what a model says;
this package derives, once per model, what users say instead — suffixes of names, description
words, a general business thesaurus, CC-CEDICT's Chinese — and caches it on disk keyed by the
model's content, so a cold ``orderlens ask`` reads a small JSON file instead of scanning the
dictionaries again.
"""

from __future__ import annotations

from nl2sql.vocabulary.index import VOCABULARY_VERSION, bridges_for, catalog_fingerprint

__all__ = ["VOCABULARY_VERSION", "bridges_for", "catalog_fingerprint"]
