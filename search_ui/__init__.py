"""Requests to results to pages, JSON, files and terminal text.

Layers, each importing only those before it: `engine` (search state → result objects; no
Flask, no Jinja, no routes), `rendering` (result objects → export formats, feeds, charts,
terminal text, the OpenAPI document), `web` (the Flask app, its views and templates), and
`cli` on top.
"""
