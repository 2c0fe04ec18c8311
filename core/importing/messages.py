"""Chinese text of importing: refusals, warnings, review states."""

OLD_FORMAT = "“{name}”是 Word 97-2003（.doc）或 WPS（.wps）格式，无法直接导入。请在 Word 或 WPS 中“另存为” .docx 后再上传。"
ENCRYPTED = "文件设有打开密码（已加密），无法读取。请在 Word 或 WPS 中取消密码后另存为 .docx 再上传。"
WRONG_TYPE = "只能导入 Word 文档（.docx）或纯文本（.txt），也可以直接粘贴文字。“{name}”的类型不符。"
NOT_TEXT = "文本文件无法识别编码，请另存为 UTF-8 或 GBK 编码的 .txt 后再上传。"
EMPTY = "没有可导入的文字。请把整篇文稿粘贴到“或粘贴文字”框中，或选择一个 Word 文档（.docx），再点“识别结构”。"
EMPTY_FILE = "文件中没有文字，无法导入。请确认选择的是文稿本身，或直接粘贴文字。"
IMAGES_ONLY = "文件中只有图片或表格框架，没有可导入的文字。请上传含文字的 Word 文档，或直接粘贴文字。"
TOO_LONG = "文稿过长（{count} 字，上限 {limit} 字）。请只导入一份报告，或拆分后分别导入。"
BROKEN_DOCX = "Word 文件已损坏，无法读取其中的文字。"
NO_STRUCTURE = "未能识别出任何段落。"
UNKNOWN_KIND = "未知的报告类型“{kind}”。"

W_CONTROL = "已删除 {count} 个不可见的控制字符。"
W_MASKED = "未填写的数字/名称：“{mark}”{count}（{where}）"
W_LITERAL = "数字未关联台账：“{text}”（{where}）"
W_MIXED = "编号混用：“{number}”与同级的其他编号写法不一致，已按层级识别（{where}）。"
W_TRACKED = "文件中有 Word 修订痕迹，已按“接受全部修订”后的最终稿导入。"
W_NO_HEADINGS = ("没有识别出任何标题（如“一、”“（一）”），全文将作为开头段落导入。如果这不是一份报告，请点“返回修改原文”"
                 "重新选择文件；如果是，可用下方的“改类型”把段落设为标题。")
W_COMMENTS = "文件中有 {count} 条批注，导入时未写入正文。"

STATUS_NAMES = {"bound": "已关联", "auto": "自动识别（请核对）", "ambiguous": "有多个可能", "unmatched": "未匹配（保留原文）"}
AUTO_NOTE = ("“自动识别”的数字只有一个指标的数值与原文相同，已按该指标关联，原文显示的数字不变；"
             "如关联不对，请在右侧改选或选“保留原文（不关联）”。")

PREVIEW_EXPIRED = "导入预览已过期或不存在，请重新上传。"
IMPORTED = "已导入“{title}”：{sections} 个节点，{bound} 个数字已关联台账{auto}。"
IMPORTED_AUTO = "（其中 {count} 个为自动识别，可在编辑页点数字核对）"
