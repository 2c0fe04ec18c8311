"""The report kinds, one registry: for each kind its label, default outline and numbering, speech form,
signature, Word template and layout (SPEC §1–4, §6). Drafting, rendering, importing and the web pages
all read a kind's facts from here; data_models stores only the key.

Default headings are the committee's words to start from; they may use report variables
({{ 年度 }}, {{ 下一年度 }}, {{ 简称 }}…), which are merged like any placeholder.
"""
import re
from dataclasses import dataclass, replace
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates_docx"


@dataclass(frozen=True)
class OutlineNode:
    node_type: str
    heading: str = ""
    key: str = ""
    body: str = ""
    children: tuple["OutlineNode", ...] = ()
    lead: str = ""  # lead sentence of an item


@dataclass(frozen=True)
class KindLayout:
    """What a kind's document carries besides its body."""

    label: str  # used in download names: 政协XX县委员会2023年工作总结
    name: str = ""  # the kind in the document properties (类别); the kind's label unless set
    speech: bool = False  # keeps its salutation (各位委员：) and closing lines in their own styles
    signed: bool = True  # 发文机关署名 and 成文日期 at the end


DEFAULT_LAYOUT = KindLayout("文稿", "文稿")  # a document of no known kind


@dataclass(frozen=True)
class KindSpec:
    """Everything the service knows about one report kind."""

    key: str
    label: str  # the kind in Chinese, as pages, messages and the 汇编 name it
    numbering: str  # numbering style, see core.drafting.numbering.STYLES
    parts_numbered: bool
    title: str  # default title (may use report variables)
    outline: tuple[OutlineNode, ...]
    layout: KindLayout
    salutation: str = ""  # default first line of a speech (各位委员：)
    subtitle: str = ""  # default of Report.subtitle, the line under the title

    @property
    def template(self) -> Path:
        """The kind's Word template (built by scripts/build_docx_templates.py)."""
        return TEMPLATE_DIR / f"{self.key}.docx"

    @property
    def settings(self) -> dict:
        """A new report's settings: its salutation and whether it carries the signature block."""
        return {**({"salutation": self.salutation} if self.salutation else {}), "signature": self.layout.signed}

    def numbering_of(self, settings: dict) -> tuple[str, bool]:
        """The numbering style and whether parts are numbered, as a report's settings may override them."""
        return settings.get("numbering", self.numbering), settings.get("parts_numbered", self.parts_numbered)


def _n(node_type: str, heading: str = "", key: str = "", body: str = "", *children: OutlineNode) -> OutlineNode:
    return OutlineNode(node_type, heading, key, body, tuple(children))


def _sections(node_type: str, rows: list[tuple[str, str]]) -> list[OutlineNode]:
    return [_n(node_type, heading, key) for key, heading in rows]


SHORTCOMINGS = ("一年来，各项工作取得了一些成绩，但同新时代人民政协工作的要求相比、同人民群众的期盼相比，"
                "还有一定差距，主要是：……")
STANDING_SHORTCOMINGS = "工作仍存在一些不足，主要是……我们将在今后工作中认真研究改进。"
BRIEFING_INTRO = "现将有关情况汇报如下："
BRIEFING_CLOSING = "汇报完毕，不当之处，请各位领导和同志们批评指正，谢谢大家。"
STANDING_OPENING = ("我代表{{ 委员会名称 }}常务委员会，向大会报告工作，请予审议，"
                    "并请列席会议的同志提出意见。")

_REVIEW_SIX = [
    ("political_guidance", "坚持在强化政治引领上持续用力，政治根基进一步夯实"),
    ("consultation", "坚持在服务高质量发展上持续用力，履职尽责更显作为"),
    ("supervision", "坚持在民主监督上持续用力，监督实效不断增强"),
    ("member_role", "坚持在发挥政协委员主体作用上持续用力，凝聚共识水平不断提高"),
    ("self_building", "坚持在自身建设上持续用力，履职能力和服务水平得到新提升"),
]
_NEXT_POINTS = [
    ("political_guidance", "强化理论学习，在政治建设上达到新高度"),
    ("consultation", "围绕中心履职，在服务发展上展现新作为"),
    ("member_role", "加强联谊交流，在凝聚共识上开拓新渠道"),
]
_STANDING_REVIEW = _REVIEW_SIX[:2] + [
    ("consultation", "坚持提案和社情民意工作提质增效，建言资政更加精准"),
] + _REVIEW_SIX[2:]

KINDS: dict[str, KindSpec] = {}


def _register(spec: KindSpec) -> None:
    if not spec.layout.name:
        spec = replace(spec, layout=replace(spec.layout, name=spec.label))
    KINDS[spec.key] = spec


