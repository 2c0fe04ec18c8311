"""flask --app wsgi render REPORT_ID -o FILE.docx [--pdf FILE.pdf]; flask --app wsgi check-format FILE.docx"""
from pathlib import Path

import click
from flask import Flask

from core import db as core_db
from core.rendering import pdf, store
from core.rendering.format_check import check_docx
from core.proofreading.report import proofread_summary
from data_models.report import REPORT_KINDS

from . import messages as msg


def register(app: Flask) -> None:
    @app.cli.command("check-format")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--kind", type=click.Choice(REPORT_KINDS), help="文稿类型（默认读取文件中记录的类型）")
    def check_format_command(path: Path, kind: str | None) -> None:
        """检查 Word 文件是否符合公文格式（GB/T 9704-2012）；有问题时以非零状态退出。"""
        problems = check_docx(path, kind)
        if not problems:
            click.echo(msg.CHECK_PASSED)
            return
        click.echo(msg.CHECK_FAILED.format(n=len(problems)))
        for problem in problems:
            click.echo(f"  - {problem}")
        raise SystemExit(1)

    @app.cli.command("render")
    @click.argument("report_id", type=int)
    @click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="Word 文件路径")
    @click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False, path_type=Path), help="同时生成 PDF")
    def render_command(report_id: int, output: Path, pdf_path: Path | None) -> None:
        """生成报告的公文格式 Word 文件（并保存为新版本），可同时生成 PDF。"""
        with core_db.session_scope() as session:
            summary = proofread_summary(session, report_id)  # shown, never blocking
            if summary:
                click.echo(summary)
            try:
                document, _ = store.render_report(session, report_id)
            except store.RenderError as error:
                raise click.ClickException(str(error)) from None
            docx, version = document.docx, document.version
        output.write_bytes(docx)
        click.echo(msg.WROTE.format(path=output, version=version))
        if pdf_path is not None:
            try:
                pdf_path.write_bytes(pdf.docx_to_pdf(docx))
            except (pdf.PdfUnavailable, pdf.PdfFailed) as error:
                raise click.ClickException(str(error)) from None
            click.echo(msg.WROTE.format(path=pdf_path, version=version))
