"""Flask CLI commands: thin callers that own a session and call the core."""
import click
from flask import Flask

from core import db as core_db
from core.demo import DEMO_PASSWORD, load_demo


def register(app: Flask) -> None:
    """The demo command here; each area adds its own commands in app/<area>/cli.py (register(app))."""
    import importlib
    import importlib.util

    from . import area_packages, migrations

    migrations.register(app)

    for area in area_packages():
        if importlib.util.find_spec(f"{area.__name__}.cli") is not None:
            importlib.import_module(f"{area.__name__}.cli").register(app)

    @app.cli.command("demo")
    def demo_command() -> None:
        """创建（或补全）演示数据：一个市政协、两个县政协、各角色用户和一年台账。"""
        from tasks.celery_app import wait_for_thread_jobs

        with core_db.session_scope() as session:
            summary = load_demo(session)
        wait_for_thread_jobs()
        click.echo("演示数据已就绪：")
        for line in summary:
            click.echo(f"  {line}")
        click.echo(f"  演示账号的密码均为：{DEMO_PASSWORD}")
