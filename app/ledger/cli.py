"""CLI: `flask seed-catalogue` writes the default ledger categories, types and metrics (idempotent)."""
import click
from flask import Flask

from core import db as core_db
from core.metrics.definitions import seed_catalogue


def register(app: Flask) -> None:
    @app.cli.command("seed-catalogue")
    def seed_catalogue_command() -> None:
        """写入默认台账类别、类型和指标目录（已有的不覆盖，可重复运行）。"""
        with core_db.session_scope() as session:
            for line in seed_catalogue(session):
                click.echo(line)
