"""A new user rebuilds a 2,400-character report by pasting it (issue 12: "well under 15 minutes, today 45–90").

    .venv/bin/python benchmarks/journey.py                 # both walks once, headless chromium
    .venv/bin/python benchmarks/journey.py --rounds 3 --shots /tmp/journey

Walk A (the importer): log in → dashboard → 导入已有文稿 → paste the whole report (统计期间 left empty:
the title gives it) → 识别结构 → read the preview (and put back at the top any 二、 heading the importer
nested: 升一级, 改类型 — none since issue 12's fix) → 确认导入 (the numbers bound to the ledger) → 打开编辑 → fix one paragraph →
生成 Word → download.
Walk B (no importer): log in → 新建报告 → paste the report paragraph by paragraph into the editor's
blocks (headings into heading lines, a new block with Ctrl+Enter when the template runs out) →
生成 Word → download; its numbers stay typed by hand (the preview then lists them).

Each step prints the machine time (wall clock, this machine), the user's actions (clicks, pastes, key
presses) and a human-time estimate from this stated model:
  Keystroke-Level Model (Card, Moran & Newell 1983; Kieras 2001): K = 0.28 s a key, P = 1.1 s to point,
  B = 0.1 s a button press or release (a click is BB), H = 0.4 s between mouse and keyboard, M = 1.35 s
  of mental preparation before each unit of action;
  Chinese typed with a pinyin input method: 1.5 s a character (40 a minute);
  copying from the source document in another window: M + Alt+Tab (2K) + select the text (P + BB, or
  Ctrl+A) + Ctrl+C (2K) + Alt+Tab back (2K);
  reading: a screen the user must check is read at 400 Chinese characters a minute; any other new
  screen costs one M to find the next control;
  plus the machine time itself (the user waits for the page).
The walks run against this tree's app (eager tasks, a fresh SQLite database with the demo data) served
in-process on loopback; the text is our own fictional 东湖县 report.
"""
import argparse
import re
import statistics
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHROMIUM = "/usr/bin/chromium"
USER, PASSWORD = "donghu_drafter", "demo12345"
K, P, B, H, M = 0.28, 1.1, 0.1, 0.4, 1.35
HANZI_S = 1.5  # one Chinese character typed with pinyin
READ_PER_S = 400 / 60  # Chinese characters read per second on a screen the user checks
FIX = "下一步将逐条研究改进。"  # typed into the paragraph the user fixes
# Walk B replaces each typed number by a chip from 插入数字: M, double-click the number (P + 4B), click the
# search box (P + BB), type about 4 characters of the metric's name, click the metric (P + BB).
PICK_NUMBER_S = M + P + 4 * B + P + 2 * B + 4 * HANZI_S + P + 2 * B
BOUND_BY_IMPORTER = 47  # numbers walk A's importer binds in this text (its run prints the figure: chips)

REPORT = """\
政协东湖县委员会2023年工作总结
2023年，县政协在县委的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，围绕全县中心工作，聚焦湖区发展和群众关切，认真履行政治协商、民主监督、参政议政职能，各项工作取得新的进展。现将一年来的主要工作总结如下。
一、2023年工作及成效
（一）坚持政治引领，思想根基更加牢固
始终把坚持党的领导作为政协工作的根本原则，重大事项及时向县委请示报告。全年召开党组会议18次、主席会议10次、常委会会议5次，组织党组理论学习中心组暨主席会议学习12次、常委会会议集体学习4次，带动委员在学思践悟中凝聚共识。举办委员培训班3期，培训委员217人次，开展委员读书活动6次，引导委员把学习成果转化为履职本领。
坚持党建引领政协工作，在委员中广泛开展“讲履职故事、树委员形象”活动，推动党的创新理论进委员工作室、进界别活动小组，进一步筑牢团结奋斗的共同思想政治基础。委员们在学习中加深了对县情的了解，在履职中增强了责任感和使命感。
（二）聚焦中心大局，协商议政更加务实
围绕湖区生态保护、白茶产业发展、城区停车治理等议题，开展专题协商3次、双月协商4次、专委会座谈协商6次，召开专题议政性常委会2次，形成一批有分量的协商成果。组织调研视察7次，形成调研报告6篇，多项建议被县委、县政府采纳并转化为具体举措。在上级政协会议上作专题发言2次，东湖声音得到更多关注。
注重协商成果的跟踪问效，对重点协商成果实行清单化管理，逐项明确责任单位和完成时限，定期听取有关部门落实情况通报，推动“协商一件事、办成一件事”。白茶产业协商提出的加强品牌保护、延伸加工链条等建议，已写入全县产业发展规划；城区停车治理协商提出的错时共享、增设泊位等建议，已在部分社区试点推行，群众反映良好。
（三）创新监督方式，民主监督更加有力
把民主监督寓于协商之中，聚焦农村供水、义务教育均衡发展等民生实事，开展民主监督活动5次，跟踪了解政策落实情况，提出的意见建议得到有关部门认真办理。全年共收到提案150件，经审查立案132件，其中并案12件，转为意见建议18件，立案率88%。确定重点提案8件，由县政协领导领衔督办6件，已办结117件，办结率97.5%，提案者对办理结果的满意率达到100%。
（四）畅通民意渠道，服务群众更加贴心
健全社情民意信息工作机制，全年收集社情民意信息80篇，编报60篇，上报54篇，被上级采纳27篇，获得领导批示8件次。深化“湖畔议事”协商品牌建设，全县协商议事室达到28个，全年开展协商活动60场次，吸引群众参与2421人次，推动解决群众急难愁盼问题158件。组织149名委员下沉8个乡镇，成立委员履职小组6个，把协商平台搭到群众家门口。
坚持把为民履职作为检验工作成效的重要标准，组织委员结对联系困难群众，开展走访慰问、政策宣讲和帮办实事活动，在解决群众实际困难中展现政协作为。各乡镇协商议事室因地制宜确定议题，围绕农村人居环境整治、村道修缮、小区物业管理等事项协商议事，让群众的事由群众商量着办。
（五）加强自身建设，履职能力不断提升
坚持以制度管人管事，制定修订制度34件，推动政协工作规范化。发挥专委会基础作用，开展专委会履职活动15次、界别履职活动20次，委员工作站开展履职活动40场次。建强功能型党支部4个，开展活动24场，参与委员1407人次。接待兄弟县政协考察团14次、上级政协调研8次，在交流互鉴中开阔视野。
扎实推进机关建设，坚持重要工作集体研究、重大事项按程序办理，落实全面从严治党责任，开展作风建设专项整治，机关干部的服务意识和工作效率进一步提高。加强政协宣传工作，讲好东湖政协故事，在县融媒体中心开设“委员风采”专栏，营造了社会各界关心支持政协工作的良好氛围。
二、存在的不足
一年来的工作虽然取得了一定成效，但也还存在一些不足：协商成果的转化运用还不够充分，部分建议的跟踪落实有待加强；委员履职的积极性还不够均衡，少数委员参加活动较少；基层协商议事室的作用发挥还不够平衡，有的议事室活动频次偏低。同时，机关服务保障委员履职的能力还需进一步提升，政协宣传的覆盖面和影响力还需进一步扩大。对此，我们将认真研究，切实加以改进。
三、2024年工作要点
（一）强化理论武装
坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务，落实党组理论学习中心组学习制度，办好委员读书活动，推动学习往深里走、往心里走、往实里走。
健全委员学习培训制度，分批组织委员参加专题培训，帮助委员熟悉政协章程和履职规范，不断提高政治把握能力、调查研究能力、联系群众能力和合作共事能力。
（二）提高协商质量
围绕县委、县政府确定的重点工作，精心选择协商议题，完善协商、监督、调研一体化推进机制，提高专题协商、双月协商的针对性和实效性，让协商成果更好地转化为发展举措。
围绕湖区生态保护和县域商贸物流发展开展深度调研，力争形成一批具有前瞻性、可操作性的调研成果，为县委、县政府科学决策提供参考。
（三）做实民主监督
聚焦重大决策部署和重点民生项目落实情况开展监督，完善提案办理协商和督办机制，持续提升提案办理质量和办理实效，推动民主监督在解决实际问题中见到成效。
（四）深化基层协商
推动“湖畔议事”提质扩面，完善协商议事室运行规则，引导委员常态化下沉一线，把协商议事与为民办实事结合起来，推动更多群众身边的问题在基层得到解决。
总结推广各乡镇议事室的好经验、好做法，开展优秀议事案例评选，以点带面提升基层协商的整体水平。
（五）加强自身建设
加强委员队伍建设，完善委员履职档案和考核办法，推动专委会、界别小组活动经常化；加强机关建设，提高服务保障水平，以良好的作风推动新一年政协工作再上新台阶。
新的一年，县政协将在县委的坚强领导下，坚定信心、攻坚克难，紧扣全县发展大局履职尽责，为奋力谱写东湖高质量发展新篇章作出新的更大贡献。
"""


