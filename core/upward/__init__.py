"""Upload upward (SPEC §2 step 6): collection requests, packages, delivery, 汇编 and roll-up."""


class UpwardError(ValueError):
    """Raised with a Chinese message the user can act on; nothing has been changed."""
