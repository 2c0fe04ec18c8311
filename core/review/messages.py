"""Chinese messages of the review workflow; status names come from ReportStatus."""
from data_models import ReportStatus as S


def _only(*statuses: S) -> str:
    return "或".join(f"“{status.label}”" for status in statuses)


NOT_YOUR_COMMITTEE = "该文稿不属于本委员会。"
ROLE_SUBMIT = "只有起草人员可以提交审核。"
ROLE_REVIEW = "只有审核人员可以退回或审定文稿。"
ROLE_REVISE = "只有起草人员可以修订已审定的文稿。"
CANNOT_SUBMIT = f"只有{_only(*S.EDITABLE)}的文稿可以提交审核，当前状态为“{{status}}”。"
CANNOT_RETURN = f"只有{_only(S.IN_REVIEW)}的文稿可以退回，当前状态为“{{status}}”。"
CANNOT_APPROVE = f"只有{_only(S.IN_REVIEW)}的文稿可以审定，当前状态为“{{status}}”。"
CANNOT_REVISE = f"只有{_only(*S.PASSED)}的文稿可以修订，当前状态为“{{status}}”。"
CANNOT_SEND = f"只有{_only(S.APPROVED)}的文稿可以报送，当前状态为“{{status}}”。"
ALREADY_REVISED = "该文稿已有修订版本（第{revision}版），请在最新版本上修改。"
ALREADY_DONE = "该文稿已是“{status}”状态，重复的操作已忽略。"
OWN_SUBMISSION = "您是该文稿的提交人，须由其他审核人员审定（本委员会要求提交与审定分离）。"
COMMENT_REQUIRED = "退回文稿时请填写修改意见。"
COMMENT_TOO_LONG = "意见过长，请控制在{limit}字以内。"

SUBMITTED = "文稿已提交审核。"
RETURNED = "文稿已退回起草人员修改。"
APPROVED = "文稿已审定，内容已冻结；如需修改请创建修订版本。"
REVISED = "已创建第{revision}版修订稿，可以继续编辑。"
SENT = "文稿已标记为已报送。"

EVENT_NAMES = {
    "submitted": "提交审核",
    "returned": "退回修改",
    "approved": "审定",
    "revised": "创建修订版",
    "sent": "报送",
}

ROLE_COMMENT = "只有审核人员可以对章节提出意见。"
CANNOT_COMMENT = f"只有{_only(S.IN_REVIEW)}的文稿可以提出章节意见。"
NO_SUCH_SECTION = "该章节不存在或已被删除，请刷新页面。"
COMMENT_EMPTY = "请填写意见内容。"
COMMENTED = "意见已保存，起草人员将在该章节处看到。"
