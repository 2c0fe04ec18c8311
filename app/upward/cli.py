"""Upward commands: compile a request's 汇编, issue tokens, configure and flush sending."""
from pathlib import Path

import click
from flask import Flask

from core import db as core_db
from core.committees import find_committee
from core.upward import UpwardError, outbox
from core.upward.tokens import issue_token


def register(app: Flask) -> None:
    @app.cli.command("compile")
    @click.argument("request_id", type=int)
    @click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="汇编 Word 文件的保存路径")
    @click.option("--ofd", "ofd_path", type=click.Path(dir_okay=False, path_type=Path),
                  help="同时生成 OFD 版式文件（经 PDF 转换）")
    def compile_command(request_id: int, output: Path, ofd_path: Path | None) -> None:
        """把一个报送通知收到的全部材料汇编成一个 Word 文件，可同时生成 OFD。"""
        from core.rendering import ofd, pdf
        from core.upward.compilation import compilation_title, compile_request
        from data_models import CollectionRequest

        with core_db.session_scope() as session:
            request = session.get(CollectionRequest, request_id)
            if request is None:
                raise click.ClickException(f"没有编号为 {request_id} 的报送通知。")
            try:
                data = compile_request(session, request_id)
            except UpwardError as error:
                raise click.ClickException(str(error)) from error
            info = ofd.DocInfo(title=compilation_title(request), author=request.committee.name)
        output.write_bytes(data)
        click.echo(f"汇编已保存：{output}（{len(data) // 1024} KB）")
        if ofd_path is not None:
            try:
                ofd_path.write_bytes(ofd.pdf_to_ofd(pdf.docx_to_pdf(data), info))
            except (pdf.PdfUnavailable, pdf.PdfFailed, ofd.OfdFailed) as error:
                raise click.ClickException(str(error)) from None
            click.echo(f"汇编 OFD 已保存：{ofd_path}")

    @app.cli.command("upward-token")
    @click.option("--committee", required=True, help="下级政协（简称、全称或编号）")
    @click.option("--name", default="下级平台报送", help="令牌用途说明")
    def token_command(committee: str, name: str) -> None:
        """（上级平台）为一个下级政协签发报送令牌；令牌只显示这一次。"""
        with core_db.session_scope() as session:
            found = _committee(session, committee)
            _, plaintext = issue_token(session, found.id, name)
            click.echo(f"已为{found.name}签发报送令牌（请妥善转交，只显示这一次）：\n{plaintext}")

    @app.cli.command("upward-link")
    @click.option("--committee", required=True, help="本平台上的报送单位（简称、全称或编号）")
    @click.option("--url", required=True, help="上级平台地址，如 https://wengao.example.gov.cn")
    @click.option("--token", required=True, help="上级签发的报送令牌")
    def link_command(committee: str, url: str, token: str) -> None:
        """（下级平台）配置上级平台的地址和令牌。"""
        with core_db.session_scope() as session:
            found = _committee(session, committee)
            try:
                link = outbox.set_link(session, found.id, url, token)
            except UpwardError as error:
                raise click.ClickException(str(error)) from error
            click.echo(f"{found.name}的上级平台已设为 {link.base_url}")

    @app.cli.command("upward-send")
    def send_command() -> None:
        """立即发送所有等待发送的报送包（对方不可达时保留，稍后重试）。"""
        with core_db.session_scope() as session:
            ids = outbox.pending_ids(session)
        outcomes = [_deliver_one(message_id) for message_id in ids]
        for message_id, outcome in zip(ids, outcomes):
            click.echo(f"报送包 {message_id}：{outbox.Delivery.label_of(outcome)}")
        click.echo(f"共处理 {len(ids)} 个报送包。")


def _deliver_one(message_id: int) -> str:
    with core_db.session_scope() as session:  # one attempt, one commit
        return outbox.deliver(session, message_id)


def _committee(session, ref: str):
    found = find_committee(session, ref)
    if found is None:
        raise click.ClickException(f"找不到委员会“{ref}”。")
    return found
