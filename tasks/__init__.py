"""The background jobs; jobs take ids and own their sessions.

The web layer configures them through tasks.config and imports a job module only where it enqueues:
Celery loads with the first job a process starts, or in the worker (tasks.worker).
"""
