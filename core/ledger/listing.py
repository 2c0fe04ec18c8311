"""Filters of the ledger list (category, type, date range, text), applied to a scoped SELECT.

The web layer reads them from the query string (app/ledger/forms.py); here they are ids, dates and text."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, or_

from data_models import Record


@dataclass
class LedgerFilter:
    category_id: int | None = None
    type_id: int | None = None
    start: date | None = None
    end: date | None = None
    text: str = ""

    def apply(self, stmt: Select) -> Select:
        if self.category_id:
            stmt = stmt.where(Record.category_id == self.category_id)
        if self.type_id:
            stmt = stmt.where(Record.type_id == self.type_id)
        if self.start:
            stmt = stmt.where(Record.date >= self.start)
        if self.end:
            stmt = stmt.where(Record.date <= self.end)
        if self.text:
            pattern = f"%{self.text}%"
            stmt = stmt.where(or_(Record.title.like(pattern), Record.note.like(pattern), Record.external_id.like(pattern)))
        return stmt

    def as_args(self) -> dict:
        return {k: v for k, v in (("category", self.category_id), ("type", self.type_id), ("start", self.start),
                                  ("end", self.end), ("q", self.text)) if v}

