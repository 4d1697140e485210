"""Units and classifiers of this genre, their simplified form and their class.

Classes (as in the hand-checked gold): count, person, person_time, money_cny, percent,
percentage_points, area_mu, age_years, times, other. ``个百分点`` is the difference of two
percentages (unit 百分点, class percentage_points), never a percent. A unit written in
traditional characters or with a parenthesised 次 (``人(次)``, ``人（次）``) is normalised (``人次``). Time words (年, 月, 日, 周年 …) are
listed separately: a number followed by one of them is a date, a year or a time phrase.

Example:
    >>> normalize_unit("人（次）"), unit_class("人（次）"), unit_class("畝"), unit_class("個百分點")
    ('人次', 'person_time', 'area_mu', 'percentage_points')
"""

from __future__ import annotations

import re

UNIT_CLASSES = ("count", "person", "person_time", "money_cny", "percent", "percentage_points", "area_mu", "age_years", "times", "other")

#: Simplified unit -> class. Longer units are tried first (人次 before 人, 场次 before 场).
UNITS: dict[str, str] = {
    # persons and person-times
    "人次": "person_time", "人/次": "person_time",
    "名": "person", "人": "person", "位": "person",
    # money (CNY) and other currencies
    "元": "money_cny", "块钱": "money_cny",
    "美元": "other", "欧元": "other", "港元": "other",
    # shares and rates
    "%": "percent", "百分点": "percentage_points", "个百分点": "percentage_points", "‰": "other", "倍": "other", "成": "other",
    # area, age
    "亩": "area_mu", "岁": "age_years", "周岁": "age_years",
    # frequencies of an action
    "次": "times", "遍": "times",
    # counts: classifiers of things, events, organisations, households, villages
    "个": "count", "项": "count", "件": "count", "件次": "count", "条": "count", "家": "count",
    "期": "count", "场次": "count", "场": "count", "部": "count", "枚": "count", "宗": "count",
    "起": "count", "份": "count", "户": "count", "村": "count", "种": "count", "座": "count",
    "处": "count", "所": "count", "支": "count", "批": "count", "套": "count", "张": "count",
    "篇": "count", "类": "count", "本": "count", "册": "count", "间": "count", "栋": "count",
    "台": "count", "辆": "count", "块": "count", "首": "count", "幅": "count", "堂": "count",
    "节": "count", "轮": "count", "面": "count", "组": "count", "队": "count",
    "班": "count", "门": "count", "届": "count", "课时": "count", "学时": "other",
    "部门": "count", "笔": "count", "例": "count", "则": "count", "头": "count", "只": "count",
    "棵": "count", "株": "count", "盏": "count", "口": "count", "眼": "count", "片": "count", "幢": "count",
    "户次": "count", "批次": "count", "个次": "count", "家次": "count",
    # boats, aircraft and drones, horses (救生船7艘, 无人机3架, 马123匹)
    "艘": "count", "架": "count", "架次": "count", "匹": "count",
    # administrative units counted without 个 (全州8县（市）, 12乡镇)
    "县": "count", "市": "count", "区": "count", "乡": "count", "镇": "count", "乡镇": "count", "县区": "count", "县市": "count",
    # other measures (durations are measures, not dates: 3个月, 2个多月, 两个季度)
    "个月": "other", "个季度": "other",
    "个星期": "other", "个工作日": "other", "个小时": "other", "个学时": "other", "个课时": "count",
    "天": "other", "小时": "other", "分钟": "other", "周": "other", "平米": "other",
    "公里": "other", "千米": "other", "米": "other", "平方米": "other", "平方公里": "other", "平方千米": "other",
    "公顷": "other", "吨": "other", "斤": "other", "公斤": "other", "千克": "other", "立方米": "other",
    "千瓦": "other", "兆瓦": "other", "华里": "other",
    # a village's people (全村共有1560余口人): persons
    "口人": "person",
}

#: A number followed by one of these is a year, date, clock time or time phrase, not an indicator.
TIME_WORDS = ("周年", "年度", "年代", "年", "月份", "月", "日", "号", "时", "点", "世纪")
#: Units counted only after Arabic digits: after a Chinese numeral they make names and slogans
#: (三区三州, 两市一县, 十里八乡).
ARABIC_ONLY_UNITS = ("县", "市", "区", "乡", "镇", "乡镇", "县区", "县市")
#: A unit that, with the character after it, makes a time word: 十一期间 (during the holiday).
PERIOD_WORDS = {"期": "间"}
#: Units that are not units when one of these characters follows: they open a word
#: (三成员, 12345市民热线, 3县级领导, 2区域).
UNIT_NOT_BEFORE = {
    "成": "员果效绩立本熟交功就长型", "市": "民长场委政级区县直属", "区": "域别间块委级县直属",
    "县": "级委域城直属区市", "乡": "村亲土级", "镇": "村委级", "乡镇": "级", "县区": "级", "县市": "级",
}

