"""Title and heading lines break between words, measured with the fonts that draw them (issue 13.2, 13.3)."""
import shutil

from core.rendering import fonts
from core.rendering.breaking import break_title, heading_break, line_ends, splits_a_word, title_line_fits, words
from tests.support import need


def test_words_keep_numbers_places_and_committee_names_whole():
    assert words("政协东湖县委员会2023年上半年工作总结") == ["政协东湖县委员会", "2023年", "上半年", "工作总结"]
    assert "东湖县政协" in words("东湖县政协2023年工作总结")


def test_title_breaks_between_the_two_things_it_names():
    assert break_title("东湖县政协2023年工作总结和2024年工作要点") == ["东湖县政协2023年工作总结", "和2024年工作要点"]


def test_short_phrases_joined_by_he_stay_on_one_line():
    for title in ("关于进一步加强和改进新时代市县政协工作情况的汇报",
                  "东湖县政协贯彻落实《关于加强和改进新时代市县政协工作的意见》情况汇报"):
        lines = break_title(title)
        assert "".join(lines) == title and len(lines) == 2
        assert not any(a.endswith(("加强和", "加强")) and b.startswith(("改进", "和改进")) for a, b in zip(lines, lines[1:]))
        assert all(title_line_fits(line) for line in lines)


def test_a_title_is_never_a_rectangle():
    lines = break_title("政协东湖县委员会考察团来西山县交流考察材料")
    assert len({len(line) for line in lines}) == len(lines)


def test_checker_sees_a_break_inside_a_word():
    assert splits_a_word("东湖县政协2023年工作", "要点") and splits_a_word("关于进一步加强和", "改进新时代")
    assert not splits_a_word("东湖县政协2023年工作总结", "和2024年工作要点")


def test_digits_are_measured_with_the_title_font_not_as_half_characters():
    need(shutil.which("fc-match") is not None, "需要 fontconfig（fc-match）")
    metrics = fonts.metrics_for("方正小标宋简体")
    need(bool(metrics.name), "需要 Noto Serif CJK 字体")
    assert metrics.width("政协") == 2.0
    assert metrics.width("2023") > 2.2  # Noto Serif CJK Bold digits are 0.59 em, not 0.5
    assert metrics.width("政协2023年") == 3.0 + metrics.width("2023") + 2 * fonts.ASIAN_LATIN_GAP


def test_body_lines_hold_28_characters_and_26_after_the_indent():
    text = "协" * 60
    assert line_ends(text, "仿宋_GB2312") == [26, 54, 60]
    assert line_ends(text, "仿宋_GB2312", indent_chars=0) == [28, 56, 60]


def test_a_mark_that_cannot_start_a_line_takes_the_character_before_it_along():
    text = "协" * 26 + "，" + "协" * 5
    assert line_ends(text, "仿宋_GB2312") == [25, 32]


def test_heading_with_one_character_left_over_breaks_before_its_last_word():
    heading = "（一）坚持在强化政治引领上持续用力，政治根基进一步夯实"
    assert heading_break(heading, "楷体_GB2312") == len(heading) - 2
    assert heading_break("（二）聚焦中心大局", "楷体_GB2312") is None
    assert heading_break("（三）" + "协" * 25, "楷体_GB2312") is None  # two characters on the last line
