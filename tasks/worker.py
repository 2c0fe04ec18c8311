"""Worker entry point: `celery -A tasks.worker worker -Q default,pdf`."""
from core.config import load_settings
from tasks.celery_app import celery_app, configure_celery

configure_celery(load_settings())
app = celery_app