#: Canonical spelling of unit variants (traditional characters, parenthesised 次, 个+unit).
_UNIT_VARIANTS = {
    "人(次)": "人次", "人（次）": "人次", "人/次": "人次", "人·次": "人次",
    "個": "个", "項": "项", "條": "条", "場次": "场次", "場": "场", "萬": "万", "億": "亿",
    "畝": "亩", "歲": "岁", "筆": "笔", "億元": "亿元", "萬元": "万元", "戶": "户", "處": "处",
    "臺": "台", "輛": "辆", "塊": "块", "種": "种", "張": "张", "組": "组", "隊": "队",
    "間": "间", "棟": "栋", "節": "节", "輪": "轮", "門": "门", "％": "%", "個百分點": "个百分点",
    "百分點": "百分点", "個月": "个月", "小時": "小时", "分鐘": "分钟", "週": "周", "噸": "吨",
    "塊錢": "块钱", "部門": "部门", "縣": "县", "區": "区", "鄉": "乡", "鎮": "镇", "鄉鎮": "乡镇", "縣區": "县区", "縣市": "县市",
    "個學時": "个学时", "個課時": "个课时",
    "屆": "届", "學時": "学时", "課時": "课时", "級": "级",
    # areas written with symbols or Latin letters: 320㎡, 200M2, 4KM2
    "㎡": "平方米", "m²": "平方米", "M²": "平方米", "m2": "平方米", "M2": "平方米",
    "㎢": "平方公里", "km²": "平方公里", "KM²": "平方公里", "km2": "平方公里", "KM2": "平方公里", "Km2": "平方公里",
    "KW": "千瓦", "kW": "千瓦", "kw": "千瓦", "華里": "华里",
}

#: Parenthesised 次 forms accepted after 人.
PERSON_TIME_FORMS = ("人(次)", "人（次）", "人(次）", "人（次)", "人·次", "人/次")
#: Other units written with a parenthesised 次 (场（次）, 个（次）, 户(次)): the same as 场次, 个次 ….
_COUNT_TIME_FORMS = {f"{unit}{open_}次{close}": f"{unit}次" for unit in ("场", "個", "个", "户", "戶", "件", "家", "批") for open_ in "(（" for close in ")）"}
_UNIT_VARIANTS.update({form: normalized.replace("個", "个").replace("戶", "户") for form, normalized in _COUNT_TIME_FORMS.items()})
_UNIT_VARIANTS.update({"個季度": "个季度", "個星期": "个星期", "個工作日": "个工作日", "個小時": "个小时"})
#: Durations written with 多/余/半 inside the unit (3个多月, 两个半月): unit, approx, what to add to the value.
SPLIT_DURATIONS: dict[str, tuple[str, str, str]] = {
    "个多月": ("个月", "over", "0"), "个余月": ("个月", "over", "0"), "个半月": ("个月", "exact", "0.5"),
    "個多月": ("个月", "over", "0"), "個餘月": ("个月", "over", "0"), "個半月": ("个月", "exact", "0.5"),
    "个多小时": ("个小时", "over", "0"), "个半小时": ("个小时", "exact", "0.5"),
    "個多小時": ("个小时", "over", "0"), "個半小時": ("个小时", "exact", "0.5"),
}


#: 个 + 人 counts people (6个人管1万多人) where 人 opens no word (个人才, 个人民, 个人选): read only
#: before a verb, a particle or a break (see :data:`PERSON_COUNT`), never part of :func:`measure_pattern`.
_PERSON_COUNT_FORMS = {"个人": "人", "個人": "人"}
PERSON_COUNT = (
    r"[个個]人(?=$|[，。、；：,;:！？!?）)\s\u3000]|管|负责|在|参加|参与|组成|的|为|是|被|到|都|均|共|中|以上|以下|左右|和|与|及)"
)


def normalize_unit(unit: str) -> str:
    """Simplified canonical spelling of a unit as written.

    Example:
        >>> normalize_unit("個"), normalize_unit("人(次)"), normalize_unit("個百分點"), normalize_unit("个人")
        ('个', '人次', '百分点', '人')
    """
    unit = _UNIT_VARIANTS.get(unit, _PERSON_COUNT_FORMS.get(unit, unit))
    if unit in PERSON_TIME_FORMS:
        return "人次"
    if unit == "个百分点":
        return "百分点"
    return unit


def unit_class(unit: str) -> str:
    """Class of a unit (see :data:`UNIT_CLASSES`); ``other`` for an unknown unit.

    Example:
        >>> unit_class("名"), unit_class("亿元".replace("亿", "")), unit_class("场次")
        ('person', 'money_cny', 'count')
    """
    return UNITS.get(normalize_unit(unit), "other")


def is_time_word(word: str) -> bool:
    """True for 年, 月, 日, 周年 … (in either script): the number before it is a date or time.

    Example:
        >>> is_time_word("年"), is_time_word("週年"), is_time_word("个月")
        (True, True, False)
    """
    return _TIME_VARIANTS.get(word, word) in TIME_WORDS


_TIME_VARIANTS = {"週年": "周年", "號": "号", "時": "时", "點": "点", "年份": "年", "世紀": "世纪"}


def trie_pattern(words: set[str] | list[str] | tuple[str, ...]) -> str:
    """A regex matching any of ``words``, the longest first, written as a trie (one branch per
    first character), so that the regex engine tries a handful of branches instead of all words.

    Example:
        >>> import re
        >>> pattern = trie_pattern(["人", "人次", "个", "个月"])
        >>> pattern, re.match(pattern, "人次数").group(), re.match(pattern, "个人").group()
        ('个(?:月)?|人(?:次)?', '人次', '个')
    """
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "|".join(re.escape(char) + render(child) for char, child in sorted(tree.items()))


def measure_pattern() -> str:
    """Regex of every unit and time-word spelling (both scripts), the longest first.

    One trie, so that 周年 is preferred to 周 and 百分点 to 点.

    Example:
        >>> import re
        >>> re.match(measure_pattern(), "周年纪念").group(), re.match(measure_pattern(), "人（次）").group()
        ('周年', '人（次）')
    """
    spellings = set(UNITS) | set(_UNIT_VARIANTS) | set(PERSON_TIME_FORMS) | set(TIME_WORDS) | set(_TIME_VARIANTS) | set(SPLIT_DURATIONS)
    spellings -= {"万", "亿", "萬", "億", "亿元", "万元", "億元", "萬元", "级", "級"}
    return trie_pattern(spellings)
