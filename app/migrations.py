"""`flask db …` (Flask-Migrate over Alembic), loaded only when a `db` command runs.

Alembic and Flask-Migrate take about a fifth of the service's start-up; every other command, the web
server and the worker start without them.
"""
import click
from flask import Flask
from flask.cli import ScriptInfo

from .extensions import db


def init_migrations(app: Flask) -> None:
    """Bind Flask-Migrate to the app (for `flask db` and for tests that migrate a database)."""
    if "migrate" not in app.extensions:
        from flask_migrate import Migrate

        Migrate(app, db, render_as_batch=True)


class MigrationCommands(click.Command):
    """Stands in for Flask-Migrate's `db` group: loads it and hands it the rest of the command line."""

    def __init__(self):
        super().__init__("db", help="数据库结构迁移（Alembic）：flask db upgrade、flask db current 等。",
                         context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                                           "help_option_names": []})

    def invoke(self, ctx: click.Context):
        from flask_migrate.cli import db as db_group

        init_migrations(ctx.ensure_object(ScriptInfo).load_app())
        return db_group.main(args=ctx.args, prog_name=ctx.command_path, standalone_mode=False, obj=ctx.obj)


def register(app: Flask) -> None:
    app.cli.add_command(MigrationCommands())
