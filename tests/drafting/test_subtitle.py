"""The subtitle under a title is a field of the report, not text typed into the title (issue 13.6)."""
import json

from sqlalchemy import create_engine, select, text

from core.drafting.document import build_document
from data_models import Report


def _new(client, db_session, kind: str) -> Report:
    client.login("donghu_drafter")
    client.post("/reports/new", data={"kind": kind, "period": "2023", "title": ""})
    return db_session.scalars(select(Report).where(Report.kind == kind).order_by(Report.id.desc())).first()


def test_standing_committee_report_opens_with_its_meeting_line(client, demo, db_session):
    report = _new(client, db_session, "standing_committee_report")
    assert report.subtitle.startswith("——在政协") and "meeting" not in report.settings
    content = build_document(db_session, report.id)
    assert content.subtitle_lines[0].startswith("——在政协") and content.subtitle_lines[0].endswith("次会议上")
    assert "——" not in content.title


def test_interpretation_has_its_jiedu_line(client, demo, db_session):
    report = _new(client, db_session, "news_interpretation")
    line = build_document(db_session, report.id).subtitle_lines[0]
    assert line.startswith("——") and line.endswith("常委会工作报告解读")


def test_subtitle_is_edited_on_the_report_form(client, demo, db_session):
    report = _new(client, db_session, "news_interpretation")
    page = client.get(f"/reports/{report.id}").get_data(as_text=True)
    assert 'name="subtitle"' in page and "副标题" in page
    client.post(f"/reports/{report.id}/settings", data={"title": report.title, "subtitle": "——东湖县政协常委会工作报告解读 "})
    db_session.refresh(report)
    assert report.subtitle == "——东湖县政协常委会工作报告解读"
    assert build_document(db_session, report.id).subtitle_lines[0] == "——东湖县政协常委会工作报告解读"
    too_long = client.post(f"/reports/{report.id}/settings", data={"title": report.title, "subtitle": "长" * 201},
                           follow_redirects=True)
    assert too_long.status_code == 200 and "200" in too_long.get_data(as_text=True)
    db_session.refresh(report)
    assert report.subtitle == "——东湖县政协常委会工作报告解读"  # the refused edit lost nothing


def test_migration_moves_a_kept_meeting_line_into_the_subtitle(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.sqlite3'}"
    from app import create_app
    from flask_migrate import downgrade, upgrade

    from app.migrations import init_migrations

    before = "f98e611d0782"  # the revision just below the subtitle's
    app = create_app({"SETTINGS": {"database_url": url}})
    init_migrations(app)
    with app.app_context():
        upgrade(directory="migrations", revision=before)
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO committee (id, name, short_name, place, level, sort_order, profile, created_at, "
                              "updated_at) VALUES (1, '政协东湖县委员会', '县政协', '东湖县', 'county', 0, '{}', "
                              "'2024-01-01', '2024-01-01')"))
            conn.execute(text("INSERT INTO report (id, committee_id, kind, title, period_start, period_end, status, "
                              "revision, settings, created_at, updated_at) VALUES (1, 1, 'standing_committee_report', "
                              "'工作报告', '2023-01-01', '2023-12-31', 'draft', 1, "
                              "'{\"meeting\": \"——在第三次会议上\", \"speaker\": \"李华\"}', '2024-01-01', '2024-01-01')"))
        upgrade(directory="migrations", revision="b7d41c3e9a10")
        with engine.connect() as conn:
            subtitle, settings = conn.execute(text("SELECT subtitle, settings FROM report WHERE id = 1")).one()
        assert subtitle == "——在第三次会议上" and json.loads(settings) == {"speaker": "李华"}
        downgrade(directory="migrations", revision=before)
        with engine.connect() as conn:
            kept = json.loads(conn.execute(text("SELECT settings FROM report WHERE id = 1")).scalar())
            assert kept == {"speaker": "李华", "meeting": "——在第三次会议上"}
        engine.dispose()
