"""The default metric catalogue: every number the reference reports quote (SPEC §5).

A label is the name staff write in report text ({{ 党组会议次数 }}), so it must be a valid
identifier: Chinese characters, digits and underscores only.

Each metric also declares how it rolls up over committees (ROLLUP_RULES, default per kind) and how
many decimals it prints with (rates 1, amounts 2, counts 0); core/metrics/rollup.py and
core/metrics/formats.py read these declarations, they never guess from the numbers.
"""
from dataclasses import dataclass, field as dc_field

# How a metric's values of several committees combine into one total (issue 14).
ROLLUP_RULES = {
    "sum": "相加",  # counts and sums
    "recompute": "由汇总后的分子分母重新计算",  # formulas: 立案率 = 立案 / 收到 × 100, never added
    "distinct": "跨单位去重计数",  # 承办单位数: counted once across committees, when the values are known
    "concat": "合并列出并注明单位",  # lists: titles of consultations
    "max": "取最大值",
    "min": "取最小值",
    "none": "不可直接相加",
}
DEFAULT_RULE = {"count": "sum", "sum": "sum", "formula": "recompute", "distinct": "distinct", "list": "concat"}
# A rule must suit the kind: a rate is never added, a distinct count never summed.
ALLOWED_RULES = {"count": ("sum", "max", "min", "none"), "sum": ("sum", "max", "min", "none"),
                 "formula": ("recompute", "max", "min", "none"), "distinct": ("distinct", "none"), "list": ("concat", "none")}


@dataclass(frozen=True)
class MetricSpec:
    key: str
    label: str
    unit: str
    kind: str  # count / sum / distinct / formula / list
    category: str = ""
    types: tuple = ()
    field: str = "count"  # sum: count / persons / amount / attrs.<key>; distinct, list: title / attrs.<key>
    filters: dict = dc_field(default_factory=dict)  # attrs.<key> -> value or [values]
    formula: str = ""  # over other metrics' keys
    basis: str = "period"  # period / cumulative (stock up to the end) / since_meeting (提案)
    group: str = ""
    rollup: str = ""  # a ROLLUP_RULES key; "" is the kind's DEFAULT_RULE
    decimals: int | None = None  # printed decimals; None is default_decimals()

    @property
    def rollup_rule(self) -> str:
        return self.rollup if self.rollup in ALLOWED_RULES.get(self.kind, ()) else DEFAULT_RULE.get(self.kind, "none")

    @property
    def places(self) -> int:
        return self.decimals if self.decimals is not None else default_decimals(self.kind, self.unit, self.field)


def default_decimals(kind: str, unit: str, field: str = "") -> int:
    """Rates one decimal (98.5%), money two (5.08万元), everything counted whole."""
    if unit == "%":
        return 1
    if field == "amount" or unit in ("元", "万元", "亿元") or (kind == "formula" and unit == ""):
        return 2
    return 0


def _specs(group: str, category: str, rows: list[tuple], **common) -> list[MetricSpec]:
    """Rows of (key, label, unit, kind, types, extra-dict)."""
    out = []
    for key, label, unit, kind, types, *extra in rows:
        options = {**common, **(extra[0] if extra else {})}
        out.append(MetricSpec(key, label, unit, kind, category, tuple(types), group=group, **options))
    return out


