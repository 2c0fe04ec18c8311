"""The one error of the visits area: bad input, each problem a Chinese message."""


class VisitError(ValueError):
    """Bad input, with every problem as a Chinese message; nothing was changed."""

    def __init__(self, errors: list[str]):
        super().__init__("；".join(errors))
        self.errors = errors
