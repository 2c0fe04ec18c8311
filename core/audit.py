"""The audit log: one call wherever something is created, changed, approved, rendered, downloaded or imported."""
from sqlalchemy.orm import Session

from data_models import AuditEvent


def record(session: Session, action: str, *, user_id: int | None, committee_id: int | None,
           object_type: str = "", object_id: int | None = None, **detail) -> AuditEvent:
    """Add an audit event to the caller's transaction (it commits with the change it describes)."""
    event = AuditEvent(action=action, user_id=user_id, committee_id=committee_id,
                       object_type=object_type, object_id=object_id, detail=detail)
    session.add(event)
    return event
