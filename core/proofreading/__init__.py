"""公文校对: offline proofreading of report text against GB/T 15834, GB/T 15835, GB/T 9704 and
reviewed word and term lists. Rules are data (data/*.yaml, *.tsv); nothing is downloaded."""
from .engine import proofread_text
from .findings import Finding

__all__ = ["Finding", "proofread_text"]
