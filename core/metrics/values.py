"""The value of one metric for one committee and period, as the engine hands it out."""
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Union

Number = Union[int, float, Decimal]


@dataclass
class MetricValue:
    key: str
    label: str
    unit: str
    kind: str  # count / sum / distinct / formula / list
    value: Union[Number, list, None]  # None: could not be computed (e.g. division by zero)
    note: str = ""  # Chinese explanation when value is None or odd
    breakdown: dict = field(default_factory=dict)  # roll-up: committee name -> value

    @property
    def is_zero(self) -> bool:
        return self.value in (0, None, []) or (isinstance(self.value, (int, float, Decimal)) and self.value == 0)