@dataclass
class Step:
    name: str
    machine: float = 0.0
    clicks: int = 0
    pastes: int = 0
    keys: int = 0
    human: float = 0.0  # the model's seconds, machine time not included


@dataclass
class Walk:
    """One user's walk: Playwright does each action, the model charges its operators."""

    page: object
    base: str
    shots: Path | None = None
    steps: list[Step] = field(default_factory=list)

    @contextmanager
    def step(self, name: str):
        self.steps.append(Step(name))
        start = time.perf_counter()
        yield self.steps[-1]
        self.steps[-1].machine = time.perf_counter() - start
        if self.shots:
            self.page.screenshot(path=str(self.shots / f"{len(self.steps):02d}-{name}.png"), full_page=False)

    def charge(self, seconds: float, clicks: int = 0, pastes: int = 0, keys: int = 0) -> None:
        step = self.steps[-1]
        step.human += seconds
        step.clicks += clicks
        step.pastes += pastes
        step.keys += keys

    def click(self, selector: str, think: bool = True) -> None:
        self.charge((M if think else 0) + P + 2 * B, clicks=1)
        self.page.click(selector)

    def type_keys(self, selector: str, text: str) -> None:
        """ASCII typed into a plain field (user name, period): H + a K per key."""
        self.charge(H + K * len(text), keys=len(text))
        self.page.fill(selector, text)

    def press(self, key: str, count: int = 1) -> None:
        self.charge(K * count * (1 + key.count("+")), keys=count * (1 + key.count("+")))
        self.page.keyboard.press(key)

    def choose(self, selector: str, value: str) -> None:
        """Open a drop-down list and pick an entry: two clicks."""
        self.click(selector)
        self.page.select_option(selector, value)
        self.click(selector, think=False)

    def glance(self) -> None:
        """A new screen: find the next control."""
        self.charge(M)

    def read(self, selector: str) -> None:
        """A screen the user checks before going on: its text as seen (a closed list shows its choice only;
        button labels are not read)."""
        seen = self.page.eval_on_selector(selector, """(root) => {
            const strip = (text) => text.replace(/\\s/g, '').length;
            let length = strip(root.innerText);  // what is rendered: no hidden fields, no closed panels
            root.querySelectorAll('select').forEach((s) => {
                length -= strip(s.innerText) - strip(s.options[s.selectedIndex]?.text || ''); });
            root.querySelectorAll('button').forEach((b) => { length -= strip(b.innerText); });
            return length; }""")
        self.charge(seen / READ_PER_S)

    def copy_from_source(self, whole: bool) -> None:
        """The text copied in the source document's window (not driven: it is another program)."""
        select = 2 * K if whole else P + 2 * B + P + 2 * B  # Ctrl+A, or press at the start and shift-click the end
        self.charge(M + 2 * K + select + 2 * K + 2 * K, clicks=0 if whole else 2, keys=6 + (2 if whole else 0))

    def paste_into(self, selector: str, text: str, rich: bool) -> None:
        """Ctrl+V into a field: a real paste event for the editor's ProseMirror views, fill for a textarea."""
        self.charge(2 * K, pastes=1, keys=2)
        target = self.page.locator(selector).first
        if not rich:
            target.fill(text)
            return
        target.evaluate("""(el, text) => {
            const data = new DataTransfer();
            data.setData('text/plain', text);
            el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }""", text)


def serve(workdir: Path) -> str:
    """This tree's app on a fresh SQLite database with the demo data, served on loopback."""
    from werkzeug.serving import make_server

    from app import create_app
    from core import db as core_db
    from core.demo import load_demo
    from data_models import Base
    from sqlalchemy import create_engine

    url = f"sqlite:///{workdir / 'journey.sqlite3'}"
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()
    core_db.configure(url)
    with core_db.session_scope(url) as session:
        load_demo(session)
    app = create_app({"SETTINGS": {"database_url": url, "task_mode": "eager", "secret_key": "journey"},
                      "RATELIMIT_ENABLED": False})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


def log_in(walk: Walk) -> None:
    with walk.step("登录"):
        walk.page.goto(f"{walk.base}/auth/login")
        walk.glance()
        walk.click("input[name=username]")
        walk.type_keys("input[name=username]", USER)
        walk.press("Tab")
        walk.type_keys("input[name=password]", PASSWORD)
        walk.press("Enter")
        walk.page.wait_for_selector("text=登录成功")


def generate_word(walk: Walk) -> int:
    with walk.step("生成Word并下载"):
        walk.click(".render-bar button[data-format=docx]")
        link = walk.page.locator(".render-state a").first
        link.wait_for(timeout=30_000)
        walk.glance()
        with walk.page.expect_download() as download:
            walk.click(".render-state a", think=False)
        return len(Path(download.value.path()).read_bytes())


