"""The search engine: criteria in, result objects out; knows no Flask, Jinja or route."""
