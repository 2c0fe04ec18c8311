"""Worker entry point: `celery -A tasks.worker worker -Q default,pdf`."""
from core.startup import without_collector

with without_collector():
    from core.config import load_settings
    from tasks import config
    from tasks.celery_app import celery_app

    config.configure(load_settings())
app = celery_app
