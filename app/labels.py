"""Names the pages show for things stored under code names (background tasks, audit details)."""
import re

from . import messages

_BATCH_CHILD = re.compile(r"^batch\d+:render$")  # core.publishing.batch.child_name
_CODE_NAME = re.compile(r"^[A-Za-z0-9_.:-]+$")


def task_name(name: str) -> str:
    """{{ run.name|task_name }}: 生成文档, not render_report."""
    if name in messages.TASK_NAMES:
        return messages.TASK_NAMES[name]
    if _BATCH_CHILD.match(name or ""):
        return messages.BATCH_CHILD_TASK
    return messages.UNKNOWN_TASK if _CODE_NAME.match(name or "") else name
