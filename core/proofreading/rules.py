"""Rule data: loaded from the YAML files in data/ once per process, patterns compiled once.

A rule either has a `pattern` (a regular expression; its suggestion comes from `replace`, a
match template, or `transform`) or names a coded `check` in checks.py. Every rule carries its
id, severity, Chinese message, source and good/bad examples (run as tests).
"""
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, Optional

import yaml

from core.drafting.numbering import chinese_number

DATA_DIR = Path(__file__).parent / "data"
RULE_FILES = ("punctuation.yaml", "numbers.yaml", "structure.yaml", "words.yaml", "terms.yaml",
              "unfinished.yaml", "charset.yaml")
ROLES = ("heading", "lead", "body")

# Macros usable inside patterns: Chinese characters, and text a placeholder was masked with.
MACROS = {"{HAN}": "\u3400-\u4dbf\u4e00-\u9fff", "{MASK}": "\ue000"}
_HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"})


def fullwidth(text: str) -> str:
    """Half-width punctuation to its Chinese form; straight double quotes paired “…”."""
    text = text.translate(_HALF_TO_FULL)
    out, opening = [], True
    for ch in text:
        if ch == '"':
            ch, opening = ("“" if opening else "”"), not opening
        out.append(ch)
    return "".join(out)


def halfwidth(text: str) -> str:
    """Full-width digits and Latin letters to their ordinary (half-width) form."""
    return "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in text)


def han_numerals(text: str) -> str:
    """Arabic numbers in a fixed expression written in Chinese: 2是 → 二是, 14五 → 十四五."""
    return re.sub(r"\d+", lambda m: chinese_number(int(m.group())), text)


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "fullwidth": fullwidth,
    "halfwidth": halfwidth,
    "delete": lambda text: "",
    "nodun": lambda text: text.replace("、", ""),
    "han_numerals": han_numerals,
}


@dataclass(frozen=True)
class Hit:
    """One place a rule matched: offsets, the certain suggestion if any, and message details."""

    start: int
    end: int
    suggestion: Optional[str] = None
    detail: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    category: str
    message: str
    source: str
    roles: tuple[str, ...] = ROLES
    pattern: Optional[re.Pattern] = None
    replace: Optional[str] = None
    transform: str = ""
    check: str = ""
    fix: bool = False  # safe to apply in the whole-report automatic fix
    options: dict = field(default_factory=dict, hash=False, compare=False)
    good: tuple[str, ...] = ()
    bad: tuple[str, ...] = ()

    def hits(self, text: str) -> Iterator[Hit]:
        """Matches of the rule's pattern; a rule with a `check` instead is run by the engine (checks.CHECKS)."""
        for match in self.pattern.finditer(text):
            if match.start() == match.end():
                continue
            yield Hit(match.start(), match.end(), self.suggest(match), match.groupdict())

    def suggest(self, match: re.Match) -> Optional[str]:
        if self.replace is not None:
            return match.expand(self.replace)
        if self.transform:
            return TRANSFORMS[self.transform](match.group(0))
        return None


def expand_macros(pattern: str) -> str:
    for name, value in MACROS.items():
        pattern = pattern.replace(name, value)
    return pattern


def _rule(entry: dict, defaults: dict) -> Rule:
    data = {**defaults, **entry}
    pattern = re.compile(expand_macros(data["pattern"]), re.M) if data.get("pattern") else None
    if pattern is None and not data.get("check"):
        raise ValueError(f"rule {data['id']} has neither pattern nor check")
    if data.get("transform") and data["transform"] not in TRANSFORMS:
        raise ValueError(f"rule {data['id']}: unknown transform {data['transform']}")
    return Rule(id=data["id"], severity=data["severity"], category=data["category"], message=data["message"],
                source=data["source"], roles=tuple(data.get("roles", ROLES)), pattern=pattern,
                replace=data.get("replace"), transform=data.get("transform", ""), check=data.get("check", ""),
                fix=bool(data.get("fix", False)), options=data.get("options", {}),
                good=tuple(data.get("good", ())), bad=tuple(data.get("bad", ())))


def load_file(path: Path) -> list[Rule]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    defaults = {k: doc[k] for k in ("category", "source", "severity") if k in doc}
    return [_rule(entry, defaults) for entry in doc["rules"]]


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    rules = [rule for name in RULE_FILES for rule in load_file(DATA_DIR / name)]
    ids = [r.id for r in rules]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"duplicate rule ids: {sorted(duplicates)}")
    return tuple(rules)


@lru_cache(maxsize=1)
def rules_by_id() -> dict[str, Rule]:
    return {rule.id: rule for rule in all_rules()}


@lru_cache(maxsize=None)
def rules_for(role: str) -> tuple[Rule, ...]:
    return tuple(rule for rule in all_rules() if role in rule.roles)


@lru_cache(maxsize=None)
def data_doc(name: str) -> dict:
    """A YAML data file of data/ as loaded (rules files also carry word lists beside their rules)."""
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def data_table(name: str) -> list[list[str]]:
    """A TSV data file of data/: rows of tab-separated cells, # comments and blank lines skipped."""
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows
