"""What a masked copy hides and what it leaves: numbers, places, people; terms and structure stay."""
import pytest

from core.masking.finder import MaskOptions, apply_masks, find_masks
from core.masking.gazetteer import builtin_places, local_places


@pytest.fixture(scope="module")
def places():
    return {**builtin_places(), **local_places(["清河市", "东湖县", "西山县"])}


def masked(text, places, **options):
    return apply_masks(text, find_masks(text, places, MaskOptions(**options)))


def test_numbers_become_stars_with_units_and_styles_kept(places):
    text = "召开常委会会议12次，收到提案1,200件，立案率88.5%，开展协商60余场次，召开十二次会议。"
    assert masked(text, places) == "召开常委会会议*次，收到提案*件，立案率*%，开展协商*余场次，召开*次会议。"


def test_years_are_masked_unless_the_user_keeps_them(places):
    assert masked("2023年5月12日召开", places) == "*年*月*日召开"
    assert masked("2023年5月12日召开", places, keep_years=True) == "2023年*月*日召开"


def test_places_keep_their_level_suffix_like_the_published_copies(places):
    text = "清河市政协组织委员赴陇南市武都区、荆州和湖北省学习，东湖县农业农村局参加。"
    assert masked(text, places) == "**市政协组织委员赴**市**区、**和**省学习，**县农业农村局参加。"


def test_short_form_of_the_committees_own_area_is_masked(places):
    assert masked("为建设美丽清河贡献力量", places) == "为建设美丽**贡献力量"


def test_people_before_titles_and_known_people_are_masked(places):
    text = "尊敬的王明主席，张伟副主席、欧阳明秘书长和李小红同志出席，全体委员、办公室主任参加。"
    assert masked(text, places) == "尊敬的**主席，**副主席、**秘书长和**同志出席，全体委员、办公室主任参加。"
    assert masked("陪同人员：周立新", places, people=["周立新"]) == "陪同人员：**"


def test_official_terms_and_fixed_numerals_are_untouched(places):
    text = ("坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神，增强“四个意识”、"
            "坚定“四个自信”、做到“两个维护”，一是加强学习，发展全过程人民民主，市委和县委高度重视。")
    assert masked(text, places) == text


def test_user_can_unmask_a_word_and_add_one(places):
    text = "清河市政协在江汉平原调研"
    assert masked(text, places, keep={"清河市"}, extra=["江汉平原"]) == "清河市政协在**调研"
