"""flask import-report FILE --committee NAME --period 2023 [--kind KIND] [--json] [--dry-run].

core.importing loads when the command runs: `flask --help` and every other command do without it.
"""
import json
import sys
from pathlib import Path

import click
from flask import Flask

from core import db as core_db
from core.committees import find_committee
from core.kinds import KINDS
from core.metrics.periods import PeriodError, parse_period
from data_models.report import NodeType


def _source(path: str):
    from core.importing.source import read_text, read_upload

    if path == "-":
        return read_text(sys.stdin.read())
    file = Path(path)
    if not file.is_file():
        raise click.ClickException(f"找不到文件“{path}”。")
    return read_upload(file.read_bytes(), file.name)


def _echo_tree(data: dict, plan) -> None:
    from core.importing import messages
    from core.importing.nodes import walk

    click.echo(f"类型：{KINDS[data['kind']].label}（{data['kind']}）")
    for key, label in (("title", "标题"), ("subtitle", "副标题"), ("speaker", "报告人"), ("salutation", "称谓"),
                       ("signature", "署名"), ("date", "日期")):
        if data.get(key):
            click.echo(f"{label}：{data[key]}")
    for node, depth in walk(plan.outline.nodes):
        name = NodeType.label_of(node.kind)
        lead = f"【{node.lead}】" if node.lead else ""
        click.echo(f"{'  ' * depth}[{name}] {node.number}{node.title}{lead}{node.text[:40]}")
    bound = [n for n in data["numbers"] if n["status"] == "bound"]
    click.echo(f"数字：共 {len(data['numbers'])} 个，已关联 {len(bound)} 个")
    for number in data["numbers"]:
        target = number["label"] or "、".join(c["label"] for c in number["candidates"]) or "—"
        click.echo(f"  {number['text']}  {messages.STATUS_NAMES['auto' if number.get('auto') else number['status']]}  {target}")
    for warning in data["warnings"]:
        click.echo(f"提示：{warning}")


def register(app: Flask) -> None:
    @app.cli.command("import-report")
    @click.argument("path", metavar="FILE")
    @click.option("--committee", "committee_ref", required=True, help="委员会编号、简称或全称")
    @click.option("--period", required=True, help="2023、2023H1 或 2023-01-01:2023-06-30")
    @click.option("--kind", type=click.Choice(sorted(KINDS)), default=None, help="报告类型（默认按内容判断）")
    @click.option("--json", "as_json", is_flag=True, help="以 JSON 输出结构树和数字")
    @click.option("--dry-run", is_flag=True, help="只显示结果，不写入")
    def import_report_command(path: str, committee_ref: str, period: str, kind: str | None, as_json: bool,
                              dry_run: bool) -> None:
        """导入已有文稿（.docx / .txt，FILE 为 - 时读取标准输入）为新报告。"""
        from core.importing.service import create_report_from_plan, plan_import
        from core.importing.source import ImportRefused

        try:
            parsed = parse_period(period)
            source = _source(path)
        except (PeriodError, ImportRefused) as error:
            raise click.ClickException(str(error)) from error
        with core_db.session_scope() as session:
            committee = find_committee(session, committee_ref)
            if committee is None:
                raise click.ClickException(f"未找到委员会“{committee_ref}”（可填写编号、简称或全称）。")
            try:
                plan = plan_import(session, committee.id, parsed, source, kind)
                data = plan.as_json()
                report = None if dry_run else create_report_from_plan(session, committee, parsed, plan)
            except ImportRefused as error:
                raise click.ClickException(str(error)) from error
            if report is not None:
                session.flush()
                data["report_id"] = report.id
        if as_json:
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        _echo_tree(data, plan)
        if report is not None:
            click.echo(f"已导入为报告 {report.id}：{report.title}")
        else:
            click.echo("（试运行，未写入）")
