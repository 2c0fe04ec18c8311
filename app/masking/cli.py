"""flask --app wsgi export-masked REPORT_ID -o FILE.docx|FILE.txt"""
from pathlib import Path

import click
from flask import Flask

from core import db as core_db
from core.masking.export import mask_report, masked_docx, masked_text
from core.masking.finder import MaskOptions
from data_models import Report


def register(app: Flask) -> None:
    @app.cli.command("export-masked")
    @click.argument("report_id", type=int)
    @click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False), help="输出 .docx 或 .txt 文件")
    @click.option("--keep-year", is_flag=True, help="保留年份（如 2023年）")
    @click.option("--keep", multiple=True, help="保留原文的词语，可重复")
    @click.option("--extra", multiple=True, help="另外需要隐藏的词语，可重复")
    def export_masked_command(report_id: int, output: str, keep_year: bool, keep: tuple, extra: tuple) -> None:
        """导出报告的脱敏版：数字替换为 *，地名、人名替换为 **。"""
        path = Path(output)
        if path.suffix.lower() not in (".docx", ".txt"):
            raise click.ClickException("输出文件须为 .docx 或 .txt。")
        with core_db.session_scope() as session:
            report = session.get(Report, report_id)
            if report is None:
                raise click.ClickException(f"找不到编号为 {report_id} 的报告。")
            result = mask_report(session, report, MaskOptions(keep_years=keep_year, keep=set(keep), extra=list(extra)))
            path.write_bytes(masked_docx(result) if path.suffix.lower() == ".docx" else masked_text(result).encode())
        click.echo(f"已导出脱敏版：{path}（隐藏 {len(result.masks)} 处）")
