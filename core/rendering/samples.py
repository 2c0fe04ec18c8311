"""A sample DocumentContent per report kind, shaped like the reference texts: used by tests, the
benchmarks and the checker's own tests."""
from core.kinds import KINDS

from .document import Block, DocumentContent, UpwardHeader

_BODY = ("坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神，做实\"加强\"文章、彰显\"改进\"效能，"
         "全年召开党组理论学习中心组暨主席会议12次、常委会会议集体学习6次，举办委员培训班3期、培训委员450余人次。")
_AREAS = ("坚持在强化政治引领上持续用力，政治根基进一步夯实", "坚持在服务高质量发展上持续用力，协商议政更加高效",
          "聚焦重点强化民主监督，监督实效不断提升", "坚持在发挥委员主体作用上持续用力，履职活力充分激发",
          "坚持在自身建设上持续用力，履职能力不断增强")
_CN = "一二三四五六七八九十"


def _annual_blocks(sections: int = 5, items: int = 3) -> list[Block]:
    blocks = [Block("paragraph", _BODY), Block("heading1", "2023年工作及成效", "一、")]
    for i, area in enumerate(_AREAS[:sections]):
        blocks.append(Block("heading2", area, f"（{_CN[i]}）"))
        for j in range(items):
            blocks.append(Block("item", _BODY, _CN[j] + "是", lead="不断强化理论武装。"))
    blocks.append(Block("heading2", "主要数据", f"（{_CN[sections]}）"))
    blocks.append(Block("table", rows=[["项目", "单位", "2023年", "2022年"], ["收到提案", "件", "236", "221"],
                                       ["立案", "件", "198", "187"], ["社情民意信息", "篇", "87", "64"]]))
    blocks.append(Block("paragraph", "工作仍存在一些不足，主要是：调研成果转化还不够充分。我们将在今后工作中认真研究改进。"))
    blocks.append(Block("heading1", "2024年工作要点", "二、"))
    blocks.append(Block("heading3", "加强思想政治引领", "1."))
    blocks.append(Block("heading4", "抓好理论学习", "（1）"))
    blocks.append(Block("paragraph", _BODY))
    return blocks


def sample_content(kind: str, committee: str = "政协东湖县委员会") -> DocumentContent:
    """A realistic document of `kind`."""
    content = DocumentContent(kind=kind, title=f"{committee}2023年工作总结", committee_name=committee,
                              blocks=_annual_blocks(), metric_values={"meetings": 12})
    spec = KINDS.get(kind)
    if spec and spec.layout.signed:
        content.signature, content.date = committee, "2024年1月5日"
    if kind == "half_year_summary":
        content.title = f"{committee}2023年上半年工作总结暨下半年工作谋划"
    if kind == "experience_briefing":
        content.title = "聚焦基层协商议事室建设 打通服务群众“最后一公里”"
        content.blocks = [Block("heading1", "搭建协商平台", "一是"), Block("paragraph", _BODY, "一是")]
        content.attachments = ["协商议事室建设情况统计表", "典型案例汇编"]
        content.header = UpwardHeader("政协东湖县委员会文件", "县政协〔2024〕5号", "李明")
        content.copy_to, content.printed_by, content.printed_date = "县委办公室", "政协东湖县委员会办公室", "2024年1月6日"
    if kind == "news_interpretation":
        content.title = "一图读懂政协东湖县委员会常务委员会工作报告"
        content.blocks = [Block("news_heading", "2023年工作回顾", "■"),
                          Block("item", _BODY, "●", lead="政治引领更加有力。"), Block("paragraph", _BODY)]
    if spec and spec.layout.speech:
        _make_speech(content, kind)
    return content


def _make_speech(content: DocumentContent, kind: str) -> None:
    if kind == "standing_committee_report":
        content.title = "政协东湖县委员会常务委员会工作报告"
        content.subtitle_lines = ["——2024年1月8日在政协东湖县第十届委员会第三次会议上", "县政协主席  王建国"]
        opening = [Block("salutation", "各位委员："),
                   Block("paragraph", "我代表政协东湖县委员会常务委员会，向大会报告工作，请予审议，并请列席会议的同志提出意见。")]
        closing = "各位委员，让我们更加紧密地团结在以习近平同志为核心的党中央周围，为建设美丽幸福新东湖而努力奋斗！"
    else:
        content.title = "关于进一步加强和改进新时代市县政协工作情况的汇报"
        opening = [Block("paragraph", "尊敬的张主席，各位领导，同志们：")]
        closing = "汇报完毕，不当之处，请各位领导和同志们批评指正，谢谢大家。"
    content.blocks = opening + content.blocks + [Block("paragraph", closing)]
