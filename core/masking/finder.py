"""Find what a masked copy hides: numbers (→ *), places, people and their organisations (→ **).

The shape follows the published masked reports: 召开常委会会议*次, **市委, 尊敬的**主席. Official terms
and Chinese-numeral fixed expressions (二十大, 一是, “两个确立”) are never touched.
"""
import re
from dataclasses import dataclass, field

from .gazetteer import Place, find_places

NUMBER = "*"
NAME = "**"

# Arabic numbers with their decimal point, thousands commas and percent sign: 1,200 / 3.5% / 60
_NUMBER_RE = re.compile(r"[0-9０-９]+(?:[.,，][0-9０-９]+)*%?")
_YEAR_RE = re.compile(r"(?:19|20)\d{2}(?=年)")
# Counts written in Chinese numerals (十二次, 二十三件); 第/一是 and one-character numerals are kept.
_CN_COUNT_RE = re.compile(r"(?<!第)[一二三四五六七八九十百千万两]{2,}(?=[次件篇人名场期项个家条余多])")
_TITLES = ("主席", "副主席", "书记", "副书记", "同志", "委员", "常委", "秘书长", "副秘书长", "县长", "副县长",
           "市长", "副市长", "部长", "副部长", "主任", "副主任", "局长", "副局长", "院长", "校长", "先生", "女士")
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程苏魏吕丁"
             "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷黎史龙陶贺顾毛郝龚邵万钱覃武戴"
             "孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂焦向柳邢骆岳齐沿梅莫庄辛管祝左涂谷祁时舒"
             "耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵解强柴华车冉房边")
_COMPOUND = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "夏侯")
_PERSON_RE = re.compile(
    "(?P<name>(?:" + "|".join(_COMPOUND) + f"|[{_SURNAMES}])[\u4e00-\u9fff]{{1,2}}?)"
    "(?=" + "|".join(sorted(_TITLES, key=len, reverse=True)) + ")")
# Two-character words before a title that are not names (全体委员, 办公室主任, 党员委员).
_NOT_NAMES = {"全体", "各位", "广大", "党员", "公室", "常务", "驻会", "特邀", "新任", "部分", "相关", "青年", "专职",
              "兼职", "时任", "原任", "现任", "专委", "界别", "民主", "文史", "政协", "华侨", "农工", "工商", "经济",
              "方面", "和各", "和县", "金融", "安全", "法制", "司法", "史学", "万名", "于各", "于全", "向全", "高级",
              "成员", "柏林", "武装", "齐心", "江委", "伍委"}


@dataclass
class Mask:
    """One stretch of text to hide, with what it becomes and why."""

    start: int
    end: int
    text: str
    replacement: str
    kind: str  # number, date, place, person, extra


@dataclass
class MaskOptions:
    """What the user chose: keep years, names they unmasked, extra words they want hidden."""

    keep_years: bool = False
    keep: set[str] = field(default_factory=set)
    extra: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # names known to the service (users, contacts)


def find_masks(text: str, places: dict[str, Place], options: MaskOptions) -> list[Mask]:
    """Every stretch to mask in one text, ordered and not overlapping; earlier kinds win."""
    found: list[Mask] = []
    found += _extra(text, options.extra)
    found += _known_people(text, options.people)
    found += [Mask(i, i + len(p.name), p.name, NAME + p.suffix, "place") for i, p in find_places(text, places)]
    found += [Mask(m.start(), m.end(), m.group("name"), NAME, "person") for m in _PERSON_RE.finditer(text)
              if m.group("name") not in _NOT_NAMES]
    found += _numbers(text, options.keep_years)
    return _without_overlaps([mask for mask in found if mask.text not in options.keep])


def apply_masks(text: str, masks: list[Mask]) -> str:
    for mask in sorted(masks, key=lambda m: m.start, reverse=True):
        text = text[:mask.start] + mask.replacement + text[mask.end:]
    return text


def _extra(text: str, words: list[str]) -> list[Mask]:
    return [Mask(m.start(), m.end(), word, NAME, "extra")
            for word in filter(None, words) for m in re.finditer(re.escape(word), text)]


def _known_people(text: str, names: list[str]) -> list[Mask]:
    return [Mask(m.start(), m.end(), name, NAME, "person")
            for name in filter(lambda n: len(n) >= 2, names) for m in re.finditer(re.escape(name), text)]


def _numbers(text: str, keep_years: bool) -> list[Mask]:
    years = {m.start() for m in _YEAR_RE.finditer(text)} if keep_years else set()
    masks = [Mask(m.start(), m.end(), m.group(), NUMBER + ("%" if m.group().endswith("%") else ""), "number")
             for m in _NUMBER_RE.finditer(text) if m.start() not in years]
    masks += [Mask(m.start(), m.end(), m.group(), NUMBER, "number") for m in _CN_COUNT_RE.finditer(text)]
    return masks


def _without_overlaps(masks: list[Mask]) -> list[Mask]:
    """Keep the first-found mask where two overlap (the user's words, then people, places, numbers)."""
    taken: list[Mask] = []
    for mask in masks:
        if all(mask.end <= t.start or mask.start >= t.end for t in taken):
            taken.append(mask)
    return sorted(taken, key=lambda m: m.start)
