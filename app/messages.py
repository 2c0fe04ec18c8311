"""Every user-facing message in one place, in Chinese."""
LOGIN_REQUIRED = "请先登录。"
LOGIN_FAILED = "用户名或密码错误。"
LOGIN_DISABLED = "该账号已停用，请联系管理员。"
LOGGED_OUT = "您已退出登录。"
LOGGED_IN = "登录成功，欢迎使用政协文稿。"
TOO_MANY_ATTEMPTS = "登录尝试过于频繁，请稍后再试。"
CSRF_FAILED = "页面已过期或请求来源无法验证，请刷新页面后重试。"
FORBIDDEN = "您没有权限执行此操作。"
NOT_FOUND = "您要访问的内容不存在，或不属于本委员会。"
SERVER_ERROR = "服务器出现错误，您的数据未被修改。请稍后重试或联系管理员。"
TOO_LARGE = "上传的文件过大，请返回上一页，选择较小的文件（一份报告的 Word 文件通常不到 1 MB）或直接粘贴文字。"
RUN_RETRIED = "已重新排队，稍后刷新页面查看进度。"
RUN_NOT_RETRYABLE = "该任务不是失败状态，或不能单独重试。"
BAD_REQUEST = "请求内容有误，请检查后重试。"
REQUIRED = "此项为必填项。"

ROLE_NAMES = {"drafter": "起草", "reviewer": "审核", "admin": "管理"}
LEVEL_NAMES = {"province": "省级", "city": "市级", "county": "县级"}
# Background task names as the user reads them; names already in Chinese are shown as they are.
TASK_NAMES = {
    "render_report": "生成文档",
    "render_batch": "批量生成文档",
    "import_records": "导入台账",
    "convert_document": "转换 PDF",
    "convert_ofd": "转换 OFD",
}
BATCH_CHILD_TASK = "批量生成文档（单份）"
UNKNOWN_TASK = "后台任务"
