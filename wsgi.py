"""WSGI entry point: `flask --app wsgi run`, `gunicorn wsgi:app`."""
from core.startup import without_collector

with without_collector():
    from app import create_app

    app = create_app()
