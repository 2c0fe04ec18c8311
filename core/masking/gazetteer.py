"""Place names to mask: China's administrative divisions to county level, shipped as data.

data/places.tsv comes from the cpca package's division table (MIT licence, kept in its header). Full
names are always places; the short form without its suffix (荆州市 → 荆州) counts only for provinces
and prefecture-level cities, whose short forms are how people write them, and not when the short
form is an everyday word (来宾, 大同, 长治久安's 长治).
"""
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "places.tsv"
SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
            "地区", "林区", "新区", "省", "市", "县", "区", "旗", "盟", "州")
# Full names that are everyday words or fragments in report prose (市委和县委 holds 和县).
NOT_PLACES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "城区", "郊区", "矿区", "新城区",
              "市中区", "城关区", "和平区", "新华区", "高新区", "开发区", "长安区", "中原区", "新区"}
COMMON_SHORT = {"中山", "长治", "安康", "来宾", "东方", "白银", "大同", "阿里", "和田", "吉安", "永安", "三明",
                "海东", "定西", "中卫", "白山", "通化", "黄山", "泰安", "太原", "四平", "新余", "吉林"}


@dataclass(frozen=True)
class Place:
    """A place name as found in text: the part to mask and the suffix kept (清河|市)."""

    name: str
    core: str
    suffix: str


def split_suffix(name: str) -> tuple[str, str]:
    """荆州市 → (荆州, 市); a name that would be left with one character keeps its suffix in the core."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)], suffix
    return name, ""


def _is_upper_level(adcode: str) -> bool:
    """Province (xx0000…) or prefecture (xxxx00…) per the GB/T 2260 code."""
    return adcode[4:6] == "00"


@lru_cache(maxsize=1)
def builtin_places() -> dict[str, Place]:
    """Every name that counts as a place, mapped to how it is masked."""
    places: dict[str, Place] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        adcode, name = line.split("\t")
        if name in NOT_PLACES or len(name) < 3:
            continue
        core, suffix = split_suffix(name)
        places[name] = Place(name, core, suffix)
        if suffix and _is_upper_level(adcode) and core not in COMMON_SHORT:
            places.setdefault(core, Place(core, core, ""))
    return places


def local_places(names: list[str]) -> dict[str, Place]:
    """The committee's own area and those below it (清河市, 东湖县), full and short."""
    places: dict[str, Place] = {}
    for name in filter(None, names):
        core, suffix = split_suffix(name)
        places[name] = Place(name, core, suffix)
        if suffix and len(core) >= 2:
            places[core] = Place(core, core, "")
    return places


_HAN = re.compile(r"[\u4e00-\u9fff]")


def find_places(text: str, places: dict[str, Place]) -> list[tuple[int, Place]]:
    """Longest match at each position, left to right, never overlapping."""
    longest = max((len(name) for name in places), default=0)
    found, i = [], 0
    while i < len(text):
        if not _HAN.match(text[i]):
            i += 1
            continue
        for size in range(min(longest, len(text) - i), 1, -1):
            place = places.get(text[i:i + size])
            if place is not None:
                found.append((i, place))
                i += size
                break
        else:
            i += 1
    return found
