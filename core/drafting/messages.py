"""Chinese text of drafting: merge errors, warnings, editing refusals."""

# Merging placeholders
NO_VALUE_MARK = "【待补：{name}无法计算】"
ZERO_MARK = "【待补：{name}为0】"
UNKNOWN_MARK = "【未知：{name}】"
SYNTAX_ERROR = "占位符写法有误（第{line}行）：请写作 {{{{ 指标名 }}}} 或 {{{{ 指标名 | 格式 }}}}，花括号须成对。"
REFUSED_CONSTRUCT = "占位符只能引用数字并套用数字格式，不能使用{what}。请写作 {{{{ 指标名 }}}} 或 {{{{ 指标名 | 格式 }}}}。"
RESERVED_NAME = "“{name}”是保留字，不能作为占位符名称。"
UNKNOWN_FILTER = "没有名为“{name}”的数字格式。"
FILTER_FAILED = "数字格式“{filter}”不能用于值“{value}”。"
TEMPLATE_ERROR = "占位符无法合并，请检查写法。"
TOO_DEEP = "占位符嵌套过深（第{line}行）：括号最多嵌套{limit}层。请写作 {{{{ 指标名 }}}} 或 {{{{ 指标名 | 格式 }}}}。"
TOO_MANY_FILTERS = "占位符的数字格式过多（第{line}行）：一个占位符最多{limit}个“|”。"
TOO_MANY_TAGS = "文字中的 {{% %}} 语句过多（最多{limit}个），占位符不能使用语句。"
TOO_LONG_PLACEHOLDER = "占位符过长（第{line}行）：一个占位符最多{limit}个词。请写作 {{{{ 指标名 }}}} 或 {{{{ 指标名 | 格式 }}}}。"
BAD_NUMBER = "占位符中的数字过长或超出范围（第{line}行）。"
NODE_NAMES = {
    "Getattr": "属性访问（.）", "Getitem": "下标访问（[]）", "Call": "函数调用", "For": "循环语句",
    "If": "条件语句", "Assign": "赋值语句", "AssignBlock": "赋值语句", "Macro": "宏", "Import": "导入语句",
    "FromImport": "导入语句", "Include": "包含语句", "Extends": "模板继承", "Block": "模板块",
    "FilterBlock": "过滤块", "With": "with 语句", "CondExpr": "条件表达式", "Concat": "字符串拼接",
    "Add": "运算", "Sub": "运算", "Mul": "运算", "Div": "运算", "FloorDiv": "运算", "Mod": "运算",
    "Pow": "运算", "Compare": "比较", "And": "逻辑运算", "Or": "逻辑运算", "Not": "逻辑运算",
    "Test": "测试表达式", "List": "列表", "Tuple": "元组", "Dict": "字典", "Slice": "切片",
    "CallBlock": "调用块", "ScopedEvalContextModifier": "自动转义设置", "EvalContextModifier": "自动转义设置",
    "Name": "赋值",
}
SECTION_ERROR = "“{where}”：{message}"

# Warnings in the preview
W_UNKNOWN = "“{where}”引用了未知的指标“{name}”。"
W_ZERO = "“{where}”中的“{name}”为 0，请勿写成“召开0次”之类的句子，可删去该句或补录台账。"
W_MISSING = "“{where}”中的“{name}”暂无数据{note}。"
W_EMPTY = "“{where}”还没有内容。"
W_LEFTOVER = "“{where}”中仍有待替换的“{mark}”。"
W_HAND_TYPED = "“{where}”中手工输入了“{number}”，可改用指标“{label}”（当前值 {value}）。"
W_FLAG = "“{where}”：{reason}。"
W_TYPED_NUMBER = "“{where}”的标题或引导句以手工输入的序号开头；序号由系统按结构自动生成，请删去。"
W_METRICS_FAILED = "数字暂时无法计算，占位符未合并（{error}）。请联系管理员。"
W_RULE = "数字前后不一致：{rule}。"
W_RATE_OVER = "“{where}”中的“{name}”为{value}，超过100%，请核对台账中的分子和分母。"
W_NUMBER_STYLE = "“{where}”中的“{name}”：{reason}"
W_AUTO_NUMBER = "“{where}”中的“{name}”是导入时按数值自动识别的，请核对。"
W_RATE_UNIT = "“{where}”中的百分比写成了“{text}”，单位可能重复或有误：比率会自动加“%”，请核对这句话的写法。"

# Editing
NOT_EDITABLE = "该报告当前状态为“{status}”，不能修改；退回后方可编辑。"
CONFLICT = "保存失败：在您编辑期间，{who}已于{when}保存了该节。为避免覆盖，请对照两个版本后重新保存。"
SAVED = "已保存。"
SECTION_DELETED = "已删除该节及其下级内容。"
NO_SUCH_VERSION = "找不到该历史版本。"
RESTORED = "已恢复到第{version}版。"
BAD_NODE_TYPE = "节点类型无效。"
BAD_PARENT = "上级节点无效。"
BAD_OWNER = "负责人须为本委员会的用户。"
TEXT_TOO_LONG = "{field}过长（最多{limit}字）。"
ANOTHER_USER = "其他用户"
SECTION_GONE = "保存失败：该节已被他人删除。您提交的文字没有保存，已显示在下方，请复制后添加到其他节。"
TEXT_REFUSED = "保存失败：{message} 您提交的文字没有保存，已显示在下方。"

# Reports
UNKNOWN_KIND = "未知的报告类型。"
TITLE_REQUIRED = "请填写报告标题。"
NO_PREVIOUS = "本委员会还没有同类报告，无法沿用。"
CARRIED = "已根据《{title}》生成新报告，数字已按新的统计期间重新计算。"
CREATED = "报告已创建。"


# Number chips in the editor
CHIP_UNKNOWN = "未知指标：请从“插入数字”中选择。"
CHIP_MISSING = "暂无数据，打印时显示为【待补】。"
CHIP_ZERO = "数值为 0，打印时显示为【待补】；可删去该句或补录台账。"
CHIP_APPROX_EXACT = "当前值 {value} 是确数，“{suffix}”不会印出，将印为“{shown}”；请去掉“| {suffix}”或改写这句话。"
CHIP_APPROX_RATE = "比率是确数，不宜加“{suffix}”（将印为“{shown}”）；请去掉“| {suffix}”。"
CHIP_DECIMALS = "要求保留 {asked} 位小数，超过指标目录规定的 {allowed} 位（将印为“{shown}”）；请去掉括号中的位数。"