def paragraph_block(page, words: str) -> str:
    """The selector of the editor block whose body holds `words`."""
    section = page.locator("section.block", has=page.locator(f"xpath=.//textarea[contains(., '{words}')]"))
    return f"#{section.first.get_attribute('id')}"


def with_importer(walk: Walk) -> dict:
    log_in(walk)
    page = walk.page
    with walk.step("工作台→导入已有文稿"):
        walk.glance()
        walk.click("a:has-text('导入已有文稿')")
        page.wait_for_selector("textarea[name=text]")
    with walk.step("粘贴全文"):
        walk.glance()
        walk.copy_from_source(whole=True)
        walk.click("textarea[name=text]", think=False)
        walk.paste_into("textarea[name=text]", REPORT, rich=False)  # 统计期间 left empty: read from the title
        walk.click("button:has-text('识别结构')")
        page.wait_for_selector("#import-tree")
    with walk.step("核对结构和数字"):
        walk.read("main")
        # A 二、 heading the importer put under 一、 (二、存在的不足: its words are not a part title):
        # 升一级, then 改类型 to 部分标题.
        misplaced = page.locator(".import-node.depth-1[data-kind=section]",
                                 has=page.locator(".number", has_text=re.compile(r"^[一二三四五六七八九十]+、$")))
        for _ in range(misplaced.count()):
            node_id = misplaced.first.get_attribute("id")
            index = node_id.split("-")[1]
            with page.expect_navigation():
                walk.click(f"#{node_id} button[value='promote:{index}']")
            walk.glance()
            walk.choose(f"select[name=node-kind-{index}]", "part")
            with page.expect_navigation():
                walk.click(f"button[value='kind:{index}']")
            walk.glance()
        walk.click("#accept-all")
        page.wait_for_selector("#preview-link")
    with walk.step("打开编辑"):
        walk.glance()
        walk.click("a:has-text('打开编辑')")
        page.wait_for_selector("#save-status[data-state=saved]")
    with walk.step("改一段"):
        walk.glance()
        block = paragraph_block(page, "有的议事室活动频次偏低")
        view = page.locator(f"{block} .pm-body .ProseMirror")
        walk.click(f"{block} .pm-body .ProseMirror", think=False)
        page.keyboard.press("Control+End")
        walk.charge(H + 2 * K + HANZI_S * len(FIX), keys=2)
        view.press_sequentially(FIX)
        page.wait_for_selector("#save-status[data-state=saved]", timeout=15_000)
    size = generate_word(walk)
    numbers = len(re.findall(r"\{\{", page.evaluate("document.getElementById('editor-data').textContent")))
    return {"docx_bytes": size, "chips": numbers}


def source_paragraphs() -> list[str]:
    return [line.strip() for line in REPORT.splitlines() if line.strip()]


_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def _blocks(page, field: str) -> list[tuple[str, str]]:
    """(id, text) of every block with a visible `field`, in page order."""
    return page.eval_on_selector_all("section.block", f"""(blocks) => blocks.map((b) => {{
        const f = b.querySelector('{field}');
        return f && f.type !== 'hidden' ? [b.id, f.value] : null; }}).filter(Boolean)""")


def _paste_heading(walk: Walk, text: str, after: str | None) -> str:
    """Over the next heading line after block `after` (Ctrl+A, Ctrl+V), or into a new block (Ctrl+Enter)."""
    page = walk.page
    order = [block_id for block_id, _ in _blocks(page, "textarea[name=body]")]
    headed = [block_id for block_id, _ in _blocks(page, "input[name=heading]")]
    start = order.index(after) + 1 if after in order else 0
    target = next((b for b in order[start:] if b in headed), None)
    if target is None:
        walk.click(f"#{after} .pm-body .ProseMirror")
        with page.expect_navigation():
            walk.press("Control+Enter")
        page.wait_for_selector("#save-status[data-state=saved]")
        walk.glance()
        order = [block_id for block_id, _ in _blocks(page, "textarea[name=body]")]
        target = order[order.index(after) + 1]
    selector = f"#{target} .pm-line .ProseMirror"
    walk.copy_from_source(whole=False)
    walk.click(selector, think=False)
    walk.press("Control+A")
    walk.paste_into(selector, text, rich=True)
    return target


