"""Relevance evaluation (issue 17): do the entries a user needs come first?

    python -m benchmarks.relevance [--half dev|held-out|all] [--json] [--misses] [--write]

Information needs phrased as the users would (needs.tsv), every entry of the seed issue
graded 0/1/2 for each (judgments.tsv), are asked of veille's search service (the code path
of /api/search) and of SQLite FTS5 on the same entries (benchmarks/fts5.py); nDCG@10,
recall@10, MRR and the zero-result rate are reported per kind of need and per half. Tune
on the development half only; the held-out half says whether the tuning generalises.
"""
