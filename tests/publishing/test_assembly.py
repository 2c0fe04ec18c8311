"""Publishing picks the assembler by Report.visit_id, and hands the renderer the assembly's content."""
from core import publishing
from core.visits.output import packet_report
from core.visits.packet import KIND, packet_title


def test_packet_report_is_told_apart_by_its_visit_column(db_session, briefed_visit):
    report = packet_report(db_session, briefed_visit)
    db_session.commit()
    assert report.visit_id == briefed_visit.id and "visit_id" not in (report.settings or {})
    assembled = publishing.assemble(db_session, report)
    assert assembled.content.kind == KIND and assembled.content.title == packet_title(briefed_visit, briefed_visit.committee)
    assert assembled.metrics and assembled.metrics is assembled.values  # a packet quotes its values by key


def test_a_settings_key_alone_no_longer_makes_a_packet(db_session, demo_reports, briefed_visit):
    report = demo_reports[("西山县政协", "annual_summary")]
    report.settings = {**(report.settings or {}), "visit_id": briefed_visit.id}
    db_session.commit()
    assembled = publishing.assemble(db_session, report)
    assert assembled.content.kind == "annual_summary" and assembled.content.title == report.title


def test_renderer_receives_kept_values_and_fonts_without_changing_the_assembly(db_session, demo_reports):
    report = demo_reports[("东湖县政协", "annual_summary")]
    assembled = publishing.assemble(db_session, report)
    content = publishing.document_for(db_session, report)
    assert assembled.content.metric_values == {} and content.metric_values
    assert set(content.metric_values) == set(assembled.values)
    assert content.blocks == assembled.content.blocks and content.title == assembled.content.title


def test_items_are_listed_only_when_asked(db_session, demo_reports):
    report = demo_reports[("东湖县政协", "annual_summary")]
    plain = publishing.assemble(db_session, report).metrics
    listed = publishing.assemble(db_session, report, items=True).metrics
    distinct = [key for key, value in listed.items() if value.kind == "distinct"]
    assert distinct and all(listed[k].items is not None and plain[k].items is None for k in distinct)
    assert {k: v.value for k, v in plain.items()} == {k: v.value for k, v in listed.items()}
