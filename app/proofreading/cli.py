"""flask --app wsgi proofread REPORT_ID | FILE.docx | FILE.txt [--json]: exit status 1 on errors."""
import json
from pathlib import Path

import click
from flask import Flask

from core import db as core_db
from core.drafting.document import outline
from core.drafting.tree import describe
from core.proofreading import messages, terms
from core.proofreading.files import UnreadableFile, proofread_paragraphs, read_paragraphs
from core.proofreading.report import proofread_report
from data_models import Report

_FIELD_NAMES = {"title": "标题", "heading": "标题", "lead": "引导句", "body": "正文"}
_KEYS = ("rule", "severity", "start", "end", "text", "message", "suggestion", "source")


def register(app: Flask) -> None:
    register_terms(app)

    @app.cli.command("proofread")
    @click.argument("target")
    @click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（每条含 rule、severity、start、end、text、message、suggestion）")
    def proofread_command(target: str, as_json: bool) -> None:
        """校对报告（报告编号）或 Word/文本文件；发现错误时以状态 1 退出。"""
        rows = _report_rows(int(target)) if target.isdigit() else _file_rows(Path(target))
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        else:
            for row in rows:
                click.echo(_line(row))
            errors = sum(1 for r in rows if r["severity"] == "error")
            click.echo(messages.SUMMARY.format(errors=errors, warnings=len(rows) - errors) if rows
                       else messages.SUMMARY_CLEAN)
        if any(row["severity"] == "error" for row in rows):
            raise SystemExit(1)


def register_terms(app: Flask) -> None:
    @app.cli.command("proofread-terms")
    def terms_command() -> None:
        """列出校对所用的规范表述，并检查管理员补充文件（instance/proofreading/terms.yaml）。"""
        if terms.EXTRA_TERMS_FILE.exists():
            try:
                terms.read_extra(terms.EXTRA_TERMS_FILE)
            except terms.TermsFileError as error:
                raise click.ClickException(str(error)) from None
            click.echo(f"补充文件：{terms.EXTRA_TERMS_FILE}（格式正确）")
        else:
            click.echo(f"没有补充文件；如需补充，请创建 {terms.EXTRA_TERMS_FILE}（格式同 core/proofreading/data/terms.yaml）。")
        data = terms.term_data()
        click.echo(f"规范表述 {len(data.terms)} 条：" + "、".join(data.terms))
        for wrong, right in data.corruptions.items():
            click.echo(f"  {wrong} → {right}")
        for name, items in data.orders.items():
            click.echo(f"  {name}：{'、'.join(items)}")


def _report_rows(report_id: int) -> list[dict]:
    with core_db.session_scope() as session:
        report = session.get(Report, report_id)
        if report is None:
            raise click.ClickException(f"找不到编号为 {report_id} 的报告。")
        findings = proofread_report(session, report).findings
        places = {row.section.id: describe(row.section, row.number) for row in outline(session, report)}
    return [{**{k: getattr(f, k) for k in _KEYS}, "section_id": f.section_id, "field": f.field,
             "place": places.get(f.section_id, "")} for f in findings]


def _file_rows(path: Path) -> list[dict]:
    if not path.is_file():
        raise click.ClickException(f"找不到文件：{path}")
    try:
        paragraphs = read_paragraphs(path)
    except UnreadableFile as error:
        raise click.ClickException(str(error)) from None
    starts, offset = [], 0
    for line in paragraphs:
        starts.append(offset)
        offset += len(line) + 1
    rows = []
    for f in proofread_paragraphs(paragraphs):
        paragraph = max(i for i, s in enumerate(starts) if s <= f.start)
        rows.append({**{k: getattr(f, k) for k in _KEYS}, "paragraph": paragraph + 1})
    return rows


def _line(row: dict) -> str:
    where = (f"第{row['paragraph']}段" if "paragraph" in row
             else f"{row['place'] or '报告'}·{_FIELD_NAMES.get(row['field'], row['field'])}")
    severity = messages.SEVERITY_NAMES[row["severity"]]
    advice = "" if row["suggestion"] is None else f" 建议：“{row['suggestion']}”" if row["suggestion"] else " 建议：删去"
    return f"{severity} {row['rule']} [{where} {row['start']}-{row['end']}] “{row['text']}” {row['message']}{advice}"
