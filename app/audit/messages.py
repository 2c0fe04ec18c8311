"""Chinese labels of audit actions (unknown actions are shown as recorded)."""
ACTION_NAMES = {
    "report.create": "创建文稿",
    "report.update": "修改文稿",
    "report.submitted": "提交审核",
    "report.returned": "退回修改",
    "report.approved": "审定文稿",
    "report.revised": "创建修订版",
    "report.sent": "报送文稿",
    "section.update": "修改章节",
    "record.create": "新增台账记录",
    "record.update": "修改台账记录",
    "record.delete": "删除台账记录",
    "ledger.import": "导入台账",
    "document.render": "生成文档",
    "document.download": "下载文档",
    "token.create": "创建接口令牌",
    "token.revoke": "吊销接口令牌",
    "upload.refused": "拒绝上传文件",
}
BAD_DATE = "日期格式应为 YYYY-MM-DD，已忽略该筛选条件。"
