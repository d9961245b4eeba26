"""The blueprints: HTML pages and the JSON API, two views of the same result object."""