CATALOGUE: list[MetricSpec] = [
    *_specs("学习与会议", "meeting", [
        ("party_study_chair_meetings", "党组理论学习中心组暨主席会议次数", "次", "count", ["party_study_chair"]),
        ("standing_study_sessions", "常委会会议集体学习次数", "次", "count", ["standing_study"]),
        ("party_group_meetings", "党组会议次数", "次", "count", ["party_group"]),
        ("chair_meetings", "主席会议次数", "次", "count", ["chair"]),
        ("standing_meetings", "常委会会议次数", "次", "count", ["standing"]),
    ]),
    *_specs("学习与会议", "study", [
        ("plenary_trainings", "全委会委员培训次数", "次", "count", ["plenary_training"]),
        ("training_classes", "委员培训班期数", "期", "count", ["training_class"]),
        ("training_trainees", "委员培训人次", "人次", "sum", ["training_class"], {"field": "persons"}),
        ("reading_activities", "委员读书活动次数", "次", "count", ["reading"]),
        ("red_film_activities", "红色观影活动次数", "次", "count", ["red_film"]),
    ]),
    *_specs("学习与会议", "speech", [
        ("speeches_party_study", "党委理论学习中心组发言次数", "次", "count", ["party_study"]),
        ("speeches_theme_education", "主题教育研讨交流发言次数", "次", "count", ["theme_education"]),
        ("speeches_superior", "上级政协会议专题发言次数", "次", "count", ["superior_meeting"]),
    ]),
    *_specs("协商议政", "consultation", [
        ("special_standing_meetings", "专题议政性常委会次数", "次", "count", ["special_standing"]),
        ("special_topic_consultations", "专题协商次数", "次", "count", ["special_topic"]),
        ("bimonthly_consultations", "双月协商次数", "次", "count", ["bimonthly"]),
        ("committee_forums", "专委会座谈协商次数", "次", "count", ["committee_forum"]),
    ]),
    *_specs("协商议政", "research", [
        ("research_inspections", "调研视察次数", "次", "count", ["research", "inspection"]),
        ("research_reports", "调研报告篇数", "篇", "count", ["report"]),
        ("research_topics", "调研视察课题", "", "list", ["research", "inspection"], {"field": "title"}),
    ]),
    *_specs("民主监督", "supervision", [
        ("supervision_activities", "民主监督活动次数", "次", "count", []),
    ]),
    *_specs("提案", "proposal", [
        ("proposals_received", "收到提案件数", "件", "count", []),
        ("proposals_filed", "立案件数", "件", "count", [], {"filters": {"attrs.status": "立案"}}),
        ("proposals_merged", "并案件数", "件", "count", [], {"filters": {"attrs.merged": True}}),
        ("proposals_to_suggestion", "转为意见建议件数", "件", "count", [], {"filters": {"attrs.status": "转为意见建议"}}),
        ("proposals_key", "重点提案件数", "件", "count", [], {"filters": {"attrs.key": True}}),
        ("proposals_chair_supervised", "领衔督办提案件数", "件", "count", [], {"filters": {"attrs.chair_supervised": True}}),
        ("proposal_handling_units", "提案承办单位数", "个", "distinct", [], {"field": "attrs.lead_unit"}),
        ("proposals_completed", "办结提案件数", "件", "count", [], {"filters": {"attrs.handling_state": "已办结"}}),
        ("proposals_satisfied", "满意提案件数", "件", "count", [], {"filters": {"attrs.satisfaction": ["满意", "基本满意"]}}),
    ], basis="since_meeting"),
    MetricSpec("proposals_actually_filed", "实际立案件数", "件", "formula",
               formula="proposals_filed - proposals_merged", group="提案", basis="since_meeting", decimals=0),
    MetricSpec("proposal_filing_rate", "立案率", "%", "formula",
               formula="proposals_filed / proposals_received * 100", group="提案", basis="since_meeting", decimals=1),
    MetricSpec("proposal_completion_rate", "办结率", "%", "formula",
               formula="proposals_completed / proposals_actually_filed * 100", group="提案", basis="since_meeting", decimals=1),
    MetricSpec("proposal_satisfaction_rate", "满意率", "%", "formula",
               formula="proposals_satisfied / proposals_completed * 100", group="提案", basis="since_meeting", decimals=1),
    *_specs("社情民意", "social_info", [
        ("social_info_collected", "社情民意信息收集篇数", "篇", "count", []),
        ("social_info_edited", "社情民意信息编报篇数", "篇", "count", [], {"filters": {"attrs.edited": True}}),
        ("social_info_sent_up", "社情民意上报篇数", "篇", "count", [], {"filters": {"attrs.sent_up": True}}),
        ("social_info_adopted_up", "社情民意被上级采纳篇数", "篇", "count", [], {"filters": {"attrs.adopted_up": True}}),
        ("social_info_to_province", "采纳上报省政协篇数", "篇", "count", [], {"filters": {"attrs.to_province": True}}),
        ("social_info_instructions", "社情民意领导批示件次", "件次", "sum", [], {"field": "attrs.instructions"}),
    ]),
    *_specs("基层协商", "consultation_room", [
        ("rooms_total", "协商议事室个数", "个", "count", []),
        ("rooms_township", "乡镇协商议事室个数", "个", "count", ["township"]),
        ("rooms_village", "村级协商议事室个数", "个", "count", ["village"]),
        ("rooms_enterprise", "企业协商议事室个数", "个", "count", ["enterprise"]),
        ("rooms_institution", "事业单位协商议事室个数", "个", "count", ["institution"]),
    ], basis="cumulative"),
    *_specs("基层协商", "room_activity", [
        ("room_activities", "协商活动场次", "场次", "count", []),
        ("room_participants", "协商活动参与人次", "人次", "sum", [], {"field": "persons"}),
        ("room_problems_solved", "协商解决问题件数", "件", "sum", [], {"field": "attrs.problems_solved"}),
    ]),
    *_specs("基层协商", "member_placement", [
        ("placed_members", "下沉委员人数", "名", "sum", []),
        ("placed_county_members", "下沉县级委员人数", "名", "sum", ["county"]),
        ("placed_city_members", "下沉市级委员人数", "名", "sum", ["city"]),
        ("placed_province_members", "下沉省级委员人数", "名", "sum", ["province"]),
        ("placed_townships", "委员下沉乡镇个数", "个", "distinct", [], {"field": "attrs.township"}),
        ("placed_groups", "委员履职小组个数", "个", "distinct", [], {"field": "attrs.group"}),
    ], basis="cumulative"),
    *_specs("联谊交往", "reception", [
        ("delegations_received", "接待考察团次数", "次", "count", ["delegation"]),
        ("delegation_names", "接待考察团名单", "", "list", ["delegation"], {"field": "title"}),
        ("higher_research_received", "接待上级调研次数", "次", "count", ["higher_research"]),
    ]),
    *_specs("结对帮扶", "assistance", [
        ("paired_cadres", "结对干部人数", "名", "count", ["pairing"]),
        ("cared_persons", "关爱对象人数", "名", "sum", ["pairing"], {"field": "persons"}),
        ("assistance_contacts", "帮扶联系交流次数", "次", "count", ["contact"]),
        ("assistance_visits", "帮扶走访探视次数", "次", "count", ["visit"]),
        ("assistance_policies", "宣传落实政策件数", "件", "count", ["policy"]),
        ("assistance_matters", "帮办实事件数", "件", "count", ["matter"]),
        ("assistance_problems", "帮扶解决问题件数", "件", "count", ["problem"]),
        ("assistance_donation", "资助物资金额", "元", "sum", ["donation"], {"field": "amount", "decimals": 2}),
    ]),
    *_specs("委员履职", "member_activity", [
        ("special_committee_activities", "专委会履职活动次数", "次", "count", ["special_committee"]),
        ("sector_activities", "界别履职活动次数", "次", "count", ["sector"]),
        ("station_activities", "委员工作站履职活动场次", "场次", "count", ["station"]),
        ("branch_activities", "功能型党支部活动场次", "场", "count", ["party_branch"]),
        ("branch_participants", "功能型党支部活动参与人次", "人次", "sum", ["party_branch"], {"field": "persons"}),
        ("members_added", "增补委员人数", "名", "sum", ["members_added"]),
        ("livelihood_proposals", "民生提案件数", "件", "sum", ["livelihood_proposal"]),
        ("livelihood_problems", "解决民生难题件数", "件", "sum", ["livelihood_problem"]),
        ("livelihood_matters", "办成民生实事件数", "件", "sum", ["livelihood_matter"]),
    ]),
    *_specs("自身建设", "organization", [
        ("member_studios", "委员工作室个数", "个", "count", ["studio"]),
        ("sector_groups", "界别委员活动小组个数", "个", "count", ["sector_group"]),
        ("party_member_groups", "中共党员委员活动小组个数", "个", "count", ["party_group"]),
        ("functional_branches", "功能型党支部个数", "个", "count", ["functional_branch"]),
    ], basis="cumulative"),
    *_specs("自身建设", "regulation", [
        ("regulations_revised", "制定修订制度件数", "件", "sum", ["new", "revised"]),
    ]),
    *_specs("自身建设", "publication", [
        ("publicity_articles", "宣传报道篇数", "篇", "count", ["article"]),
    ]),
]
