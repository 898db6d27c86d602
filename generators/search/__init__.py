"""Search index for the portal (issue 3): tokeniser shared with the browser,
sharded lunr indexes built with lunr.py, exact-lookup tables and display
chunks.  Pure Python; no Pelican imports.

    from generators.search import write_search_index
    files = write_search_index(docs, officers, output / "search")
"""
from .build import write_search_index
from .tokenize import exact_key, query_tokens, tokenize

__all__ = ["write_search_index", "tokenize", "query_tokens", "exact_key"]
