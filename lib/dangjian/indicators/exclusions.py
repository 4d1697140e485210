"""Context rules: numbers that read as quantities on their own but are not indicators here.

Each rule looks at a :class:`~dangjian.indicators.grammar.Candidate` inside its sentence and
returns a :class:`NotAQuantity` with a :class:`Reason`, or None. The rules are general
(structure and small lexicons of this genre), applied in order by :func:`exclude`:

- page furniture (``访问次数：895``), ordinals (``第一书记``, ``第二批``, ``二期``), rate bases (``每100名``);
- numbers inside a document title (``《…三年计划》``) or a short quotation (``“光荣在党50年”``,
  ``“十户联体”``, ``“15分钟便民服务圈”``): names, slogans and formulas are quoted in this genre;
- ``N分钟…圈`` service radii and deadlines (``5分钟内登记诉求``, ``2天内给出方案``); spans of minutes,
  months, quarters and weeks (``历时3分钟``, ``用5个月时间``, ``前三个季度``); numerals in place names
  (三门峡, 五台县) and 元旦; well-known numbered formulas (``四个意识``, ``两个维护``, ``八项规定``);
  numbered slogans where a numeral follows the unit (``四个一``, ``五个一批``); idioms (``三番五次``);
- estimates (``数十个``, ``几十名``) and the numeral 一 with a classifier (``一个支部``, ``一项基本职责``, ``新一轮``): an article, not a count.

Example:
    >>> from dangjian.indicators.grammar import find_candidates
    >>> text = "增强“四个意识”，选派第一书记，共向七个村派驻，每年开展一次培训。"
    >>> [(c.surface, getattr(exclude(c, SentenceContext.of(text)), "reason", None)) for c in find_candidates(text)]
    [('四个', <Reason.QUOTED: 'quoted_name'>), ('七个', None), ('一次', <Reason.ARTICLE: 'article_or_idiom'>)]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dangjian.segmentation import formulas
from dangjian.indicators.grammar import Candidate
from dangjian.indicators.results import NotAQuantity, Reason

#: Longest quotation (in characters) treated as a name, slogan or formula.
MAX_QUOTED_NAME = 20

#: A name has no sentence end inside (a quoted remark, “总共才7名村干部，人均就要分担19项。”, is speech, not a name).
_QUOTES = re.compile(
    rf"“[^“”\n。！？]{{1,{MAX_QUOTED_NAME}}}”|\"[^\"\n。！？]{{1,{MAX_QUOTED_NAME}}}\"|‘[^‘’\n。！？]{{1,{MAX_QUOTED_NAME}}}’"
    rf"|「[^「」\n。！？]{{1,{MAX_QUOTED_NAME}}}」|『[^『』\n。！？]{{1,{MAX_QUOTED_NAME}}}』"
)
_TITLES = re.compile(r"《[^《》\n]*》|〈[^〈〉\n]*〉")

#: The kinds of numbered formula (:mod:`dangjian.segmentation.formulas`) whose numbers are not counts: the
#: listed heads only (四个意识, 八项规定), narrower than the slogans' patterns, which would take
#: counts such as 三张床位 as formulas.
EXCLUDED_FORMULAS = (formulas.LISTED,)
#: Idioms and set phrases made of numerals and classifiers.
IDIOMS = (
    "千千万万", "千家万户", "四面八方", "三番五次", "三番两次", "三天两头", "一五一十", "三三两两",
    "四处", "五湖四海", "两面人", "三令五申", "七上八下", "九死一生", "一次性", "一揽子", "三五成群",
    "两手抓", "十分", "万分", "百分百", "两头", "一把手", "二把手", "三位一体", "五位一体", "一盘棋",
    "一张蓝图", "一竿子", "一个样", "两个样", "一站式", "一条龙", "一对一", "一对多", "多对一",
    "两节", "四周", "两块牌子", "一套人马", "三部曲", "两张皮", "成千上万", "成百上千",
    "三面环山", "三面环水", "四面环山", "四面环水", "两面环山", "一山之隔", "一水之隔",
    # the four (five) leading bodies of a place, and the parts a whole is divided into
    "四套班子", "五套班子", "四大班子", "两部分", "三部分", "四部分", "五部分", "六部分", "兩部分",
    "两面不讨好", "四种形态",
)
#: Classifiers that, after a Chinese numeral and before a place word, belong to a proper name
#: (三门峡, 五台县, 七台河, 五台山); 五台电脑 stays a count.
NAME_CLASSIFIERS = ("门", "門", "台", "臺")
_PLACE_AFTER = re.compile(r"^[峡峽县縣山河市区區镇鎮乡鄉村街路]")
#: A Chinese numeral + 家 + one character + a village word is a village's name (五家疃村, 八家子村);
#: 三家农村合作社 stays a count.
_FAMILY_VILLAGE_AFTER = re.compile(r"^(?![农農乡鄉新])[\u4e00-\u9fff][村庄莊屯堡寨]")
#: A Chinese numeral + 类 ranks a category (三类村) or counts the categories the text enumerates
#: (分为三类): not an indicator either way.
RANK_CLASSIFIERS = ("类", "類")
#: Round-the-clock availability (24小时服务, 365天不打烊) describes a service, not a quantity.
AVAILABILITY = (r"(?<![0-9.])24小时", r"(?<![0-9.])365天", r"全天候")
#: The characters an idiom or an availability phrase starts with: checked first.
_IDIOM_FIRST = "".join(sorted({word[0] for word in IDIOMS} | {"2", "3", "全"}))
_IDIOMS = re.compile(
    f"(?=[{re.escape(_IDIOM_FIRST)}])(?:" + "|".join([*sorted(map(re.escape, IDIOMS), key=len, reverse=True), *AVAILABILITY]) + ")"
)
#: Counters and site metadata of a web page before a number: 访问次数：895, 阅读 2581, 字数：2356,
#: 阅读时长：约8分钟, 点赞 35, 页码：3, 备案号 …
_COUNTER_WORDS = r"访问|浏览|阅读|点击|阅览|播放|观看|瀏覽|訪問|閱讀|點擊"
_FURNITURE_BEFORE = re.compile(
    rf"(?:(?:{_COUNTER_WORDS})(?:次数|次數|量|数|數|人数|率)?\s*[】\]]?\s*[:：]\s*"
    rf"|(?:{_COUNTER_WORDS})(?:次数|次數|量|数|數|人数|率)\s*[】\]]?\s*"
    rf"|(?:{_COUNTER_WORDS}|点赞|點贊|评论|評論|转发|轉發|分享|收藏|在看|喜欢)\s*[:：]?[ \u3000\u00a0]+"
    rf"|(?:点赞|點贊|评论|評論|转发|轉發|分享|收藏|在看)(?:数|數|量)?\s*[:：]\s*"
    r"|(?:全文)?(?:字数|字數|阅读时长|閱讀時長|阅读时间|预计阅读|阅读约|阅读需要?|页码|頁碼|页数|第\s*\d+\s*页\s*/?\s*共|"
    r"备案号|備案號|备案编号|ICP备|ICP证|公网安备|许可证号|許可證號|许可证(?=\s*[:：])|許可證(?=\s*[:：])|登记号|刊号|邮编|邮政编码|"
    # 此处隐藏4225个字 (a template site hiding the rest), 免费订阅30天 (a subscription offer)
    r"此处隐藏|此處隱藏|免费订阅|免費訂閱)\s*[:：]?\s*(?:约|大约|共)?\s*)$"
)
#: The first characters of the words of :data:`_FURNITURE_BEFORE` (one of them is in every match): the cheap test.
_FURNITURE_CHARS = re.compile("[访浏阅点播观瀏訪閱點评評转轉分收在喜字预页頁第备備I公许許登刊邮此免]")
#: A counter after the number: 2581人阅读, 1.2万次浏览, 35赞.
_FURNITURE_AFTER = re.compile(rf"^\s*(?:次|人次|人)?(?:{_COUNTER_WORDS}|点赞|赞|在看|收藏|转发|评论)(?:量|数)?\s*(?:$|[|｜/，,。·\s])")
_SERVICE_RADIUS_AFTER = re.compile(r"^[^，。；！？,;\n]{0,8}圈")
#: Spans of time that count nothing (the labels never take them for indicators): minutes, months,
#: quarters and weeks, and hours told roughly (1个多小时, 两个半小时: how long an event took). Days and hours
#: are otherwise left to be read: 培训3天 and 志愿服务时长2.6万小时 are indicators.
_SPANS_OF_TIME = ("分钟", "分鐘", "个月", "個月", "个多月", "個多月", "个半月", "個半月", "季度", "个季度", "個季度", "周", "週", "星期", "个星期", "個星期",
                  "个多小时", "個多小時", "个半小时", "個半小時")
#: Durations, spans of time or days and hours, that are deadlines when 内 follows them (5分钟内, 2天内, 3个工作日之内).
_DURATION_MEASURES = ("小时", "小時", "天", "日", "个工作日", "個工作日", *_SPANS_OF_TIME)


@dataclass(frozen=True)
class SentenceContext:
    """Spans of a sentence that exclusion rules look up: quotations, titles, formulas, idioms."""

    text: str
    quotes: tuple[tuple[int, int], ...]
    titles: tuple[tuple[int, int], ...]
    formulas: tuple[tuple[int, int], ...]
    idioms: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str) -> SentenceContext:
        """Scan ``text`` once for the spans the rules need.

        Example:
            >>> SentenceContext.of("落实“三会一课”，制定《三年计划》").quotes
            ((2, 8),)
        """

        def spans(pattern: re.Pattern[str]) -> tuple[tuple[int, int], ...]:
            return tuple(m.span() for m in pattern.finditer(text))

        return cls(text, spans(_QUOTES), spans(_TITLES), formulas.formula_spans(text, EXCLUDED_FORMULAS), spans(_IDIOMS))


def _inside(candidate: Candidate, spans: tuple[tuple[int, int], ...]) -> bool:
    return bool(spans) and any(start <= candidate.start and candidate.end <= end for start, end in spans)


def _overlaps(candidate: Candidate, spans: tuple[tuple[int, int], ...]) -> bool:
    return bool(spans) and any(start < candidate.end and candidate.start < end for start, end in spans)


def _not(candidate: Candidate, reason: Reason, detail: str) -> NotAQuantity:
    return NotAQuantity(candidate.start, candidate.end, candidate.surface, reason, detail)


Rule = Callable[[Candidate, SentenceContext], "NotAQuantity | None"]


def apply_rule(rule: Rule, text: str) -> list[tuple[str, str | None]]:
    """``(surface, reason)`` for each candidate of ``text`` that reads as a quantity, under one rule
    (``reason`` None where the rule lets it stand) — to see what a rule does.

    Example:
        >>> apply_rule(article, "一个支部就是一座堡垒，两个村")
        [('一个', 'article_or_idiom'), ('一座', 'article_or_idiom'), ('两个', None)]
    """
    from dangjian.indicators.grammar import find_candidates, read_candidate

    context = SentenceContext.of(text)
    results = []
    for candidate in find_candidates(text):
        if isinstance(read_candidate(candidate), NotAQuantity):
            continue
        verdict = rule(candidate, context)
        results.append((candidate.surface, None if verdict is None else verdict.reason.value))
    return results


def page_furniture(candidate: Candidate, context: SentenceContext) -> NotAQuantity | None:
    """Counters and site metadata of a web page: visits, reads, likes, word counts, reading time,
    page numbers, licence and registration numbers (``访问次数：895``, ``阅读时长：约8分钟``,
    ``1.2万次浏览``); a verb before a count (组织党员阅读12本书) is body text.

    Example:
        >>> apply_rule(page_furniture, "阅读量：1200次 阅读时长：约8分钟 3.5万人阅读")
        [('1200次', 'page_furniture'), ('8分钟', 'page_furniture'), ('3.5万人', 'page_furniture')]
        >>> apply_rule(page_furniture, "组织党员阅读12本书，2000人阅读红色经典")
        [('12本', None), ('2000人', None)]
    """
    before = candidate.before(16)
    if _FURNITURE_CHARS.search(before) and _FURNITURE_BEFORE.search(before):
        return _not(candidate, Reason.FURNITURE, "page counter or site metadata")
    if _FURNITURE_AFTER.match(candidate.after(8)):
        return _not(candidate, Reason.FURNITURE, "page counter")
    return None


def ordinal(candidate: Candidate, context: SentenceContext) -> NotAQuantity | None:
    """``第一书记``, ``第二批``, ``第3次``; ``二期``/``二级`` (二, not 两, before a classifier is an ordinal);
    ``三类村`` (a Chinese numeral + 类 ranks a category); ``前两位`` (the first two of a ranking).

    Example:
        >>> apply_rule(ordinal, "选好第二批扶持村，名城世家二期，两个村，三类村，占比前两位")
        [('二批', 'ordinal'), ('二期', 'ordinal'), ('两个', None), ('三类', 'ordinal'), ('两位', 'ordinal')]
    """
    if candidate.before(3).rstrip(" \u3000")[-1:] == "第":
        return _not(candidate, Reason.ORDINAL, "after 第")
    if candidate.chinese and candidate.before(1) == "前" and candidate.measure in ("位", "名") and not candidate.prefix:
        return _not(candidate, Reason.ORDINAL, "前N位 ranks the first N (占比前两位)")
    if candidate.chinese and candidate.number == "二":
        return _not(candidate, Reason.ORDINAL, "二 + classifier (二期, 二级) names a rank or phase")
    if candidate.chinese and candidate.measure in RANK_CLASSIFIERS:
        return _not(candidate, Reason.ORDINAL, "Chinese numeral + 类 names a rank (三类村) or counts enumerated categories")
    return None


def rate_base(candidate: Candidate, context: SentenceContext) -> NotAQuantity | None:
    """``每100名党员``: the base of a rate, not a count.

    Example:
        >>> apply_rule(rate_base, "每100名党员中有3名")
        [('100名', 'rate_base'), ('3名', None)]
    """
    if candidate.before(1) == "每" and not candidate.prefix:
        return _not(candidate, Reason.RATE_BASE, "after 每")
    return None


def in_title(candidate: Candidate, context: SentenceContext) -> NotAQuantity | None:
    """Numbers inside 《…》 belong to a title of a document, law or newspaper.

    Example:
        >>> apply_rule(in_title, "印发《党建工作10条措施》")
        [('10条', 'document_title')]
    """
    if _inside(candidate, context.titles):
        return _not(candidate, Reason.TITLE, "inside 《…》")
    return None


def in_quotation(candidate: Candidate, context: SentenceContext) -> NotAQuantity | None:
    """Numbers inside a short quotation: names, slogans and formulas (“光荣在党50年”, “十户联体”).

    Example:
        >>> apply_rule(in_quotation, "推行“十户联体”模式")
        [('十户', 'quoted_name')]
    """
    if _inside(candidate, context.quotes):
        return _not(candidate, Reason.QUOTED, f"inside a quotation of at most {MAX_QUOTED_NAME} characters")
    return None


def service_radius(candidate: Candidate, context: SentenceContext) -> NotAQuantity | None:
    """``15分钟便民服务圈``: a service radius in minutes names a policy, not a quantity.

    Example:
        >>> apply_rule(service_radius, "打造15分钟便民服务圈")
        [('15分钟', 'service_radius')]
    """
    if candidate.measure in ("分钟", "分鐘") and _SERVICE_RADIUS_AFTER.search(context.text[candidate.end :]):
        return _not(candidate, Reason.SERVICE_RADIUS, "N分钟…圈")
    return None


def time_limit(candidate: Candidate, context: SentenceContext) -> NotAQuantity | None:
    """``5分钟内登记诉求、40分钟内现场响应``: a duration followed by 内 is a deadline a rule sets, not a quantity;
    ``八小时之外志愿服务在社区`` says when, out of working hours.

    Example:
        >>> apply_rule(time_limit, "即5分钟内登记诉求、2天内给出方案，培训3天")
        [('5分钟', 'time_limit'), ('2天', 'time_limit'), ('3天', None)]
    """
    if candidate.measure in _DURATION_MEASURES and context.text.startswith(("内", "之内", "以内", "之外", "以外"), candidate.end):
        return _not(candidate, Reason.TIME_LIMIT, "N…内/外: a deadline, or the hours in or out of work")
    return None


#: What says how long something took or lasts before days or hours (仅用2天便完成, 历时3天, 耗时5小时,
#: 为期2天的任前培训: the length of one event, as its labels take it).
_TOOK_BEFORE = re.compile(r"(?:仅用|僅用|只用|用了|历时|歷時|耗时|耗時|为期|為期)$")


def span_of_time(candidate: Candidate, context: SentenceContext) -> NotAQuantity | None:
    """``历时3分钟``, ``用5个月时间``, ``前三个季度``, ``历时两周``: a span of minutes, months, quarters or
    weeks is how long something took, not a quantity of party work.

    Example:
        >>> apply_rule(span_of_time, "历时两周，用5个月时间，培训3天，服务120小时，仅用2天便完成")
        [('两周', 'duration'), ('5个月', 'duration'), ('3天', None), ('120小时', None), ('2天', 'duration')]
    """
    if candidate.measure in _SPANS_OF_TIME:
        return _not(candidate, Reason.DURATION, "a span of time")
    if candidate.measure in _DURATION_MEASURES and _TOOK_BEFORE.search(candidate.before(4)):
        return _not(candidate, Reason.DURATION, "仅用N天, 为期N天: how long something took or lasts")
    return None


def numbered_formula(candidate: Candidate, context: SentenceContext) -> NotAQuantity | None:
    """Well-known numbered formulas (四个意识, 两个维护, 八项规定) and numbered slogans in which
    a numeral follows the classifier (四个一, 五个一批, 两个一百年), as :mod:`dangjian.segmentation.formulas`
    recognises them (:data:`EXCLUDED_FORMULAS`, :func:`~dangjian.segmentation.formulas.numeral_tail`).

    Example:
        >>> apply_rule(numbered_formula, "增强四个意识，落实四个一，整顿五个村")
        [('四个', 'slogan'), ('四个', 'slogan'), ('五个', None)]
    """
    if candidate.chinese and _overlaps(candidate, context.formulas):
        return _not(candidate, Reason.SLOGAN, "numbered formula")
    if candidate.chinese and formulas.numeral_tail(candidate.text, candidate.match_start, candidate.match_end):
        return _not(candidate, Reason.SLOGAN, "numeral + classifier + numeral (四个一)")
    return None


_SESSION_AFTER = re.compile(r"^(?:全委|全体|全会|全体会议|代表大会|党代会|委员会|常委会|会议|人代会|全委扩大)")


def meeting_session(candidate: Candidate, context: SentenceContext) -> NotAQuantity | None:
    """A Chinese numeral + 次 before a plenary (``八届五次全委会``, ``第三次党代会``) numbers a meeting.

    Example:
        >>> apply_rule(meeting_session, "市委八届五次全委扩大会议，开展五次督查")
        [('五次', 'meeting_name'), ('五次', None)]
    """
    if candidate.chinese and candidate.measure in ("次",) and _SESSION_AFTER.match(candidate.after(5)):
        return _not(candidate, Reason.MEETING, "N次 + plenary: a meeting's number")
    return None


#: What follows a village's numbered group named as a place (八组村民覃某, 茅坪村八组的农户).
_VILLAGE_GROUP_AFTER = re.compile(r"(?:的)?(?:村民|农户|群众|居民|老党员)")


def name_like(candidate: Candidate, context: SentenceContext) -> NotAQuantity | None:
    """A Chinese numeral + 门/台 before a place word is a place name (三门峡, 五台县), and so is a
    Chinese numeral + 家 + one character + a village word (五家疃村); 2024元旦 is a date.

    Example:
        >>> apply_rule(name_like, "三门峡市2024元旦，配备五台电脑")
        [('三门', 'proper_name'), ('2024元', 'year_or_date'), ('五台', None)]
        >>> apply_rule(name_like, "五家疃村获评示范村，三家农村合作社入股")
        [('五家', 'proper_name'), ('三家', None)]
        >>> apply_rule(name_like, "八组村民覃某的纠纷，分成三组开展")
        [('八组', 'proper_name'), ('三组', None)]
    """
    if candidate.chinese and candidate.measure in NAME_CLASSIFIERS and _PLACE_AFTER.match(candidate.after(1)):
        return _not(candidate, Reason.NAME, "Chinese numeral + 门/台 + place word: a proper name")
    if candidate.chinese and candidate.measure == "家" and _FAMILY_VILLAGE_AFTER.match(candidate.after(2)):
        return _not(candidate, Reason.NAME, "Chinese numeral + 家 + one character + village word: a village's name")
    if candidate.measure == "元" and candidate.after(1) == "旦":
        return _not(candidate, Reason.YEAR_OR_DATE, "元旦 (New Year's Day)")
    if candidate.chinese and candidate.measure == "组" and _VILLAGE_GROUP_AFTER.match(context.text, candidate.match_end):
        return _not(candidate, Reason.NAME, "Chinese numeral + 组 + villagers: a village's numbered group")
    return None


def idiom(candidate: Candidate, context: SentenceContext) -> NotAQuantity | None:
    """Idioms and set phrases: 三番五次, 四处, 两面人, 一次性; round-the-clock availability (24小时, 365天).

    Example:
        >>> apply_rule(idiom, "三番五次强调，提供24小时服务")
        [('五次', 'idiom'), ('24小时', 'idiom')]
    """
    if _overlaps(candidate, context.idioms):
        return _not(candidate, Reason.IDIOM, "idiom or set phrase")
    return None


def vague(candidate: Candidate, context: SentenceContext) -> NotAQuantity | None:
    """``数十个``, ``几十名``: an estimate, not a number.

    Example:
        >>> apply_rule(vague, "数十个村，十个村")
        [('十个', 'not_a_number'), ('十个', None)]
    """
    if candidate.chinese and candidate.before(2)[-1:] in ("数", "几") or candidate.before(2) == "若干":
        return _not(candidate, Reason.NOT_A_NUMBER, "vague estimate (数十, 几十)")
    return None


def article(candidate: Candidate, context: SentenceContext) -> NotAQuantity | None:
    """The numeral 一 with a classifier is an article or part of an idiom (一个支部, 新一轮, 一批);
    after an estimate word it is a number (近一成, 不足一个百分点).

    Example:
        >>> apply_rule(article, "新一轮评选，十一个村，近一成")
        [('一轮', 'article_or_idiom'), ('十一个', None), ('一成', None)]
    """
    if candidate.chinese and candidate.number == "一" and not candidate.number_high and not candidate.prefix:
        return _not(candidate, Reason.ARTICLE, "一 + classifier")
    return None


#: A negation and the verb it negates right before a count of one: 未发展1名, 没有出现1例, 无1人
#: (the verb phrase holds no comparison: 未超过1名 and 不少于1名 bound a count).
_NOT_A_SINGLE = re.compile(r"(?:未|没|无|不曾)(?:(?!超过|超出|满|达到|达|少于|低于|高于|多于|足)[^，。；,;：:！？、0-9０-９]){0,6}$")


def not_a_single(candidate: Candidate, context: SentenceContext) -> NotAQuantity | None:
    """A count of one after a negation says "not a single one" (a count of zero), as 没有一名 does
    with the numeral 一 (which :func:`article` excludes first): 全区有7个村未发展1名党员 counts no members.

    Example:
        >>> apply_rule(not_a_single, "7个村近三年未发展1名党员，全年未发生1起事故，不少于1名，全年发展党员1名")
        [('7个', None), ('1名', 'article_or_idiom'), ('1起', 'article_or_idiom'), ('1名', None), ('1名', None)]
    """
    if candidate.number in ("1", "１") and not candidate.number_high and not candidate.prefix and not candidate.multiplier:
        if _NOT_A_SINGLE.search(candidate.before(10)):
            return _not(candidate, Reason.ARTICLE, "not a single one (a negation before a count of one)")
    return None


#: What follows the age of one person a story tells of (76岁老人马秦芳, 68岁的老党员李坤, 80岁高龄老人,
#: 54岁村民梁朝辉): an old person, or a villager or member named next (no number follows, as in 35岁党员12名).
_ONE_PERSON_AFTER = re.compile(
    r"(?:的)?(?:(?:高龄|老人|老党员|老同志|老大爷|老大娘|老奶奶|老爷爷|老支书|老村支书)"
    r"|(?:村民|农民|居民|党员)(?![^，。；]{0,3}[0-9０-９一二三四五六七八九十百千万]))"
)


def persons_age(candidate: Candidate, context: SentenceContext) -> NotAQuantity | None:
    """``76岁老人马秦芳``, ``54岁村民梁朝辉``: the age of one person a story tells of, not a quantity
    (an age bound such as 80岁以上老党员 is read with its qualifier, a threshold).

    Example:
        >>> apply_rule(persons_age, "76岁老人马秦芳说，54岁村民梁朝辉说，全镇80岁以上老党员32名，35岁党员12名")
        [('76岁', 'one_person'), ('54岁', 'one_person'), ('80岁', None), ('32名', None), ('35岁', None), ('12名', None)]
    """
    if candidate.measure in ("岁", "歲") and not candidate.number_high and not candidate.suffix:
        if _ONE_PERSON_AFTER.match(context.text, candidate.match_end):
            return _not(candidate, Reason.PERSON, "the age of one person")
    return None


#: The rules, in the order they are tried; the first that fires gives the reason.
RULES: tuple[Rule, ...] = (
    page_furniture,
    ordinal,
    in_title,
    in_quotation,
    service_radius,
    time_limit,
    span_of_time,
    numbered_formula,
    meeting_session,
    name_like,
    idiom,
    vague,
    article,
    not_a_single,
    rate_base,
    persons_age,
)


def exclude(candidate: Candidate, context: SentenceContext, rules: tuple[Rule, ...] = RULES) -> NotAQuantity | None:
    """The first rule that excludes ``candidate`` in its sentence, or None when it stands.

    Example:
        >>> from dangjian.indicators.grammar import find_candidates
        >>> text = "落实“三会一课”，建立党建联系点3799个"
        >>> [exclude(c, SentenceContext.of(text)) for c in find_candidates(text)]
        [None]
    """
    for rule in rules:
        result = rule(candidate, context)
        if result is not None:
            return result
    return None