def _paste_body(walk: Walk, text: str, block: str) -> None:
    """Into the block's body; a second paragraph goes after the first (Ctrl+End, Enter)."""
    selector = f"#{block} .pm-body .ProseMirror"
    walk.copy_from_source(whole=False)
    walk.click(selector, think=False)
    if walk.page.locator(f"#{block} textarea[name=body]").input_value():
        walk.press("Control+End")
        walk.press("Enter")
    walk.paste_into(selector, text, rich=True)


def without_importer(walk: Walk) -> dict:
    """Pasting paragraph by paragraph: each heading over the next heading line of the template (a new
    block with Ctrl+Enter when it runs out), each paragraph into the body under its heading. Levels the
    template does not have and numbers typed by hand are left as they are (see the model line)."""
    log_in(walk)
    page = walk.page
    with walk.step("新建报告"):
        walk.glance()
        walk.click("a:has-text('新建报告')")
        page.wait_for_selector("select[name=kind]")
        walk.choose("select[name=kind]", "annual_summary")
        walk.click("input[name=period]")
        walk.type_keys("input[name=period]", "2023")
        walk.click("button:has-text('创建')")
        page.wait_for_selector("#save-status[data-state=saved]")
    with walk.step("逐段粘贴"):
        walk.glance()
        current = _blocks(page, "textarea[name=body]")[0][0]  # the preamble
        for text in source_paragraphs()[1:]:  # the title comes with the report
            if _HEADING.match(text):
                current = _paste_heading(walk, _HEADING.sub("", text), current)
            else:
                _paste_body(walk, text, current)
        page.wait_for_selector("#save-status[data-state=saved]", timeout=30_000)
    with walk.step("核对全文"):
        walk.read(".sheet")
    with walk.step("手工关联数字"):
        # Not driven: each number the importer binds, here replaced by hand from 插入数字 (modelled).
        walk.charge(BOUND_BY_IMPORTER * PICK_NUMBER_S, clicks=3 * BOUND_BY_IMPORTER, keys=4 * BOUND_BY_IMPORTER)
    size = generate_word(walk)
    return {"docx_bytes": size, "blocks": len(_blocks(page, "textarea[name=body]"))}


def report(name: str, walks: list[list[Step]], extra: list[dict]) -> float:
    print(f"\n== {name} ==")
    print(f"{'步骤':<14}{'机器时间 s':>12}{'点击':>6}{'粘贴':>6}{'按键':>6}{'人工估计 s':>12}")
    first = walks[0]
    for index, step in enumerate(first):
        machine = statistics.median(w[index].machine for w in walks)
        counts = f"{step.clicks:>6}{step.pastes:>6}{step.keys:>6}"
        print(f"{step.name:<14}{machine:>12.2f}{counts}{step.human + machine:>12.1f}")
    totals = [sum(s.machine for s in w) for w in walks]
    human = sum(s.human for s in first) + statistics.median(totals)
    print(f"{'合计':<14}{statistics.median(totals):>12.2f}{sum(s.clicks for s in first):>6}"
          f"{sum(s.pastes for s in first):>6}{sum(s.keys for s in first):>6}{human:>12.1f}")
    rounds = ", ".join(f"{t:.2f}" for t in totals)
    print(f"machine total per round: {rounds} s (median {statistics.median(totals):.2f}, "
          f"spread {max(totals) - min(totals):.2f}); estimated human time {human / 60:.1f} min; {extra[0]}")
    return human


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="rounds of each walk, interleaved A B A B")
    parser.add_argument("--shots", type=Path, help="keep a screenshot of every step here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    characters = len(re.sub(r"\s", "", REPORT))
    print(f"report: {characters} characters, {len(source_paragraphs())} paragraphs; load average {_load()}")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        base = serve(Path(tmp))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        runs: dict[str, tuple[list, list]] = {"A": ([], []), "B": ([], [])}
        for round_ in range(args.rounds):
            for label, walk_fn in (("A", with_importer), ("B", without_importer)):
                context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900},
                                              accept_downloads=True)
                shots = None
                if args.shots:
                    shots = args.shots / f"{label}{round_}"
                    shots.mkdir(parents=True, exist_ok=True)
                walk = Walk(context.new_page(), base, shots)
                runs[label][1].append(walk_fn(walk))
                runs[label][0].append(walk.steps)
                context.close()
        browser.close()
    a = report("A 导入已有文稿（粘贴全文）", *runs["A"])
    b = report("B 不用导入：逐段粘贴到编辑器", *runs["B"])
    print(f"\nA/B human time: {a / 60:.1f} / {b / 60:.1f} min (target: well under 15 min for A)")


if __name__ == "__main__":
    main()
