"""flask --app wsgi preview REPORT_ID: the merged plain text and the warnings."""
import click
from flask import Flask

from core import db as core_db
from core.drafting.document import preview_text
from data_models import Report


def register(app: Flask) -> None:
    from .import_cli import register as register_import

    register_import(app)

    @app.cli.command("preview")
    @click.argument("report_id", type=int)
    def preview_command(report_id: int) -> None:
        """打印报告合并数字后的全文和提示。"""
        with core_db.session_scope() as session:
            if session.get(Report, report_id) is None:
                raise click.ClickException(f"找不到编号为 {report_id} 的报告。")
            text, warnings = preview_text(session, report_id)
        click.echo(text)
        click.echo("")
        click.echo(f"提示（{len(warnings)}）：" if warnings else "没有提示。")
        for warning in warnings:
            click.echo(f"  [节 {warning.section_id or '-'}] {warning.message}")
