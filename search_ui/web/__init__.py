"""The Flask app: factory, views (HTML pages and their JSON twins), security, serving."""
