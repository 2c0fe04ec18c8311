"""User-facing Chinese text of the exchange-visit area (packet wording, validation, flashes)."""
PACKET_TITLE = "{delegation}来{place}交流考察材料"
PART_PROFILE = "基本情况"
PART_BRIEFING = "汇报材料"
PART_METRICS = "数据一览"
PART_AGENDA = "日程安排"
PART_CONTACTS = "联系人"

SALUTATION = "尊敬的{leader}，各位领导，同志们："
SALUTATION_PLAIN = "各位领导，同志们："
OPENING = "首先，我代表{committee}，对{delegation}一行莅临{place}交流考察表示热烈欢迎！{topics}现将有关情况汇报如下："
OPENING_TOPICS = "结合大家关注的{topics}，"
CLOSING = "汇报完毕，不当之处，请各位领导和同志们批评指正，谢谢大家。"
NO_SECTIONS = "（尚未从已审定的报告中选择汇报内容。）"

PROFILE_HEADER = ["项目", "情况"]
PROFILE_TERM = "届次"
PROFILE_MEMBERS = "委员人数"
PROFILE_STANDING = "常委人数"
PROFILE_SECTORS = "界别"
PROFILE_COMMITTEES = "专门委员会"
PROFILE_BRANCHES = "功能型党支部"
PROFILE_MISSING = "（委员会基本情况尚未填写。）"

METRICS_PERIOD = "统计期间：{period}。"
METRICS_HEADER = ["序号", "指标", "数值", "单位"]
VISIT_FACTS = "来访团组：{delegation}；带队领导：{leader}；来访人数：{size}人；考察时间：{dates}。"
VISIT_TOPICS = "考察重点：{topics}。"
AGENDA_HEADER = ["日期", "时间", "地点", "活动内容", "陪同人员"]
NO_AGENDA = "（日程尚未安排。）"
CONTACTS_HEADER = ["类别", "姓名", "职务", "联系电话", "负责事项"]
NO_CONTACTS = "（联系人尚未填写。）"
SIDE_NAMES = {"host": "接待方", "guest": "来访方"}

# Validation
REQUIRED = "请填写{field}。"
DATE_ORDER = "结束日期不能早于开始日期。"
PERIOD_ORDER = "统计期间的结束日期不能早于开始日期。"
SIZE_RANGE = "来访人数应为 1 至 500 之间的整数。"
AGENDA_DAY_OUTSIDE = "第{row}行日程的日期不在考察期间内。"
AGENDA_ACTIVITY = "第{row}行日程缺少活动内容。"
CONTACT_NAME = "第{row}行联系人缺少姓名。"
SECTION_NOT_ALLOWED = "所选汇报内容不属于本委员会本年度已审定的报告，请重新选择。"
RECEIVED_CANNOT_CANCEL = "已登记接待的考察不能取消。"
CANCELLED = "该考察已取消。"
CANCELLED_CANNOT_RECEIVE = "已取消的考察不能登记接待。"
RECEIVED = "已登记接待，台账中已记入一条“接待考察”记录。"
RECEIVED_AGAIN = "该考察已登记接待，台账记录已按最新信息更新。"
SAVED = "考察信息已保存。"
SECTIONS_SAVED = "汇报内容已选定。"
RENDERED = "交流考察材料已生成（第{version}版）。"
RENDER_STARTED = "正在后台生成交流考察材料，完成后可在下方下载（PDF 稍后生成）。"
