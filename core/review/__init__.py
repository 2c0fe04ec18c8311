"""Review workflow: submit, return, approve, revise, send (no Flask here)."""
