"""Celery application and the background jobs; jobs take ids and own their sessions."""
from .celery_app import celery_app, configure_celery

__all__ = ["celery_app", "configure_celery"]
