"""flask --app wsgi render REPORT_ID -o FILE.docx [--pdf FILE.pdf] [--ofd FILE.ofd];
flask --app wsgi check-format FILE.docx [--pdf FILE.pdf]"""
from pathlib import Path

import click
from flask import Flask

from core import db as core_db
from core import publishing
from core.rendering import ofd, pdf
from core.proofreading.report import proofread_summary
from core.kinds import REPORT_KINDS

from . import messages as msg


def register(app: Flask) -> None:  # noqa: C901 - two commands, each short, defined inside
    @app.cli.command("check-format")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--kind", type=click.Choice(REPORT_KINDS), help="文稿类型（默认读取文件中记录的类型）")
    @click.option("--pdf", "pdf_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                  help="同时检查由该 Word 文件生成的 PDF（标点不丢失、标题分行、标题不在页末、每页22行每行28字）")
    def check_format_command(path: Path, kind: str | None, pdf_path: Path | None) -> None:
        """检查 Word 文件是否符合公文格式（GB/T 9704-2012）；有问题时以非零状态退出。"""
        from core.rendering.format_check import check_docx, summarise  # python-docx: only for this command
        from core.rendering.pdf_check import NotAPdf, PdfToolMissing, check_pdf

        problems = check_docx(path, kind)
        if pdf_path is not None and not problems[:1] == [msg.NOT_DOCX]:
            try:
                problems += summarise(check_pdf(path, pdf_path))
            except PdfToolMissing as error:
                raise click.ClickException(str(error)) from None
            except NotAPdf as error:
                problems.append(str(error))
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
    @click.option("--ofd", "ofd_path", type=click.Path(dir_okay=False, path_type=Path),
                  help="同时生成 OFD（GB/T 33190 版式文件）")
    def render_command(report_id: int, output: Path, pdf_path: Path | None, ofd_path: Path | None) -> None:
        """生成报告的公文格式 Word 文件（并保存为新版本），可同时生成 PDF 和 OFD。"""
        with core_db.session_scope() as session:
            summary = proofread_summary(session, report_id)  # shown, never blocking
            if summary:
                click.echo(summary)
            try:
                document, _ = publishing.publish(session, report_id)
            except publishing.RenderError as error:
                raise click.ClickException(str(error)) from None
            docx, version, info = document.docx, document.version, publishing.ofd_info(session, document)
        output.write_bytes(docx)
        click.echo(msg.WROTE.format(path=output, version=version))
        if pdf_path is None and ofd_path is None:
            return
        try:
            data = pdf.docx_to_pdf(docx)
            if pdf_path is not None:
                pdf_path.write_bytes(data)
                click.echo(msg.WROTE.format(path=pdf_path, version=version))
            if ofd_path is not None:
                ofd_path.write_bytes(ofd.pdf_to_ofd(data, info))
                click.echo(msg.WROTE.format(path=ofd_path, version=version))
        except (pdf.PdfUnavailable, pdf.PdfFailed, ofd.OfdFailed) as error:
            raise click.ClickException(str(error)) from None
