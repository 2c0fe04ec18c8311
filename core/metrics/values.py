"""The value of one metric for one committee and period, as the engine hands it out."""
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional, Union

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
    previous: Optional[Union[Number, list]] = None  # same period of the previous year (同比), when asked
    decimals: Optional[int] = None  # the catalogue's decimals (None: whole numbers, else 2)
    items: Optional[list] = None  # a distinct count's distinct values, when asked (roll-ups count them once)
    origins: dict = field(default_factory=dict)  # roll-up: committee name -> Source of its value

    @property
    def is_zero(self) -> bool:
        return self.value in (0, None, []) or (isinstance(self.value, (int, float, Decimal)) and self.value == 0)

    def __str__(self) -> str:
        """{{ 党组会议次数 }} in report text: the number as formats.text prints it, 【待补】 for zero."""
        from .formats import text

        return text(self)
