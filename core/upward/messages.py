"""User-facing Chinese text of the upward area."""
from core.drafting.kinds import kind_choices
from core.drafting.messages import STATUS_NAMES as REPORT_STATUS_NAMES  # noqa: F401

KIND_NAMES = dict(kind_choices())
TARGET_STATES = {"submitted": "已报送", "late": "逾期未报", "pending": "待报送"}
OUTBOX_STATES = {"pending": "等待发送", "sent": "已送达", "failed": "被上级拒收"}

BAD_KIND = "报送的文稿类型无效。"
BAD_DEADLINE = "请填写有效的截止日期。"
NO_TARGETS = "请至少选择一个下级政协。"
NOT_SUBORDINATE = "只能向本委员会的下级政协发出报送通知：{name}不是下级政协。"
NOT_TARGET = "本委员会不在该报送通知的报送范围内。"
NOT_APPROVED = "只能报送已审定的文稿（当前状态：{status}）。"
WRONG_KIND = "文稿类型（{got}）与报送通知要求的类型（{want}）不一致。"
WRONG_PERIOD = "文稿的统计期间（{got}）与报送通知要求的期间（{want}）不一致。"
ALREADY_SUBMITTED = "该单位已报送，无需催报。"
NO_SUBMISSIONS = "该报送通知尚未收到任何报送材料，无法汇编。"
PDF_MISSING = "未附 PDF：{reason}"

BAD_TOKEN = "令牌无效、已吊销或无权报送。"
WRONG_COMMITTEE = "令牌所属单位（{token}）与报送单位（{sender}）不一致。"
BAD_PACKAGE = "报送包格式有误：{detail}"
MISSING_FIELD = "缺少字段 {name}"
BAD_FIELD = "字段类型或取值无效（日期应为 2023-01-01，文件应为 Base64，编号应为整数）"
BAD_REQUEST_ID = "request_id 应为整数"
BAD_HASH = "报送包内容校验值不符，可能在传输中损坏。"
KEY_REUSED = "同一幂等键已用于内容不同的报送包。"
UNKNOWN_REQUEST = "上级没有编号为 {id} 的报送通知。"
NO_LINK = "尚未配置上级政协的地址和令牌。"
SEND_QUEUED = "报送包已进入发送队列，将自动发送到上级政协；对方暂时无法连接时会自动重试。"
SENT_LOCAL = "已报送。"
COMPILED = "汇编已生成，可以下载。"
COMPILE_STARTED = "正在生成汇编，完成后本页提供下载。"
FETCHED = "已从上级平台获取 {n} 条通知。"
FETCHING = "正在从上级平台获取最新通知，稍后刷新本页查看。"
SUBMIT_STARTED = "已开始报送：正在生成报送包（Word、PDF 和数据），完成后本页显示结果。"
REMINDED = "已向{name}催报。"
REQUEST_ISSUED = "报送通知已发出。"
LINK_SAVED = "上级平台已设置。"
BAD_LINK = "请填写以 http:// 或 https:// 开头的上级地址和上级签发的令牌。"
UNREACHABLE = "无法连接上级政协：{error}"
SUPERIOR_FAILED = "上级返回 {code}：{text}"
SUPERIOR_REFUSED = "上级拒收（{code}）：{text}"
QUERY_REFUSED = "上级拒绝查询（{code}）：{text}"
STALE_REQUESTS = "上级平台暂时无法连接（{error}）。以下是 {time} 获取的通知，仍可报送，报送包将在恢复连接后自动送达。"

# How the system's totals are made (数据汇总 page, 汇编, README say the same)
NOT_COUNTED = "未计入（未报送，且未在本平台填报台账）"
ROLLUP_RULE = ("合计口径：本会台账数据，加上各下级政协最新报送的数据；尚未报送但在本平台填报台账的单位，"
               "取其台账实时数据，并注明“台账（实时数据）”；既未报送又未在本平台填报台账的单位不计入合计。"
               "立案率等比率由合计后的分子、分母重新计算，不直接相加；承办单位数等去重计数跨单位去重，"
               "无法去重的注明“不可直接相加”，不计入合计；名单类指标合并列出并注明单位。")
