"""The default ledger catalogue: categories, their types and category-specific fields.

Seeded into record_category / record_type; admins extend it as data. Keys tie metrics to records.
"""

# (key, name, [(type_key, type_name)], [fields]); a field is (key, label, kind) with kind in
# text / int / bool / date / choice:a|b|c.
CATEGORIES = [
    ("meeting", "会议", [
        ("party_study_chair", "党组理论学习中心组暨主席会议"),
        ("party_group", "党组会议"),
        ("chair", "主席会议"),
        ("standing", "常委会会议"),
        ("standing_study", "常委会会议集体学习"),
        ("plenary", "全体委员会议"),
    ], [("ordinal", "届次序号", "text"), ("term", "届", "text"), ("session", "次", "text")]),
    ("study", "学习培训", [
        ("plenary_training", "全委会委员培训"),
        ("training_class", "委员培训班"),
        ("reading", "委员读书活动"),
        ("red_film", "红色观影活动"),
    ], []),
    ("speech", "会议发言", [
        ("party_study", "在党委理论学习中心组学习会议上发言"),
        ("theme_education", "在主题教育研讨交流会议上发言"),
        ("superior_meeting", "在上级政协会议上专题发言"),
    ], [("speaker", "发言人", "text")]),
    ("consultation", "协商议政", [
        ("special_standing", "专题议政性常委会"),
        ("special_topic", "专题协商"),
        ("bimonthly", "双月协商"),
        ("committee_forum", "专委会座谈协商"),
    ], [("topic", "协商议题", "text")]),
    ("research", "调研视察", [
        ("research", "专题调研"),
        ("inspection", "视察"),
        ("report", "调研报告"),
    ], [("topic", "课题", "text"), ("instruction", "获领导批示", "bool")]),
    ("supervision", "民主监督", [
        ("special", "专项监督"),
        ("evaluation", "评议"),
    ], [("topic", "监督事项", "text")]),
    ("proposal", "提案", [
        ("proposal", "委员提案"),
    ], [
        ("number", "提案编号", "text"), ("term", "届", "text"), ("session", "次", "text"),
        ("topic_category", "类别", "choice:经济|政治|文化|社会|生态|其他"),
        ("timing", "提交时段", "choice:会间|会后"),
        ("form", "提出方式", "choice:个人|联名|集体"),
        ("status", "审查结果", "choice:立案|转为意见建议"),
        ("merged", "并案", "bool"), ("key", "重点提案", "bool"), ("excellent", "优秀提案", "bool"),
        ("chair_supervised", "主席会议成员领衔督办", "bool"),
        ("lead_unit", "主办单位", "text"), ("assist_units", "协办单位", "text"),
        ("handling_state", "办理状态", "choice:办理中|已办结"),
        ("result", "办理结果", "choice:解决或采纳|列入计划|留作参考"),
        ("satisfaction", "满意度", "choice:满意|基本满意|不满意"),
    ]),
    ("social_info", "社情民意", [
        ("item", "社情民意信息"),
    ], [
        ("edited", "已编报", "bool"), ("sent_up", "上报上级政协", "bool"),
        ("adopted_up", "上级采纳", "bool"), ("to_province", "采纳上报省政协", "bool"),
        ("to_national", "报送全国政协", "bool"), ("instructions", "领导批示（件次）", "int"),
    ]),
    ("consultation_room", "协商议事室", [
        ("township", "乡镇（街道）协商议事室"),
        ("village", "村（社区）协商议事室"),
        ("enterprise", "企业协商议事室"),
        ("institution", "事业单位协商议事室"),
    ], [("township", "所在乡镇（街道）", "text")]),
    ("room_activity", "协商议事活动", [
        ("activity", "协商议事活动"),
    ], [("room", "协商议事室", "text"), ("problems_solved", "解决问题（件）", "int")]),
    ("member_placement", "委员下沉乡镇", [
        ("county", "县级政协委员"),
        ("city", "市级政协委员"),
        ("province", "省级政协委员"),
    ], [("township", "乡镇（街道）", "text"), ("group", "履职小组", "text")]),
    ("reception", "接待考察", [
        ("delegation", "接待外地考察团"),
        ("higher_research", "接待上级及兄弟政协调研"),
    ], [("leader", "带队领导", "text"), ("size", "人数", "int")]),
    ("assistance", "结对帮扶", [
        ("pairing", "干部结对"),
        ("contact", "联系交流"),
        ("visit", "走访探视"),
        ("policy", "宣传落实政策"),
        ("matter", "帮办实事"),
        ("problem", "解决实际问题"),
        ("donation", "资助生活物资"),
    ], [("cared_person", "关爱对象", "text")]),
    ("member_activity", "委员履职活动", [
        ("special_committee", "专委会履职活动"),
        ("sector", "界别履职活动"),
        ("station", "乡镇（街道）委员工作站履职活动"),
        ("party_branch", "功能型党支部活动"),
        ("members_added", "增补委员"),
        ("livelihood_proposal", "民生提案"),
        ("livelihood_problem", "解决民生难题"),
        ("livelihood_matter", "办成民生实事"),
    ], [("sector", "界别", "text")]),
    ("organization", "委员组织与阵地", [
        ("studio", "委员工作室"),
        ("sector_group", "界别委员活动小组"),
        ("party_group", "中共党员委员活动小组"),
        ("functional_branch", "功能型党支部"),
    ], []),
    ("regulation", "制度建设", [
        ("new", "制定制度"),
        ("revised", "修订制度"),
    ], []),
    ("publication", "宣传与刊物", [
        ("article", "宣传报道"),
        ("issue", "刊物（期）"),
    ], [("medium", "媒体", "text")]),
]
