"""CLI: render a visit's packet to a .docx file, keep it as a version, and queue its PDF."""
from pathlib import Path

import click
from flask import Flask

from core import db as core_db


def register(app: Flask) -> None:
    @app.cli.command("render-packet")
    @click.argument("visit_id", type=int)
    @click.option("-o", "--output", "output", type=click.Path(dir_okay=False, writable=True), required=True,
                  help="输出的 .docx 文件路径")
    def render_packet_command(visit_id: int, output: str) -> None:
        """生成一次交流考察的考察材料（Word），保存为新版本，并在后台生成 PDF。"""
        from core.publishing.packets import publish_packet
        from data_models import PdfState, Visit
        from tasks.celery_app import wait_for_thread_jobs
        from tasks.rendering import convert_pdf

        with core_db.session_scope() as session:
            if session.get(Visit, visit_id) is None:
                raise click.ClickException(f"找不到编号为 {visit_id} 的考察接待。")
            document, created = publish_packet(session, visit_id)
            Path(output).write_bytes(document.docx)
            document_id, needs_pdf = document.id, document.pdf_state in PdfState.TO_CONVERT
            kept = "" if created else "，内容未变，沿用已有版本"
            click.echo(f"已生成：{output}（第{document.version}版{kept}，{len(document.docx)} 字节）")
        if needs_pdf:
            convert_pdf.delay(document_id)  # after the commit
            wait_for_thread_jobs()
