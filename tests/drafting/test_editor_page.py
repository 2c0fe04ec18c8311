"""The editor page lists each block's menu once: every block names its section, type and owner, and the
menu's forms, with the block's id put in (as the editor bundle does), act on that block."""
import html
import re

from sqlalchemy import select

from data_models import Report, Section, User


def _editor(client, db_session):
    client.login("donghu_drafter")
    client.post("/reports/new", data={"kind": "annual_summary", "period": "2023", "title": ""})
    report = db_session.scalars(select(Report)).one()
    return report, client.get(f"/reports/{report.id}").get_data(as_text=True)


def test_block_menu_is_listed_once(client, demo, db_session):
    report, page = _editor(client, db_session)
    sections = db_session.scalars(select(Section).where(Section.report_id == report.id)).all()
    assert page.count('<template id="block-menu"') == 1 and page.count("删除本节") == 1
    for section in sections:
        block = re.search(rf'<section [^>]*id="s-{section.id}"[^>]*>', page).group(0)
        assert f'data-kind="{section.node_type}"' in block and f'data-owner="{section.owner_id or ""}"' in block
        assert f'data-save-url="/reports/{report.id}/sections/{section.id}/text"' in block
        assert f'action="/reports/{report.id}/sections/{section.id}"' in page  # the block's own save form
        assert f'href="/reports/{report.id}/sections/{section.id}/history"' in page


def test_menu_forms_act_on_their_block(client, demo, db_session):
    report, page = _editor(client, db_session)
    menu = re.search(r'<template id="block-menu" data-marker="(\d+)">(.*?)</template>', page, re.DOTALL)
    marker, forms = menu.group(1), menu.group(2)
    first, second = db_session.scalars(select(Section).where(Section.report_id == report.id, Section.parent_id.is_(None))
                                       .order_by(Section.position)).all()[:2]
    move = re.search(r'action="([^"]+/move)"', forms).group(1).replace(marker, str(second.id))
    assert client.post(move, data={"direction": "up"}).status_code == 302
    db_session.expire_all()
    assert db_session.get(Section, second.id).position < db_session.get(Section, first.id).position
    drafter = db_session.scalars(select(User).where(User.username == "donghu_drafter")).one()
    owner = html.unescape(re.search(r'action="([^"]+/owner)"', forms).group(1)).replace(marker, str(first.id))
    assert client.post(owner, data={"owner_id": drafter.id}).status_code == 302
    db_session.expire_all()
    assert db_session.get(Section, first.id).owner_id == drafter.id
    page = client.get(f"/reports/{report.id}").get_data(as_text=True)
    assert f'data-owner="{drafter.id}"' in re.search(rf'<section [^>]*id="s-{first.id}"[^>]*>', page).group(0)


def test_every_menu_form_carries_its_csrf_token(client, demo, db_session):
    _report, page = _editor(client, db_session)
    forms = re.search(r'<template id="block-menu" data-marker="\d+">(.*?)</template>', page, re.DOTALL).group(1)
    posts = re.findall(r'<form method="post".*?</form>', forms, re.DOTALL)
    assert len(posts) >= 4 and all('name="csrf_token"' in form for form in posts)


def test_readers_get_no_menu_forms(client, demo, db_session):
    report, _ = _editor(client, db_session)
    client.logout()
    client.login("donghu_reviewer")
    page = client.get(f"/reports/{report.id}").get_data(as_text=True)
    assert 'id="block-menu"' not in page and "历史版本" in page
