"""Fictional documents (清河市/东湖县/西山县) with the structures real reports use, as text and .docx."""
import io
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

# Pasted into one block of an annual summary, whose parts are numbered 一、, sections （一）, subsections 1.
PASSAGE = ("全年围绕中心工作履职尽责。\n"
           "1.聚焦乡村振兴建言献策\n"
           "组织委员深入东湖县各乡镇开展专题调研。\n"
           "2.聚焦民生实事协商议政\n"
           "围绕养老服务召开专题协商会。\n"
           "（二）加强自身建设\n"
           "开展委员履职培训。")


@dataclass
class P:
    """One paragraph of a fixture .docx: text, optional bold opening, style and centring."""

    text: str
    bold: str = ""  # the bold text the paragraph opens with (a lead sentence)
    style: str = ""
    center: bool = False
    numbered: int = 0  # level of Word's automatic numbering (1 一、, 2 （一）), 0 for none


def _add_chinese_numbering(document) -> None:
    """A chineseCounting list, numId 90: level 1 prints 一、, level 2 （一）."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))


def _number(paragraph, level: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/><w:numId w:val="90"/></w:numPr>'))


def docx_bytes(paragraphs: list[P]) -> bytes:
    document = Document()
    if any(spec.numbered for spec in paragraphs):
        _add_chinese_numbering(document)
    for spec in paragraphs:
        paragraph = document.add_paragraph(style=spec.style or None)
        if spec.bold:
            paragraph.add_run(spec.bold).bold = True
        paragraph.add_run(spec.text)
        if spec.center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if spec.numbered:
            _number(paragraph, spec.numbered)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def text_of(paragraphs: list[P]) -> str:
    return "\n".join(spec.bold + spec.text for spec in paragraphs)


STANDING_REPORT = """政协东湖县委员会常务委员会工作报告
——在政协东湖县第十届委员会第三次会议上
县政协主席  林晓东
（2024年1月8日）
各位委员：
我代表政协东湖县委员会常务委员会，向大会报告工作，请予审议，并请列席会议的同志提出意见。
一、2023年工作回顾
过去的一年，县政协常委会在县委的坚强领导下，召开常委会会议6次、主席会议12次。
（一）坚持理论武装，思想根基更加牢固
全年组织常委会会议集体学习4次，举办委员培训班2期、培训委员180人次。
（二）聚焦中心大局，协商议政更加有力
围绕湖区生态保护开展专题协商，收到提案150件，立案率88%。
1.提案办理提质增效。全年召开提案督办会3次，重点提案全部办结。
2.社情民意畅通渠道。编报社情民意信息40余期。
工作仍存在一些不足，主要是：调研深度还不够，委员履职能力有待提升。我们将在今后工作中认真研究改进。
二、2024年主要任务
（一）强化政治引领
坚持学习制度，全年安排集体学习不少于4次。
（二）服务发展大局
围绕东湖县重点项目开展视察调研。
各位委员，新的一年，让我们更加紧密地团结起来，为东湖县高质量发展作出新的更大贡献！"""

BRIEFING = """尊敬的各位领导，同志们：
近年来，清河市政协认真落实市委部署，现将有关情况汇报如下：
一、坚持党的领导，把稳履职方向。一是强化理论学习。全年召开党组会议12次，开展集体学习8次。二是健全工作制度。修订完善制度20余项。三是抓好队伍建设。举办委员培训班3期。
二、聚焦中心大局，提升协商质效。一是开展专题协商。围绕清河水系治理召开专题协商会2次。二是办好委员提案。收到提案210件。
汇报完毕，不当之处，请各位领导和同志们批评指正，谢谢大家。"""

NEWS = [
    P("一图读懂清河市政协常委会工作报告", center=True),
    P("2023年，市政协常委会围绕中心、服务大局，各项工作取得新成效。"),
    P("2023年工作回顾", center=True),
    P("■ 政治引领有力"),
    P("● 理论学习走深走实。全年召开党组会议12次、主席会议8次。"),
    P("● 制度建设更加完善。修订完善制度20余项。"),
    P("■ 协商议政有为"),
    P("● 协商平台持续拓展。开展专题协商3次，收集社情民意信息360条。"),
    P("2024年主要任务", center=True),
    P("■ 聚焦中心大局"),
    P("● 围绕重点工作开展协商。"),
    P("● 办好民生实事。推动解决群众急难愁盼问题。"),
]

EXPERIENCE = [
    P("西山县政协经验交流材料", center=True),
    P("近年来，西山县政协立足县情实际，探索基层协商新路子，主要做法如下："),
    P("一是坚持党的领导，把牢正确政治方向"),
    P("一是强化理论武装。全年开展集体学习10次。二是健全工作机制。制定完善制度15项，形成长效机制。"),
    P("二是搭建协商平台，提升协商议政质效"),
    P("一是建好协商议事室。全县建成协商议事室36个，开展活动200多场次。二是用好委员工作室。委员工作室接待群众1200余人次。"),
    P("政协西山县委员会"),
    P("2024年3月6日"),
]

ANNUAL_STYLED = [
    P("东湖县政协2023年工作总结和2024年工作要点", style="Title", center=True),
    P("2023年，县政协在县委的坚强领导下，紧扣全县中心工作履职尽责，各项工作取得新进展。"),
    P("一、2023年工作及成效", style="Heading 1"),
    P("（一）强化政治引领，筑牢思想根基", style="Heading 2"),
    P("全年召开党组会议6次、主席会议10次，举办委员读书活动4次。", bold="扎实开展理论学习。"),
    P("修订完善制度12项，工作运行更加规范。", bold="健全制度体系，规范履职行为。"),
    P("深化协商议政，服务发展大局", style="Heading 2"),
    P("围绕湖区产业发展开展专题协商2次，形成调研报告5篇。", bold="精心组织专题协商。"),
    P("一年来，各项工作取得了一些成绩，但同新时代政协工作的要求相比还有一定差距，主要是调研成果转化还不够。"),
    P("二、2024年工作要点", style="Heading 1"),
    P("2024年，县政协将继续围绕中心、服务大局。"),
    P("（一）强化理论学习", style="Heading 2"),
    P("坚持第一议题制度，全年集体学习不少于6次。"),
    P("政协东湖县委员会"),
    P("2024年1月5日"),
]


def docx_with_revisions() -> bytes:
    """A paragraph where Word tracked 5 → 6 (deleted and inserted runs) and one comment."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = Document()
    document.add_paragraph("一、学习情况")
    paragraph = document.add_paragraph()
    first = paragraph.add_run("全年召开党组会议")
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="审稿人"><w:r><w:delText>5</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="审稿人"><w:r><w:t>6</w:t></w:r></w:ins>'))
    paragraph.add_run("次。")
    document.add_comment(first, text="请核对次数", author="审稿人")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def images_only_docx() -> bytes:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = Document()
    paragraph = document.add_paragraph()
    paragraph.add_run()._r.append(parse_xml(f'<w:drawing {nsdecls("w")}/>'))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def encrypted_docx() -> bytes:
    """What Word writes for a password-protected .docx: an OLE file with an EncryptedPackage stream."""
    from core.uploads import OLE_MAGIC

    return OLE_MAGIC + b"\0" * 504 + "EncryptedInfo EncryptedPackage".encode("utf-16-le") + b"\0" * 2048


def auto_numbered_docx() -> bytes:
    """Headings numbered by Word itself (一、 and （一） from a chineseCounting list), not typed."""
    return docx_bytes([P("西山县政协工作情况汇报", style="Title"), P("近年来，西山县政协认真履职，现将有关情况汇报如下："),
                       P("坚持党的领导", numbered=1), P("强化理论武装", numbered=2), P("全年开展集体学习10次。"),
                       P("健全工作机制", numbered=2), P("服务中心大局", numbered=1), P("开展专题协商", numbered=2),
                       P("全年开展专题协商3次。")])
