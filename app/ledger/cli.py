"""CLI: `flask seed-catalogue` writes the default ledger categories, types and metrics (idempotent);
`flask platform-admin` names who may extend the platform's default catalogue."""
import click
from flask import Flask
from sqlalchemy import select

from core import db as core_db
from core.metrics.definitions import seed_catalogue
from data_models import User


def register(app: Flask) -> None:
    @app.cli.command("seed-catalogue")
    def seed_catalogue_command() -> None:
        """写入默认台账类别、类型和指标目录（已有的不覆盖，可重复运行）。"""
        with core_db.session_scope() as session:
            for line in seed_catalogue(session):
                click.echo(line)

    @app.cli.command("platform-admin")
    @click.argument("username")
    @click.option("--off", is_flag=True, help="取消平台管理员")
    def platform_admin_command(username: str, off: bool) -> None:
        """设置（或取消）平台管理员：只有平台管理员能修改所有政协共用的默认台账目录。"""
        with core_db.session_scope() as session:
            user = session.scalar(select(User).where(User.username == username))
            if user is None:
                raise click.ClickException(f"未找到用户“{username}”。")
            user.platform_admin = not off
        click.echo(f"{username}{'已取消' if off else '已设为'}平台管理员。")
