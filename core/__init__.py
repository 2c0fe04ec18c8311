"""The service's core: plain functions over a SQLAlchemy session and plain data, no Flask."""
