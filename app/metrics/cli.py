"""CLI: `flask metrics` prints every metric of a committee and period; `flask import-records` loads Excel."""
import json
from pathlib import Path

import click
from flask import Flask

from core import db as core_db
from core.committees import find_committee
from core.ledger.excel import import_workbook
from core.ledger.records import LedgerError, format_error
from core.metrics import formats
from core.metrics.engine import compute_metrics
from core.metrics.periods import PeriodError, parse_period
from core.uploads import XLSX, UploadRefused, check_upload, upload_limits
from core.upward.messages import NOT_COUNTED
from core.metrics.system import system_rollup


def _committee(session, ref: str):
    committee = find_committee(session, ref)
    if committee is None:
        raise click.ClickException(f"未找到委员会“{ref}”（可填写编号、简称或全称）。")
    return committee


def register(app: Flask) -> None:
    @app.cli.command("metrics")
    @click.option("--committee", "committee_ref", required=True, help="委员会编号、简称或全称")
    @click.option("--period", default="2023", show_default=True, help="2023、2023H1 或 2023-01-01:2023-06-30")
    @click.option("--rollup", is_flag=True, help="汇总本委员会及全部下级委员会")
    @click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
    def metrics_command(committee_ref: str, period: str, rollup: bool, as_json: bool) -> None:
        """打印某委员会在某期间的全部统计指标。"""
        try:
            parsed = parse_period(period)
        except PeriodError as error:
            raise click.ClickException(str(error)) from error
        with core_db.session_scope() as session:
            committee = _committee(session, committee_ref)
            system = system_rollup(session, committee.id, parsed) if rollup else None
            values = system.totals if system else compute_metrics(session, committee.id, parsed)
            sources = [(c.name, c.source.label) for c in system.contributions] if system else []
            sources += [(c.short_name, NOT_COUNTED) for c in system.not_counted] if system else []
        if as_json:
            click.echo(json.dumps({k: _json_value(v) for k, v in values.items()}, ensure_ascii=False, indent=2))
            return
        click.echo(f"{committee.name} {parsed.label}{'（含下级汇总）' if rollup else ''}")
        for name, label in sources:
            click.echo(f"  数据来源 {name}：{label}")
        for value in values.values():
            click.echo(f"  {value.label}：{formats.cell(value, with_unit=True)}{'（' + value.note + '）' if value.note else ''}")

    @app.cli.command("import-records")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--committee", "committee_ref", required=True, help="委员会编号、简称或全称")
    def import_records_command(path: Path, committee_ref: str) -> None:
        """从 Excel 文件导入台账（全部检查通过才写入）。"""
        try:  # the same checks as a web upload: size, real type, macros, zip bombs, rows
            with path.open("rb") as stream:
                data = check_upload(stream, path.name, XLSX, upload_limits(app.config["WENGAO"].max_upload_bytes))
        except UploadRefused as refused:
            raise click.ClickException(str(refused)) from None
        with core_db.session_scope() as session:
            committee = _committee(session, committee_ref)
            try:
                written = import_workbook(session, committee.id, data)
            except LedgerError as error:
                for item in error.errors:
                    click.echo(format_error(item), err=True)
                raise click.ClickException(f"导入失败，共 {len(error.errors)} 处错误，未写入任何记录。") from error
        click.echo(f"已导入 {written} 条记录到{committee.name}。")


def _json_value(value) -> dict:
    """A value as people read it in JSON: rounded to the catalogue's decimals, with its printed text and sources."""
    out = {"label": value.label, "unit": value.unit, "kind": value.kind,
           "value": formats.json_value(value.value, value.decimals), "text": formats.cell(value, with_unit=True),
           "note": value.note}
    if value.breakdown:
        out["breakdown"] = {name: formats.json_value(part, value.decimals) for name, part in value.breakdown.items()}
        out["sources"] = {name: source.label for name, source in value.origins.items()}
    return out
