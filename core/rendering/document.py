"""The plain content of one official document, as drafting hands it to the .docx renderer.

Drafting (core/drafting) turns a report's section tree into a DocumentContent: numbering already
generated, placeholders already merged. Rendering (core/rendering) only lays it out per GB/T 9704.
"""
from dataclasses import dataclass, field
from typing import Optional

# Block kinds and the template style each maps to.
BLOCK_KINDS = (
    "heading1",  # 一、…       黑体 3号
    "heading2",  # （一）…     楷体 3号
    "heading3",  # 1. …        仿宋 3号
    "heading4",  # （1）…      仿宋 3号
    "paragraph",  # body text, first line indented 2 characters
    "item",  # lead sentence (its own style) then body text, one paragraph
    "salutation",  # 各位委员： / 尊敬的…： flush left
    "closing",  # 汇报完毕，谢谢大家。 (speech kinds; a last plain paragraph is taken as the closing too)
    "news_heading",  # ■ heading of a news-style interpretation
    "table",  # rows of cells; first row is the header
    "toc",  # table of contents: a TOC field over the titles; rows hold the expected entries ([title], …)
    "page_break",
)


@dataclass
class Block:
    kind: str
    text: str = ""
    number: str = ""  # generated numbering: "一、", "（一）", "1.", "一是", "■", "●"
    lead: str = ""  # lead sentence for kind "item" (e.g. "不断强化理论武装。")
    rows: list[list[str]] = field(default_factory=list)  # kind "table"
    section_id: Optional[int] = None  # where it came from, for warnings and traceability
    run_in: bool = False  # continues the previous paragraph (一是… inline, references 003 and 经验交流)
    align: str = ""  # "center" for an unnumbered part heading (2023年上半年工作总结, reference 001)


@dataclass
class UpwardHeader:
    """版头 of a document sent upward (上行文): issuer mark, 发文字号 and 签发人."""

    issuer: str  # 政协XX县委员会文件
    doc_number: str  # 县政协〔2024〕5号
    signer: str = ""  # 签发人 name


@dataclass
class DocumentContent:
    kind: str  # report kind, picks the template in templates_docx/
    title: str
    committee_name: str
    subtitle_lines: list[str] = field(default_factory=list)  # meeting line, speaker, date under title
    addressee: str = ""  # 主送机关, flush left, ends with a full-width colon
    blocks: list[Block] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    signature: str = ""  # 发文机关署名
    date: str = ""  # 成文日期, e.g. 2024年1月5日
    header: Optional[UpwardHeader] = None
    copy_to: str = ""  # 抄送 (版记)
    printed_by: str = ""  # 印发机关 (版记)
    printed_date: str = ""  # 印发日期 (版记)
    fonts: dict = field(default_factory=dict)  # committee font choices, role -> font name
    metric_values: dict = field(default_factory=dict)  # metric key -> value merged into the text (kept with the render)