_register(KindSpec(
    "annual_summary", "年度工作总结", "standard", True,
    "{{ 简称 }}{{ 年度 }}年工作总结和{{ 下一年度 }}年工作要点",
    (
        _n("preamble", body="{{ 年度 }}年，{{ 简称 }}及其常委会在党委的坚强领导下，……"),
        _n("part", "{{ 年度 }}年工作及成效", "", "", *_sections("section", _REVIEW_SIX),
           _n("shortcomings", body=SHORTCOMINGS)),
        _n("part", "{{ 下一年度 }}年工作要点", "next_points",
           "", _n("preamble", body="{{ 下一年度 }}年，{{ 简称 }}将……"), *_sections("section", _NEXT_POINTS)),
    ),
    KindLayout("工作总结"),
))
_register(KindSpec(
    "half_year_summary", "半年工作总结", "yishi", False,
    "{{ 简称 }}{{ 年度 }}年上半年工作总结和下半年工作谋划",
    (
        _n("preamble", body="{{ 年度 }}年上半年，……"),
        _n("part", "{{ 年度 }}年上半年工作总结", "", "", *_sections("section", [
            ("political_guidance", "坚持在政治引领上精准发力，政治基础更加牢固"),
            ("consultation", "坚持在围绕中心大局上精准发力，政治协商更加高效"),
            ("supervision", "坚持在围绕民生民意上精准发力，服务民生更加有力"),
            ("member_role", "坚持在围绕政协委员上精准发力，凝聚共识力量更加团结"),
        ])),
        _n("part", "{{ 年度 }}年下半年工作谋划", "next_points", "", *_sections("section", [
            ("political_guidance", "抓学习，在政治建设上达到新高度"),
            ("consultation", "抓重点，在服务履职上展现新作为"),
            ("member_role", "抓协作，在加强沟通联系上开拓新渠道"),
        ])),
    ),
    KindLayout("工作总结"),
))
_register(KindSpec(
    "standing_committee_report", "常委会工作报告", "standard", True,
    "{{ 委员会名称 }}常务委员会工作报告",
    (
        _n("preamble", body=STANDING_OPENING),
        _n("part", "{{ 年度 }}年工作回顾", "", "", _n("preamble", body="过去的一年，……"),
           *_sections("section", _STANDING_REVIEW), _n("shortcomings", body=STANDING_SHORTCOMINGS)),
        _n("part", "{{ 下一年度 }}年主要任务", "next_points", "", *_sections("section", _NEXT_POINTS)),
        _n("closing", body="各位委员，……让我们……为……作出新的更大贡献！"),
    ),
    KindLayout("常委会工作报告", speech=True, signed=False),
    salutation="各位委员：",
    subtitle="——在政协{{ 地名 }}第{{ 届次 }}届委员会第{{ 会次 }}次会议上",
))
_register(KindSpec(
    "news_interpretation", "常委会工作报告解读", "news", False,
    "一图读懂{{ 简称 }}常委会工作报告",
    (
        _n("preamble", body="政协{{ 地名 }}第{{ 届次 }}届委员会第{{ 会次 }}次会议上，常委会工作报告回顾了过去一年的工作，"
                            "部署了{{ 下一年度 }}年的主要任务。"),
        *_sections("section", [(k, h) for k, h in [
            ("political_guidance", "政治引领有力"), ("consultation", "协商议政有为"),
            ("supervision", "民主监督有效"), ("member_role", "凝心聚力有方"),
            ("self_building", "自身建设有成"), ("next_points", "{{ 下一年度 }}年这样干"),
        ]]),
    ),
    KindLayout("常委会工作报告解读", signed=False),
    subtitle="——政协{{ 地名 }}第{{ 届次 }}届委员会第{{ 会次 }}次会议常委会工作报告解读",
))
_register(KindSpec(
    "briefing", "汇报材料", "inline_yishi", False,
    "{{ 简称 }}工作情况汇报",
    (
        _n("preamble", body="近年来，{{ 简称 }}……" + BRIEFING_INTRO),
        *_sections("section", [row for row in _REVIEW_SIX if row[0] != "supervision"]),
        _n("closing", body=BRIEFING_CLOSING),
    ),
    KindLayout("工作汇报", speech=True, signed=False),
    salutation="尊敬的各位领导，同志们：",
))
_register(KindSpec(
    "visit_packet", "交流考察汇报", "inline_yishi", False,
    "{{ 简称 }}交流考察汇报材料",
    (
        _n("preamble", body="首先，我代表{{ 简称 }}，对各位领导的到来表示热烈欢迎！" + BRIEFING_INTRO),
        *_sections("section", _REVIEW_SIX[:2] + _REVIEW_SIX[3:4]),
        _n("closing", body=BRIEFING_CLOSING),
    ),
    KindLayout("交流考察汇报材料", "交流考察材料", speech=True, signed=False),
    salutation="尊敬的各位领导，同志们：",
))
_register(KindSpec(
    "experience_briefing", "经验交流材料", "experience", False,
    "{{ 简称 }}经验交流材料",
    (
        _n("preamble", body="近年来，{{ 简称 }}……主要做法如下："),
        *_sections("section", [
            ("political_guidance", "坚持党的领导，把牢正确政治方向"),
            ("consultation", "搭建协商平台，提升协商议政质效"),
            ("member_role", "发挥委员作用，凝聚团结奋斗共识"),
        ]),
    ),
    KindLayout("经验交流材料"),
))


REPORT_KINDS = tuple(KINDS)  # the values of Report.kind


def kind_spec(kind: str) -> KindSpec:
    return KINDS[kind]


def kind_choices() -> list[tuple[str, str]]:
    return [(spec.key, spec.label) for spec in KINDS.values()]


def kind_label(kind: str) -> str:
    """The kind's Chinese label; an unknown key is shown as it is."""
    return KINDS[kind].label if kind in KINDS else kind


def period_kind_label(period_label: str, kind: str) -> str:
    """The period and the kind as a secretary writes them: 2023年度工作总结, 2023年上半年工作总结
    (not 2023年年度工作总结, 2023年上半年半年工作总结)."""
    label = kind_label(kind)
    if label.startswith("年度") and re.fullmatch(r"\d{4}年", period_label):
        return period_label[:-1] + label
    if label.startswith("半年") and period_label.endswith("半年"):
        return period_label + label[2:]
    return period_label + label


def layout_for(kind: str) -> KindLayout:
    return KINDS[kind].layout if kind in KINDS else DEFAULT_LAYOUT


def kind_of(name: str) -> str:
    """The kind a document's 类别 property names (its Chinese name, or the kind itself)."""
    return next((key for key, spec in KINDS.items() if name in (key, spec.layout.name)), "")
