"""Metadata without drudgery: ``dangjian corpus init DIR`` drafts ``metadata.csv`` from the texts.

For every document file in a folder that ``metadata.csv`` does not list yet, one row is guessed
from the document: title, year (and on what it rests), publication date, script, genre, region
(province / prefecture / county / township, see :mod:`dangjian.metadata.places`), level and author.

* The **title** is the one the file states (HTML ``<title>``/heading, Word's title property), else
  a line of the page's head chosen by its structure, never page furniture: lines repeated in other
  documents of the folder (a site's banner or slogan), navigation (breadcrumbs, links, menus,
  toolbars), the page's data (date, source, editor lines), labels and lines too short for a title
  are passed over; of the lines before the first paragraph of text, the one just above the date or
  source line, or one the page repeats (a header and the article's own heading), is preferred.
* The **level** comes from the unit the title names, by its administrative suffix (县/区/旗 and a
  county-level 市 -> county, 市/州/盟 -> prefecture, 镇/乡/街道 -> township, 村/社区 -> village),
  anonymised names included (XX县, X县, **县, 某县); else from how the text refers to itself (我县,
  本镇) and to its unit (全县, 县委), with the level of the region found.
* The **year** is the title's, else the publication date's (stated by the file, or on the page's
  date line, or under the signature), else that of the latest full date in a text that says 今年/本年,
  and only then the year the text mentions most.

The ``guessed`` column names every column filled this way, for the researcher to check, and
``region_candidates`` lists place names that stay ambiguous, with their candidates, or that the
gazetteer does not know. What stays unsure, and why, is written at the start of the ``notes``
column ("corpus init is unsure of: year [most frequent year in the text: 2019 ×4, 2020 ×3]") and
listed by ``dangjian corpus status DIR``. ``dangjian corpus init DIR --accept`` empties the
``guessed`` column: the guesses become the researcher's data.
Rows already in ``metadata.csv`` are never changed by ``init`` (new rows are appended to its bytes),
and the file is written atomically. :func:`metadata_status` reports, for a loaded corpus, which
fields are missing, guessed or unsure.

Example:
    >>> guess_year("平凉市2024年基层党建工作综述", "2023年……2023年", "")
    ('2024', 'title')
    >>> guess_genre("镇党委书记在党组织建设工作会议上的交流发言", "", has_author=False)
    'meeting speech (交流发言)'
    >>> guess_level("XX县2023年基层组织体系建设情况报告", "全市……市委……全市……市委")
    'county'
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dangjian.cleaning.clean import CleaningPipeline, clean_text, is_traditional
from dangjian.metadata.places import MUNICIPALITIES, find_place_mentions, guess_region
from dangjian.project.io import write_bytes_atomic
from dangjian.reading.corpus import (
    LINK_OUTSIDE,
    METADATA_COLUMNS,
    REQUIRED_COLUMNS,
    Corpus,
    CorpusError,
    CorpusIssue,
    Document,
    check_doc_id,
    check_has_chinese,
    decode_bytes,
    is_blank,
    outside_target,
    read_document,
    scan_document_files,
    too_many_fields,
    unread_files,
)

#: Columns ``corpus init`` writes: the corpus columns plus the publication date and the two
#: columns that say what was guessed.
INIT_COLUMNS = (*METADATA_COLUMNS[:11], "date", *METADATA_COLUMNS[11:], "guessed", "region_candidates")
#: Fields :func:`metadata_status` reports on.
STATUS_FIELDS = ("title", "region", "level", "year", "genre", "script")
#: How the ``notes`` column starts when ``corpus init`` is unsure of some fields.
UNSURE_PREFIX = "corpus init is unsure of: "

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_YEAR = re.compile(r"((?:19[5-9]|20\d)\d)\s*年")

#: Genre keywords and labels, in the vocabulary of data/raw/metadata.csv.
GENRE_KEYWORDS = (
    ("综述", "annual review (综述)"),
    ("总结", "work summary (工作总结)"),
    ("发言", "meeting speech (交流发言)"),
    ("讲话", "speech (讲话)"),
    ("作者系", "signed article (署名文章)"),
    ("通知", "notice (通知)"),
    ("要点", "guidance article (部署要点)"),
)
SIGNED_ARTICLE = "signed article (署名文章)"

#: Ways a report refers to its own level: (pattern, level, weight). "我市" says more than "全市";
#: a committee name (市委) is also used for superiors, so it weighs least.
LEVEL_CUES = (
    (r"我镇|我乡|我街道|本镇|本乡", "township", 2), (r"全镇|全乡|全街道", "township", 1),
    (r"[镇乡]党委|街道党工委", "township", 1),
    (r"我县|我区|我旗|本县|本区", "county", 2), (r"全县|全区|全旗", "county", 1),
    (r"县委|(?<![社园小景自治])区委|旗委", "county", 1),
    (r"我市|我州|我盟|本市", "prefecture", 2), (r"全市|全州|全盟", "prefecture", 1), (r"市委|州委|盟委", "prefecture", 1),
    (r"我省|本省", "province", 2), (r"全省", "province", 1), (r"省委|自治区党委", "province", 1),
    (r"全国|各地|各省|中央组织部|中组部", "national", 1),
    # a village's or community's words are cues, never a self-reference: a report of any level quotes them
    (r"我村|本村|全村|该村", "village", 1), (r"我社区|本社区|全社区|该社区", "community", 1),
)
_TITLE_WEIGHT = 10
#: Administrative suffixes and the level they give; a county-level 市 is known from the gazetteer.
SUFFIX_LEVELS = (
    ("特别行政区", "province"), ("自治区", "province"), ("省", "province"),
    ("自治州", "prefecture"), ("地区", "prefecture"), ("州", "prefecture"), ("盟", "prefecture"), ("市", "prefecture"),
    ("自治县", "county"), ("自治旗", "county"), ("县", "county"), ("区", "county"), ("旗", "county"),
    ("街道", "township"), ("镇", "township"), ("乡", "township"),
    ("社区", "community"), ("村", "village"),
)
_SUFFIX_LEVEL = dict(SUFFIX_LEVELS)
_SUFFIXES = "|".join(sorted(_SUFFIX_LEVEL, key=len, reverse=True))
_LEVEL_RANK = {"national": 0, "province": 1, "prefecture": 2, "county": 3, "township": 4, "village": 5, "community": 5}
#: A title naming a body outside the administrative hierarchy by its committee (XX大学党委, XX集团公司
#: 党委): the level of that body, before any place the title names (北京大学, 甘肃建投集团).
BODY_LEVELS = (
    (re.compile(r"(?:大学|学院|职业技术学院|高等专科学校)(?!生)(?:[^，。；\s生]{0,6}?)(?:党委|党总支|党支部|党组织|基层党建)"), "university"),
    # 大连高校注重发展学生党员: the universities of a place, said as 高校
    (re.compile(r"高校(?:[^，。；\s]{0,6}?)(?:党委|党总支|党支部|党组织|党建|学生党员|发展党员)"), "university"),
    (re.compile(r"(?:有限责任公司|股份有限公司|有限公司|集团公司|集团|公司)(?:[^，。；\s]{0,6}?)(?:党委|党总支|党支部|党组织|基层党建)"), "enterprise"),
    # 大庆油田加强党的基层组织建设, 中共柳州机械厂第八次党代会, 国有企业党建工作调研报告, 驻琼央企: a firm or the state's firms
    (re.compile(r"(?:油田|矿务局|(?<![工])厂|央企|国企|国有企业|中央企业)(?:[^，。；\s]{0,8}?)(?:党委|党总支|党支部|党组织|党建|党的基层组织|党代会)"), "enterprise"),
    (re.compile(r"(?:驻[\u4e00-\u9fff]{1,2})?(?:央企|中央企业)"), "enterprise"),
    # 潍坊市委市直机关工委: the working committee of a place's party and government organs
    (re.compile(r"(?:市直|县直|区直|省直|州直|旗直|中直|国家)?机关(?:工委|党工委|工作委员会)|直属机关党委"), "agency"),
)
#: A unit whose name was anonymised: XX县, X县, **县, ××镇, 某县, 〇〇市, □□区.
ANONYMISED_UNIT = re.compile(rf"(?:[XxＸｘ×✕]{{1,3}}|[*＊]{{1,3}}|某{{1,2}}|□{{1,3}}|[〇○]{{2,3}})({_SUFFIXES})")
#: A title that opens with a bare unit word (the name removed): 镇党委书记…, 县2023年…, 乡镇基层….
_BARE_UNIT_START = re.compile(r"^(乡镇|街道|社区|[省市县区旗镇乡村])(?=\d|党|委|人民|政府|基层|组织|机关|关于|20|[（(])")
#: A title opening with a unit the gazetteer may not know (甲县2023年…, 临平区委…).
_NAMED_UNIT_START = re.compile(
    rf"^([\u4e00-\u9fff]{{1,5}}?)({_SUFFIXES})(?=\d|党|委|人民|政府|召开|举行|开展|推进|[：:\s（(]|关于|基层|组织|机关|抓|以|在)"
)
_GENERIC_UNIT_WORDS = frozenset("社区 城区 郊区 新区 园区 景区 小区 辖区 市区 县区 街区 矿区 片区 地区 省区 山区 牧区 林区 校区 城市 县市 市县".split())
#: Development zones and other named areas that are not administrative levels.
_ZONE = re.compile(r"(?:新区|开发区|高新区|园区|经开区|示范区|试验区|保税区|片区|景区)$")
_TOWNSHIP_NAME = re.compile(r"([\u4e00-\u9fff]{2,4}?)(镇|乡|街道)(?:党委|党工委|人民政府)")
_TITLE_TOWNSHIP = re.compile(r"(?=([\u4e00-\u9fff]{2,4}?)(街道|镇|乡|社区|村))")  # overlapping: 县周家镇, 周家镇
#: Words ending like a township or village that name none (城乡社区, 特色小镇, 乡村).
_NOT_A_NAMED_UNIT = re.compile(r"城乡|农村|乡村|城市|城镇|乡镇|村镇|集镇|小镇|[各全本我该党建促抓的和与在对为把将从向]|[强重名古大]镇$")
#: What follows 乡/镇/村 in a word rather than a name (乡村, 村级, 镇村, 乡风).
_WORD_AFTER_UNIT = re.compile(r"[村镇级民里亲土情风干务规]")
_NOT_TOWN_NAMES = {"乡镇", "城镇", "村镇", "集镇", "小镇", "城乡", "各乡", "各镇", "全镇", "全乡", "本镇", "我镇"}


# --------------------------------------------------------------------------- the head of a page

#: A date with its year: 2020-05-09, 2020/5/9, 2020.05.09, 2020年5月9日, 2023年11月03日18:44.
_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_LINKISH = re.compile(r"https?://|www\.|\.(?:com|cn|net|org|gov)\b|^(?:首页|主页)\s*(?:[>»›＞→|｜/]|$)", re.IGNORECASE)
_CRUMB = re.compile(r"\s*(?:>>|[>»›＞→])\s*")
_WHERE_AM_I = re.compile(r"^(?:您|你)?(?:当前|现在)?的?(?:所在)?位置")
_KEY_VALUE = re.compile(r"([\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,5})\s*[:：]\s*")
_BULLET = re.compile(r"^[•·●◆■▪►▶◇○◎*＊-]\s*")
#: Words of the genre: a line holding none is seldom a title (a site's name, a slogan, a label).
_TITLE_WORDS = re.compile(
    r"党|组织|建设|工作|总结|报告|讲话|发言|会议|会上|意见|通知|方案|材料|调研|治理|振兴|发展|经验|做法|综述|体会|"
    r"计划|要点|述职|换届|书记|基层|社区|共建|干部|人才|表彰|举行|召开|开展|推进|签订|部署"
)
#: Lines of the page's head read for the title and date, and the characters read for them.
HEAD_LINES = 40
HEAD_CHARS = 6000


def _count_cjk(text: str) -> int:
    return len(_CJK.findall(text))


@functools.lru_cache(maxsize=1)
def _head_pipeline() -> CleaningPipeline:
    """The cleaning steps that normalise and convert a line, without those that remove or join lines
    or replace anonymised names (a title keeps its XX县 as written)."""
    pipeline = CleaningPipeline()
    dropped = [
        s.name for s in pipeline.steps
        if (s.kind == "remove" and "pinyin" not in s.name) or "placeholder" in s.name or s.name == "join_wrapped_lines"
    ]
    return pipeline.without(*dropped)


#: A news agency's dateline (新华社北京6月30日电, 本报讯, 中新网南宁3月2日电): it names where the wire was
#: filed, not the place a report speaks for, and it opens no title.
DATELINE = re.compile(
    r"(?:[（(]?(?:新华社|中新社|中新网|中国新闻网|人民网|新华网|央视网|本报|本网|本台)(?:记者[\u4e00-\u9fff]{0,4}?)?"
    r"(?:[\u4e00-\u9fff]{2,6}?)?(?:[0-9０-９]{1,2}月[0-9０-９]{1,2}日)?(?:电|讯)[）)]?|[\u4e00-\u9fff]{2,6}[0-9０-９]{1,2}月[0-9０-９]{1,2}日电)[\s　]*"
)


def without_datelines(text: str) -> str:
    """``text`` without news datelines (see :data:`DATELINE`).

    Example:
        >>> without_datelines("新华社北京6月30日电 2017年中国共产党党内统计公报"), without_datelines("本报讯 全省共有党员")
        ('2017年中国共产党党内统计公报', '全省共有党员')
    """
    return DATELINE.sub("", text)


def normalise_lines(text: str) -> list[str]:
    """``text`` as simplified, normalised, non-empty lines (no line removed).

    Example:
        >>> normalise_lines("首頁 > 黨建動態\\n\\n  發布日期: 2020-05-09 ")
        ['首页 > 党建动态', '发布日期： 2020-05-09']
    """
    return [line.strip() for line in _head_pipeline()(text).text.splitlines() if line.strip()]


def page_head(raw_text: str) -> list[str]:
    """The normalised lines of a document's head: up to :data:`HEAD_LINES` lines of its first
    :data:`HEAD_CHARS` characters, ending before the first paragraph of text."""
    lines = [line for line in (without_datelines(line).strip() for line in normalise_lines(raw_text[:HEAD_CHARS])) if line][:HEAD_LINES]
    for index, line in enumerate(lines):
        if is_paragraph(line):
            return lines[:index]
    return lines


def is_paragraph(line: str) -> bool:
    """A line of running text: 40 Chinese characters or more with clause punctuation.

    Example:
        >>> is_paragraph("全市新建党群服务中心12个，" * 4), is_paragraph("扎实推进基层党建工作重点任务落实 增强基层党组织政治功能和组织力")
        (True, False)
    """
    return _count_cjk(line) >= 40 and bool(re.search("[，。；、！？]", line))


def is_page_data(line: str) -> bool:
    """A line of the page's own data: a date line, ``key: value`` pairs (来源：, 编辑：), a domain.

    Example:
        >>> [is_page_data(x) for x in ("时间：2021-08-31", "信息来源： 长宁融媒", "四川开江县：织密城市基层治理网络", "城市新闻：")]
        [True, True, False, False]
    """
    if _count_cjk(line) <= 40 and _FULL_DATE.search(line):
        return True
    pairs = list(_KEY_VALUE.finditer(line))
    if len(pairs) >= 2:
        return True
    if len(pairs) == 1 and pairs[0].start() <= 2:
        key, value = pairs[0].group(1), line[pairs[0].end() :].strip()
        if not value or suffix_level(key) or find_place_mentions(key):
            return False  # a label (城市新闻：) or a title naming its place (四川开江县：…)
        return len(value) <= 15 and not re.search("[，。；、“”]", value)
    return False


def furniture_reason(line: str, repeated: frozenset[str] | set[str] = frozenset()) -> str:
    """Why a line of a page's head is furniture and not a title ('' when it may be a title).

    Judged by structure: repeated in other documents, a link, a breadcrumb or a menu, the page's
    own data, a label, a list item, a toolbar of short words, too short or without Chinese.

    Example:
        >>> furniture_reason("打造网上国际投资促进平台 致力于中国投资促进事业", {"打造网上国际投资促进平台 致力于中国投资促进事业"})
        'repeated in other documents of the folder'
        >>> [furniture_reason(x) for x in ("请输入关键词 搜索 高级检索 首页", "您现在的位置：首页 > 开发区新闻 > 宁波", "正文复制", "城市新闻：")]
        ['a menu or toolbar of short words', 'navigation', 'too short for a title', 'a label']
        >>> furniture_reason("全国党建研究会调研组一行来鄞调研")
        ''
    """
    if line in repeated:
        return "repeated in other documents of the folder"
    if _LINKISH.search(line) or _WHERE_AM_I.match(line) or len(_CRUMB.findall(line)) >= 2 or (
        _CRUMB.search(line) and min(len(part) for part in _CRUMB.split(line) if part) <= 6
    ):
        return "navigation"
    if is_page_data(line):
        return "the page's data (date, source, editor)"
    if _BULLET.match(line):
        return "a list item (a menu)"
    words = line.split()
    if len(words) >= 3 and sum(_count_cjk(word) <= 4 for word in words) >= len(words) - 1:
        return "a menu or toolbar of short words"
    if re.search("[:：]$", line):
        return "a label"
    if _count_cjk(line) < 5:
        return "too short for a title" if _CJK.search(line) else "no Chinese"
    if len(line) > 80 or re.search("[。！？；]|[^，]*，[^，]*，[^，]*，", line):
        return "a sentence, not a title"
    return ""


@dataclass
class TitleChoice:
    """The title chosen, on what it rests, and whether that is firm."""

    title: str = ""
    basis: str = ""
    firm: bool = False
    #: The page's own lines around the title: its data (date, source) and the lines above the title.
    context: list[str] = field(default_factory=list)


def _matches_stated(line: str, stated: str) -> bool:
    plain = lambda s: "".join(unicodedata.normalize("NFKC", s).split())  # noqa: E731
    a, b = plain(line), plain(stated)
    return bool(a and b) and (a == b or (min(len(a), len(b)) >= 6 and (a in b or b in a)))


def _stated_parts(stated: str) -> list[str]:
    """A stated title cut where sites append their name: 加强基层党建_党建网 -> 加强基层党建."""
    parts = [p.strip() for p in re.split(r"\s*[_|｜]\s*|\s+[-–—]\s+", stated) if p.strip()]
    return parts or [stated.strip()]


#: C0 and C1 control characters (and DEL): never part of a title a researcher would type.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without C0/C1 control characters: one that separates (a tab, a line or page
    break) becomes a space, any other (an escape, a bell, a zero byte) is removed.

    Example:
        >>> strip_controls("某县\\x1b[31m2023年\\x07基层党建\\t工作总结\\x9b")
        '某县[31m2023年基层党建 工作总结'
    """
    return _CONTROLS.sub(lambda match: " " if match.group().isspace() else "", text).strip()


def choose_title(head: Sequence[str], stated: str = "", repeated: frozenset[str] | set[str] = frozenset()) -> TitleChoice:
    """The title among a page's head lines (see :func:`_choose_title`); a line repeated in other
    documents is taken only when no other line will do, and is then not firm. The title holds
    no control character (:func:`strip_controls`) and no bar of a table row at its ends.

    Example:
        >>> choice = choose_title(["朝阳区委组织部2023年基层党建工作总结"], repeated={"朝阳区委组织部2023年基层党建工作总结"})
        >>> choice.title, choice.firm
        ('朝阳区委组织部2023年基层党建工作总结', False)
        >>> choose_title(["自治区环保厅系统扎实开展基层党组织换届选举工作 |"]).title
        '自治区环保厅系统扎实开展基层党组织换届选举工作'
    """
    choice = _choose_title(head, stated, repeated)
    if not choice.title and repeated and any(line in repeated for line in head):
        choice = _choose_title(head, stated)
        if choice.title:
            choice.basis += "; the same line heads other documents of the folder"
            choice.firm = False
    choice.title = strip_controls(choice.title).strip(" |｜")  # the bar of a table row the page's title sat in
    return choice


def _choose_title(head: Sequence[str], stated: str = "", repeated: frozenset[str] | set[str] = frozenset()) -> TitleChoice:
    """The title among a page's head lines (see :func:`page_head`), or the stated title.

    Each line that is not furniture (:func:`furniture_reason`) scores: 4 when it is the stated
    title, 3 when the page's date or source line follows it (past at most one furniture line), 2
    when the page repeats it (a header and the article's heading), 1 when it holds words of the
    genre. The best line wins (the first on a tie; a fuller repetition of it, XX县… over 县…, is
    preferred); a stated title no line matches is used as stated, less a site's name.

    Example:
        >>> head = ["文似观山不喜平 — — 观山文库◆记住我，来上我~", "县2023年基层组织体系建设情况报告",
        ...         "转载 分享 时间： 加入收藏 共计2169个字，预计阅读时长8分钟", "XX县2023年基层组织体系建设情况报告"]
        >>> choose_title(head).title
        'XX县2023年基层组织体系建设情况报告'
        >>> choice = choose_title(["中国共产党新闻网", "分享", "新时代基层党建创新研讨行", "四川开江县：织密城市基层治理网络", "2023年11月03日18:44 来源：人民网"])
        >>> choice.title, choice.basis
        ('四川开江县：织密城市基层治理网络', "the line above the page's date or source line; words of a report's title")
        >>> choose_title(["请输入关键词 搜索", "加强基层党建"], stated="加强基层党建_党建网").title
        '加强基层党建'
    """
    parts = [p for p in _stated_parts(stated) if p not in repeated and not furniture_reason(p, repeated)] if stated.strip() else []
    reasons = [furniture_reason(line, repeated) for line in head]
    candidates = [i for i, reason in enumerate(reasons) if not reason]
    scores: dict[int, int] = {}
    bases: dict[int, list[str]] = {}
    for i in candidates:
        line, score, why = head[i], 0, []
        if any(_matches_stated(line, part) for part in parts):
            score += 4
            why.append("the title the file states")
        following = [j for j in range(i + 1, min(i + 3, len(head)))]
        if following and (is_page_data(head[following[0]]) or (
            reasons[following[0]] and len(following) > 1 and is_page_data(head[following[1]])
        )):
            score += 3
            why.append("the line above the page's date or source line")
        if any(j != i and len(line) >= 6 and (line in head[j] or (head[j] in line and len(head[j]) >= 8)) for j in range(len(head))):
            score += 2
            why.append("repeated on the page")
        if _TITLE_WORDS.search(line):
            score += 1
            why.append("words of a report's title")
        scores[i], bases[i] = score, why
    best = max(candidates, key=lambda i: (scores[i], -i), default=None)
    data = [line for line, reason in zip(head, reasons) if reason.startswith("the page's data")]
    if best is not None and scores[best] >= 1 and (parts == [] or scores[best] >= 4):
        fuller = [j for j in candidates if head[best] in head[j] and len(head[j]) <= len(head[best]) + 12]
        best = max(fuller, key=lambda j: (len(head[j]), -j))
        firm = scores[best] >= 2 or best == 0
        basis = "; ".join(bases[best]) if bases[best] else "the first line"
        banners = [head[i] for i in candidates if i < best and head[i] not in head[best]]
        return TitleChoice(head[best], basis, firm, banners + data)
    if parts:
        title = max(parts, key=lambda p: (bool(_TITLE_WORDS.search(p)), len(p)))
        return TitleChoice(title, "the title the file states", True, data)
    return TitleChoice("", "", False, data)


def guess_title(text: str, stated: str = "", repeated: frozenset[str] | set[str] = frozenset()) -> str:
    """The title of a document: the stated one (HTML/Word/PDF), else the head line chosen by
    :func:`choose_title`; ``""`` when the text opens with its first paragraph.

    Example:
        >>> guess_title("力量，在党旗下凝聚——平凉市2024年基层党建工作综述\\n高质量发展稳进向好。")
        '力量，在党旗下凝聚——平凉市2024年基层党建工作综述'
        >>> guess_title("党的基层组织是党执政的组织基础。\\n……")
        ''
        >>> guess_title("请输入关键字 搜索 网站地图\\n不忘初心 牢记使命\\n某县2023年基层党建工作总结\\n发布时间：2023-12-20\\n" + "全县新建党群服务中心12个，" * 4)
        '某县2023年基层党建工作总结'
    """
    return choose_title(page_head(text), stated, repeated).title


# --------------------------------------------------------------------------- dates and years


def _iso(match: re.Match[str]) -> str:
    year, month, day = (int(g) for g in match.groups())
    if 1949 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year}-{month:02d}-{day:02d}"
    return ""


#: Words before a date that make it the day a count stands at (截至2023年12月31日), not the day of publication.
_AS_OF = re.compile(r"(?:截至|截止|截止到|截至到|到)\s*$")


def guess_date(head: Sequence[str], tail: Sequence[str] = ()) -> tuple[str, str]:
    """``(date, where)``: the publication date on the page's date line (the first line of the head
    that is the page's data and holds a full date, not the day a count stands at), else a date alone
    on one of the last lines (under a signature); ``("", "")`` when there is none.

    Example:
        >>> guess_date(["齐心协力推进社区共建工作", "时间：2021年11月30日 来源：自治区党委统战部"])
        ('2021-11-30', "the page's date line")
        >>> guess_date(["中国共产党党内统计公报", "截至2023年12月31日"])
        ('', '')
        >>> guess_date([], ["宁波市鄞州区人民政府办公室", "2024年2月21日"])
        ('2024-02-21', 'the date under the signature')
    """
    for line in head:
        match = _FULL_DATE.search(line)
        if match and is_page_data(line) and _iso(match) and not _AS_OF.search(line, 0, match.start()):
            return _iso(match), "the page's date line"
    for line in list(tail)[-5:]:
        match = _FULL_DATE.search(line)
        if match and _count_cjk(line) <= 16 and _iso(match):
            return _iso(match), "the date under the signature"
    return "", ""


#: What after a year makes it the year of an event or a bound (2002年以后入党, 1949年-1966年), not a
#: year the text is about.
_YEAR_OF_EVENT = re.compile(r"\s*(?:(?:以后|以前|之后|之前)?(?:入党|出生|参加工作)|以后|以前|之后|之前|[-—–~～]|[至到]\s*(?:19|20)\d\d)")


def guess_year(title: str, text: str, date: str) -> tuple[str, str]:
    """``(year, basis)``: a year (20xx年) in the title, else the publication date's year, else, in
    a text that says 今年 or 本年, the year of its latest full date, else the year the text
    mentions most (the later one on a tie); ``("", "")`` when there is none. A title's 20xx年度
    (the year a 述职评议 or a review looks back on) gives way to the publication date.

    Example:
        >>> guess_year("", "2019年……2020年……2020年", ""), guess_year("", "做好2020年工作", "2020-05-09")
        (('2020', 'most frequent year in the text: 2020 ×2, 2019 ×1'), ('2020', 'publication date'))
        >>> guess_year("", "2022年……2022年……2022年。今年3月，于2023年3月5日召开……", "")
        ('2023', '今年 in a text dated 2023-03-05')
        >>> guess_year("2023年度党组织书记述职评议会议", "", "2024-02-23")
        ('2024', 'publication date')
        >>> guess_year("", "1949年-1966年入党的5名，2002年以后入党的12名，2002年以后入党的党员", "")
        ('', '')
        >>> guess_year("", "2023年以来，全县新发展党员100名。2023年以来，……2021年全县……", "")[0]
        '2023'
    """
    in_title = _YEAR.search(title)
    reviewed = in_title is not None and title[in_title.end() : in_title.end() + 1] == "度"
    if in_title and not (reviewed and re.match(r"\d{4}", date)):
        if reviewed:
            return in_title.group(1), f"title ({in_title.group(0)}度 may name the year reviewed, not the year written)"
        return in_title.group(1), "title"
    if re.match(r"\d{4}", date):
        return date[:4], "publication date"
    said = re.search("今年|本年", text)
    if said:
        dates = sorted(filter(None, (_iso(m) for m in _FULL_DATE.finditer(text) if "年" in m.group(0))))
        if dates:
            return dates[-1][:4], f"{said.group(0)} in a text dated {dates[-1]}"
    counts = Counter(match.group(1) for match in _YEAR.finditer(text) if not _YEAR_OF_EVENT.match(text, match.end()))
    if counts:
        ranked = sorted(counts, key=lambda y: (-counts[y], -int(y)))
        shown = ", ".join(f"{y} ×{counts[y]}" for y in ranked[:3])
        return ranked[0], f"most frequent year in the text: {shown}"
    return "", ""


# --------------------------------------------------------------------------- script and genre


def traditional_share(raw: str) -> float:
    """Share of Chinese characters that are traditional forms (OpenCC would change them).

    Example:
        >>> traditional_share("黨建工作"), traditional_share("党建工作")
        (0.25, 0.0)
    """
    characters = _CJK.findall(raw)
    if not characters:
        return 0.0
    traditional = {char for char in set(characters) if is_traditional(char)}
    return sum(char in traditional for char in characters) / len(characters)


def guess_script(raw: str, threshold: float = 0.05) -> str:
    """``hant`` when at least ``threshold`` of the Chinese characters are traditional, else ``hans``.

    Example:
        >>> guess_script("平涼市基層黨建工作綜述"), guess_script("平凉市基层党建工作综述")
        ('hant', 'hans')
    """
    return "hant" if traditional_share(raw) >= threshold else "hans"


def guess_genre(title: str, text: str, has_author: bool) -> str:
    """Genre from the first keyword in the title (综述, 总结, 发言, 讲话, 通知, 要点); else a signed
    article when an author line or 作者系 was found; else a speech when it addresses 同志们.

    Example:
        >>> guess_genre("平凉市2024年基层党建工作综述（2020年工作总结）", "", has_author=False)
        'annual review (综述)'
        >>> guess_genre("", "……（作者系区委常委）", has_author=False)
        'signed article (署名文章)'
    """
    found = [(title.find(word), label) for word, label in GENRE_KEYWORDS if word in title]
    if found:
        return min(found)[1]
    if has_author or "作者系" in text:
        return SIGNED_ARTICLE
    if "同志们" in text[:300]:
        return "speech (讲话)"
    return ""


# --------------------------------------------------------------------------- level


@dataclass(frozen=True)
class Unit:
    """An administrative unit named in a title: as written, where, and its level."""

    name: str
    start: int
    level: str

    @property
    def end(self) -> int:
        return self.start + len(self.name)


def suffix_level(name: str) -> str:
    """The level an administrative suffix gives (市 -> prefecture; a county-level 市 is told by
    the gazetteer in :func:`title_units`).

    Example:
        >>> [suffix_level(n) for n in ("XX县", "鄞州区", "三江街道", "**镇", "景湖社区", "平凉市", "宁夏回族自治区")]
        ['county', 'county', 'township', 'township', 'community', 'prefecture', 'province']
    """
    return next((_SUFFIX_LEVEL[suffix] for suffix in sorted(_SUFFIX_LEVEL, key=len, reverse=True) if name.endswith(suffix)), "")


def title_units(title: str) -> list[Unit]:
    """Administrative units a title names, in order: places of the gazetteer (a county-level city
    is a county), anonymised units (XX县), named townships, streets, communities and villages
    opening the title, in brackets or after a unit (三江街道, 兴文县周家镇), a name with a suffix
    opening the title (甲县2023年…, even if the gazetteer lacks it) and a bare unit word opening the
    title (镇党委书记…); development zones (城南新区) are not units.

    Example:
        >>> [(u.name, u.level) for u in title_units("四川开江县：织密城市基层治理网络")]
        [('四川', 'province'), ('开江县', 'county')]
        >>> [(u.name, u.level) for u in title_units("关于认真做好城南新区（三江街道）村和社区组织换届选举工作的实施意见")]
        [('三江街道', 'township')]
        >>> [(u.name, u.level) for u in title_units("XX县2023年基层组织体系建设情况报告")], title_units("嵊州市人民政府")[0].level
        ([('XX县', 'county')], 'county')
        >>> [(u.name, u.level) for u in title_units("景湖社区党委2023年工作总结")], title_units("城乡社区治理的做法")
        ([('景湖社区', 'community')], [])
        >>> title_units("城市基层党建工作"), title_units("甲县2023年工作总结")[0].level
        ([], 'county')
    """
    units: list[Unit] = []
    for mention in find_place_mentions(title):
        place = mention.candidates[0]
        if _ZONE.search(mention.text) or (mention.weak and mention.short_form and not place.level == "prefecture"):
            continue
        units.append(Unit(mention.text, mention.start, place.level))
    for match in ANONYMISED_UNIT.finditer(title):
        units.append(Unit(match.group(0), match.start(), _SUFFIX_LEVEL[match.group(1)]))
    named = _NAMED_UNIT_START.match(title)
    if named and not units and not _NOT_A_NAMED_UNIT.search(named.group(0)) and not _ZONE.search(named.group(0)) and named.group(0) not in _GENERIC_UNIT_WORDS:
        units.append(Unit(named.group(0), 0, _SUFFIX_LEVEL[named.group(2)]))
    bare = _BARE_UNIT_START.match(title)
    if bare and not units:
        units.append(Unit(bare.group(1), 0, "township" if bare.group(1) == "乡镇" else _SUFFIX_LEVEL[bare.group(1)]))
    taken = [(u.start, u.end) for u in units]
    for match in _TITLE_TOWNSHIP.finditer(title):
        name, start = match.group(1) + match.group(2), match.start()
        before = title[start - 1 : start] if start else ""
        opens = start == 0 or before in "（(“《 " or any(end == start for _, end in taken)
        generic = _NOT_A_NAMED_UNIT.search(name) or _WORD_AFTER_UNIT.match(title, start + len(name))
        if opens and not generic and not any(s <= start < e for s, e in taken):
            units.append(Unit(name, start, _SUFFIX_LEVEL[match.group(2)]))
            taken.append((start, start + len(name)))
    return sorted(units, key=lambda u: u.start)


def title_unit(title: str) -> Unit | None:
    """The unit a title speaks for: the most specific unit of the first run of adjacent units
    (平顶山卫东区与宁波市奉化区… -> 卫东区).

    Example:
        >>> title_unit("平顶山卫东区与宁波市奉化区签订组织工作合作共建协议").name
        '卫东区'
    """
    units = title_units(title)
    if not units:
        return None
    run = [units[0]]
    for unit in units[1:]:
        if unit.start > run[-1].end:
            break
        run.append(unit)
    return max(run, key=lambda u: (_LEVEL_RANK[u.level], u.start))


def self_references(text: str) -> Counter[str]:
    """How often the text refers to itself by level: 我县/本县 and anonymised units (XX县).

    Example:
        >>> self_references("我县……XX县……我镇")
        Counter({'county': 2, 'township': 1})
    """
    counts: Counter[str] = Counter()
    for pattern, level, weight in LEVEL_CUES:
        if weight == 2:
            counts[level] += len(re.findall(pattern, text))
    for match in ANONYMISED_UNIT.finditer(text):
        counts[_SUFFIX_LEVEL[match.group(1)]] += 1
    return +counts


def level_with_basis(title: str, text: str, region_level: str = "") -> tuple[str, str, bool]:
    """``(level, basis, firm)``: the level of the unit the title names; else the level the text
    refers to itself by most (我县, XX县); else the cues (全县, 县委, cues in the title weighing
    most) with the level of the region found, firm only when the text's own cues score 3 or more and
    the level twice as much as any other.

    Example:
        >>> level_with_basis("", "我区……全市……全市……市委")[:2]
        ('county', 'the text refers to itself as county: 1×')
        >>> level_with_basis("兰州大学党委2023年基层党建工作总结", "全省……省委")[0]
        'university'
    """
    body = next(((pattern.search(title), level) for pattern, level in BODY_LEVELS if pattern.search(title)), None)
    if body is not None:
        return body[1], f"the title names the committee of a body of the level {body[1]}: {body[0].group()}", True
    unit = title_unit(title)
    if unit is not None:
        return unit.level, f"the title names {unit.name}", True
    own = self_references(text)
    if own:
        level = max(own, key=lambda lv: (own[lv], _LEVEL_RANK[lv]))
        return level, f"the text refers to itself as {level}: {own[level]}×", True
    scores: Counter[str] = Counter()
    for pattern, level, weight in LEVEL_CUES:
        scores[level] += weight * len(re.findall(pattern, text)) + _TITLE_WEIGHT * len(re.findall(pattern, title))
    said = +scores  # what the text says of itself, before the region found is added
    if region_level:
        scores[region_level] += 3
    if not scores or max(scores.values()) == 0:
        return "", "", False
    level = max(sorted(scores), key=lambda lv: scores[lv])
    second = max((n for lv, n in scores.items() if lv != level), default=0)
    shown = ", ".join(f"{lv} {n}" for lv, n in scores.most_common(3) if n)
    # firm only on the text's own words: the level of a place it names is no level of the report
    firm = said[level] >= 3 and scores[level] >= 2 * second
    return level, f"no unit named in the title, no self-reference (我县); the level's words (全县, 县委 …) and the region found score {shown}", firm


def guess_level(title: str, text: str, region_level: str = "") -> str:
    """Administrative level a report speaks for (see :func:`level_with_basis`).

    Example:
        >>> guess_level("镇党委书记在党组织建设工作会议上的交流发言", "全市……全镇……我镇")
        'township'
        >>> guess_level("", "全国组织部长会议……各地要……")
        'national'
    """
    return level_with_basis(title, text, region_level)[0]


def guess_township(text: str) -> str:
    """A named township referring to its own committee or government (红旗镇党委), if any.

    Example:
        >>> guess_township("红旗镇党委坚持……红旗镇党委书记"), guess_township("镇党委书记……乡镇党委")
        ('红旗镇', '')
    """
    names = Counter(m.group(1) + m.group(2) for m in _TOWNSHIP_NAME.finditer(text) if m.group(1) + m.group(2) not in _NOT_TOWN_NAMES)
    names = Counter({name: n for name, n in names.items() if not any(w in name for w in _NOT_TOWN_NAMES)})
    return max(sorted(names), key=lambda name: names[name]) if names else ""


# --------------------------------------------------------------------------- one document


def unsure_note(reasons: dict[str, str], values: dict[str, str] | None = None) -> str:
    """The start of the ``notes`` cell naming the unsure fields, the value guessed for each (in
    ``=…``, so that a value changed by hand is known to be checked) and why.

    Example:
        >>> unsure_note({"year": "most frequent year in the text: 2019 ×4", "region": "长宁: 上海市长宁区 | 四川省宜宾市长宁县"}, {"year": "2019"})
        'corpus init is unsure of: year=2019 [most frequent year in the text: 2019 ×4]; region= [长宁: 上海市长宁区 | 四川省宜宾市长宁县]'
    """
    if not reasons:
        return ""
    values = values or {}
    return UNSURE_PREFIX + "; ".join(f"{name}={_noted(values.get(name, ''))} [{_noted(why, value=False)}]" for name, why in reasons.items())


def _noted(text: str, value: bool = True) -> str:
    """``text`` as a note writes it: no brackets or line breaks, and in a value no semicolon."""
    text = (text or "").replace("[", "(").replace("]", ")").replace("\n", " ")
    return text.replace(";", ",") if value else text


_UNSURE_ENTRY = re.compile(r"(\w+)(?:=([^\[;]*?))? \[([^\]]*)\]")


def _unsure_entries(notes: str) -> list[tuple[str, str | None, str]]:
    """``(field, value guessed or None where the note does not say, why)`` of a ``notes`` cell."""
    start = (notes or "").find(UNSURE_PREFIX)
    if start < 0:
        return []
    part = notes[start + len(UNSURE_PREFIX) :].split("]. ", 1)[0] + "]"
    return [(name, value if "=" in whole else None, why) for whole, name, value, why in ((m.group(0), *m.groups()) for m in _UNSURE_ENTRY.finditer(part))]


def unsure_fields(notes: str) -> dict[str, str]:
    """The unsure fields and why, read back from a ``notes`` cell (see :func:`unsure_note`).

    Example:
        >>> unsure_fields("corpus init is unsure of: year [most frequent year]; level [cues only]. Checked by hand.")
        {'year': 'most frequent year', 'level': 'cues only'}
        >>> unsure_fields("corpus init is unsure of: year=2019 [most frequent year]; region= [长宁: 上海市长宁区]")
        {'year': 'most frequent year', 'region': '长宁: 上海市长宁区'}
        >>> unsure_fields("Traditional script.")
        {}
    """
    return {name: why for name, _, why in _unsure_entries(notes)}


def still_unsure(metadata: dict[str, str]) -> dict[str, str]:
    """The fields of a document's metadata still unsure, and why: those its notes name, unless the
    value was changed by hand since (it differs from the value the note says was guessed), and a
    region with ambiguous names still as guessed.

    Example:
        >>> notes = "corpus init is unsure of: year=2019 [most frequent year]; level=prefecture [cues only]"
        >>> still_unsure({"year": "2019", "level": "village", "notes": notes})
        {'year': 'most frequent year'}
        >>> still_unsure({"region": "", "region_candidates": "长宁: 上海市长宁区 | 四川省宜宾市长宁县", "notes": ""})
        {'region': '长宁: 上海市长宁区 | 四川省宜宾市长宁县'}
        >>> still_unsure({"level": "county;township", "notes": unsure_note({"level": "cues"}, {"level": "county;township"})})
        {'level': 'cues'}
    """
    unsure: dict[str, str] = {}
    for name, guessed, why in _unsure_entries(metadata.get("notes", "") or ""):
        if guessed is None or _noted(metadata.get(name, "") or "").strip() == guessed.strip():
            unsure[name] = why
    noted = {name for name, _, _ in _unsure_entries(metadata.get("notes", "") or "")}
    if metadata.get("region_candidates") and "region" not in noted:
        unsure["region"] = metadata["region_candidates"]
    return unsure


def guess_metadata(document: Document, repeated: frozenset[str] | set[str] = frozenset()) -> dict[str, str]:
    """A ``metadata.csv`` row for one document, every filled column named in ``guessed``.

    ``repeated`` holds head lines shared with other documents of the folder (furniture).

    Example:
        >>> from dangjian.reading.corpus import Document
        >>> row = guess_metadata(Document("p", Path("p.txt"), "平涼市2024年基層黨建工作綜述\\n平涼市委組織部堅持……全市……平涼市", "utf-8"))
        >>> row["year"], row["script"], row["prefecture"], row["province"], row["level"], row["genre"]
        ('2024', 'hant', '平凉市', '甘肃省', 'prefecture', 'annual review (综述)')
    """
    cleaned = clean_text(document.raw_text)
    found = {**cleaned.metadata, **{k: v for k, v in document.metadata.items() if v}}
    text = without_datelines(cleaned.text)  # 新华社北京…电 names where a wire was filed, not the place reported on
    head = page_head(document.raw_text)
    stated = " ".join(normalise_lines(found.get("title", ""))) if found.get("title", "").strip() else ""
    choice = choose_title(head, stated, repeated)
    title = choice.title
    date = found["date"] if re.match(r"\d{4}-\d{2}-\d{2}$", found.get("date", "")) else ""
    if not date or date.endswith("-01-01"):  # 1 January: often only a year, the rest filled in by the reader
        date = guess_date(head, normalise_lines(document.raw_text[-400:]))[0] or date
    year, year_basis = guess_year(title, text, date)
    author = strip_controls(found.get("author", ""))
    body_lines = set(text.splitlines())
    context = "\n".join(line for line in choice.context if line not in body_lines)
    navigation = {line for line in head if furniture_reason(line, repeated).startswith(("repeated", "navigation", "a menu", "a list"))}
    body = "\n".join(line for line in text.splitlines() if line.strip() not in navigation)
    region = guess_region("\n".join([body, found.get("author_position", "")]), title=title, head=context)
    unit = title_unit(title)
    # a province alone says little of a report's level: most reports name theirs
    level, level_basis, level_firm = level_with_basis(title, text, region.level if region.level != "province" else "")
    if level == "prefecture" and region.level == "province" and region.province in MUNICIPALITIES and unit is None:
        level, level_basis = "province", f"{region.province} is a municipality of province level ({level_basis})"  # 全市 of 上海市
    township = unit.name if unit is not None and unit.level == "township" and not ANONYMISED_UNIT.match(unit.name) and len(unit.name) > 2 else ""
    if level == "township" and not township:
        township = guess_township(text)
    reasons: dict[str, str] = {}
    if title and not choice.firm:
        reasons["title"] = f"chosen for: {choice.basis}; no stated title, no date or source line below it"
    if level and not level_firm:
        reasons["level"] = level_basis
    if year_basis.startswith(("most frequent", "title (")):
        reasons["year"] = year_basis
    if region.ambiguous or region.unknown or region.seldom:
        reasons["region"] = region.candidates_text()
    row = {
        "title": title,
        "region": region.region or ("全国" if level == "national" else ""),
        "province": region.province,
        "prefecture": region.prefecture,
        "county": region.county,
        "township": township,
        "level": level,
        "year": year,
        "year_basis": year_basis,
        "date": date,
        "genre": guess_genre(title, text, has_author=bool(author or found.get("author_position"))),
        "author": author,
        "script": guess_script(document.raw_text),
    }
    guessed = [column for column in INIT_COLUMNS if row.get(column)]
    return {
        **{column: "" for column in INIT_COLUMNS},
        **row,
        "doc_id": document.doc_id,
        "file": document.path.name,
        "notes": unsure_note(reasons, row),
        "guessed": ";".join(guessed),
        "region_candidates": region.candidates_text(),
    }


def repeated_head_lines(heads: Iterable[Sequence[str]], min_documents: int = 2) -> frozenset[str]:
    """Head lines found in at least ``min_documents`` documents: a site's banner, slogan, menus.

    Example:
        >>> sorted(repeated_head_lines([["不忘初心 牢记使命", "甲县工作总结"], ["不忘初心 牢记使命", "乙县工作总结"]]))
        ['不忘初心 牢记使命']
    """
    counts = Counter(line for head in heads for line in set(head))
    return frozenset(line for line, n in counts.items() if n >= min_documents)


# --------------------------------------------------------------------------- a folder


@dataclass
class InitResult:
    """What ``corpus init`` did: the table written, rows added and kept, files skipped."""

    path: Path
    added: list[dict[str, str]] = field(default_factory=list)
    kept: int = 0
    skipped: list[CorpusIssue] = field(default_factory=list)


@dataclass
class ExistingTable:
    """An existing ``metadata.csv``: its bytes (kept as they are), how they decode, its records."""

    data: bytes
    text: str
    encoding: str
    records: list[list[str]]

    @property
    def header(self) -> list[str]:
        return [name.strip() for name in self.records[0]]

    @property
    def rows(self) -> list[dict[str, str]]:
        return [dict(zip(self.header, record)) for record in self.records[1:]]


def _read_existing(path: Path) -> ExistingTable | None:
    """The existing ``metadata.csv``, or ``None`` when it is empty (no bytes, or only white space
    and a byte-order mark).

    A row with more fields than the header (a value with an unquoted comma) is an error naming
    the row: appending below it would keep a row whose values are read into the wrong columns.
    """
    with open(path, "rb") as handle:
        data = handle.read()
    if not data.strip():
        return None
    text, encoding = decode_bytes(data, path)
    if is_blank(text):
        return None
    records = _records(text, path)
    header = [name.strip() for name in records[0]] if records else []
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise CorpusError(path, f"missing column(s) {', '.join(missing)}; found: {', '.join(header)}. Fix the header; metadata.csv was left unchanged")
    for line_no, record in enumerate(records[1:], start=2):
        if len(record) > len(header):
            raise CorpusError(path, f"{too_many_fields(line_no, len(record), len(header))}; metadata.csv was left unchanged")
    return ExistingTable(data, text, encoding, records)


def _records(text: str, path: Path) -> list[list[str]]:
    """The non-empty records of a CSV text; malformed CSV is an error naming the line."""
    reader = csv.reader(io.StringIO(text))
    try:
        return [record for record in reader if record]
    except csv.Error as error:
        raise CorpusError(
            path, f"line {reader.line_num} is not valid CSV ({error}); put values with line breaks in double quotes. metadata.csv was left unchanged"
        ) from None


def _reads_back(data: bytes, path: Path, expected: list[list[str]], advice: str) -> bytes:
    """``data`` if it decodes and parses into ``expected`` records, else a :class:`CorpusError`."""
    text, _ = decode_bytes(data, path)
    if _records(text, path) != expected:
        raise CorpusError(path, f"the table would not read back as written; {advice}")
    return data


def _csv_lines(header: Sequence[str], rows: Sequence[dict[str, str]], newline: str = "\n") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(header), lineterminator=newline, extrasaction="ignore")
    writer.writerows([{column: row.get(column, "") for column in header} for row in rows])
    return buffer.getvalue()


def _piece_codec(existing: ExistingTable) -> tuple[bytes, str]:
    """The byte-order mark the file starts with, and the codec to encode added text with (no BOM)."""
    bom = next((mark for mark in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) if existing.data.startswith(mark)), b"")
    name = codecs.lookup(existing.encoding).name
    if name == "utf-8-sig":
        return bom, "utf-8"
    if name == "utf-16":
        return bom, "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    return bom, existing.encoding


def appended_table(existing: ExistingTable, path: Path, rows: Sequence[dict[str, str]]) -> bytes:
    """The bytes of ``metadata.csv`` with ``rows`` appended: every existing byte stays as it is.

    Columns of :data:`INIT_COLUMNS` the header lacks are added at the end of the header line (the
    existing rows, shorter than the header, read them as empty). The added text is encoded as the
    file is (UTF-8, UTF-16, GB18030 ...), with its line ends. The result is read back: if the
    existing rows would not read as before, or the encoding cannot hold the new rows, nothing is
    returned but a :class:`~dangjian.reading.corpus.CorpusError` that says what to do.

    Example:
        >>> old = "doc_id,file\\r\\na,a.txt\\r\\n".encode("gb18030")
        >>> table = ExistingTable(old, old.decode("gb18030"), "gb18030", [["doc_id", "file"], ["a", "a.txt"]])
        >>> new = appended_table(table, Path("metadata.csv"), [{"doc_id": "b", "file": "b.txt", "title": "党建"}])
        >>> lines = new.decode("gb18030").split("\\r\\n")
        >>> new.startswith(b"doc_id,file,title,"), new.endswith(old[len(b"doc_id,file"):] + lines[2].encode("gb18030") + b"\\r\\n")
        (True, True)
        >>> lines[1], lines[2][:11]
        ('a,a.txt', 'b,b.txt,党建,')
    """
    bom, codec = _piece_codec(existing)
    missing = [column for column in INIT_COLUMNS if column not in existing.header]
    header = existing.header + missing
    first_line = existing.text.split("\n", 1)[0]
    newline = "\r\n" if first_line.endswith("\r") else "\n"
    first_line = first_line.rstrip("\r")
    body = existing.data
    if missing:
        head = bom + first_line.encode(codec)
        if not body.startswith(head) or next(csv.reader([first_line]), []) != existing.records[0]:
            raise CorpusError(
                path, f"cannot add the column(s) {', '.join(missing)} to its header without rewriting it; add them by hand, then run again"
            )
        body = head + ("," + ",".join(missing)).encode(codec) + body[len(head):]
    if not existing.text.endswith(("\n", "\r")):
        body += newline.encode(codec)
    try:
        body += _csv_lines(header, rows, newline).encode(codec)
    except UnicodeEncodeError as error:
        raise CorpusError(
            path,
            f"is in {existing.encoding}, which cannot hold the new rows (character {error.object[error.start]!r}); "
            "re-save metadata.csv as UTF-8 and run again",
        ) from None
    expected = [existing.records[0] + missing, *existing.records[1:], *([row.get(c, "") for c in header] for row in rows)]
    return _reads_back(body, path, expected, "re-save metadata.csv as UTF-8 and run again (it was left unchanged)")


def _unique_doc_id(path: Path, taken: set[str]) -> str:
    doc_id = path.stem
    if doc_id in taken:
        doc_id = f"{path.stem}-{path.suffix.lstrip('.').lower()}"
    return doc_id


def init_metadata(folder: Path | str, dry_run: bool = False, follow_symlinks: bool = False) -> InitResult:
    """Write ``folder/metadata.csv`` with guessed rows for the document files it does not list.

    Existing rows are never changed: their bytes stay as they are and the new rows are appended
    (an existing file without the ``guessed``/``date``/``region_candidates`` columns gets them at
    the end of its header line; its old rows read them as empty). A malformed existing row is an
    error naming the row, and the file is left unchanged; an empty ``metadata.csv`` (no bytes) is
    written as a new table. Files that cannot be read (a scan without text layer, an empty file),
    whose name cannot serve as a doc_id, or that are symbolic links leading out of the folder
    (unless ``follow_symlinks``) are skipped and reported. With ``dry_run`` nothing is written.
    The head lines of the new documents are compared first: a line shared by several of them
    (a site's banner, slogan or menu) is never taken as a title.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_text("某县2023年基层党建工作总结\\n全县……", encoding="utf-8")
        >>> result = init_metadata(folder)
        >>> [(r["doc_id"], r["year"], r["genre"], r["level"]) for r in result.added]
        [('a', '2023', 'work summary (工作总结)', 'county')]
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(folder, "corpus folder not found")
    target = folder / "metadata.csv"
    if target.exists() and not follow_symlinks and outside_target(folder, target) is not None:
        raise CorpusError(target, f"{LINK_OUTSIDE.format(target=outside_target(folder, target))}; copy the table into the folder")
    existing = _read_existing(target) if target.exists() else None
    rows = existing.rows if existing else []
    listed = {row.get("file", "") for row in rows}
    taken = {row.get("doc_id", "") for row in rows}
    result = InitResult(target, kept=len(rows))
    files, links_out = scan_document_files(folder, follow_symlinks)
    for path, link_target in links_out:
        if path.name not in listed:
            result.skipped.append(CorpusIssue(str(path), "skipped", f"{LINK_OUTSIDE.format(target=link_target)}; no row added"))
    for path, message in unread_files(folder):
        if path.name not in listed:
            result.skipped.append(CorpusIssue(str(path), "skipped", f"{message}; no row added"))
    documents: list[Document] = []
    for path in files:
        if path.name in listed:
            continue
        doc_id = _unique_doc_id(path, taken)
        try:
            check_doc_id(doc_id, path, from_file_name=True)
            document = read_document(path, doc_id)
            check_has_chinese(document)
        except CorpusError as error:
            result.skipped.append(CorpusIssue(str(path), "skipped", error.problem))
            continue
        taken.add(doc_id)
        documents.append(document)
    repeated = repeated_head_lines(page_head(document.raw_text) for document in documents)
    result.added = [guess_metadata(document, repeated) for document in documents]
    del documents
    if dry_run or not result.added:
        return result
    if existing is None:
        content = (",".join(INIT_COLUMNS) + "\n" + _csv_lines(INIT_COLUMNS, result.added)).encode("utf-8")
        expected = [list(INIT_COLUMNS), *([row.get(c, "") for c in INIT_COLUMNS] for row in result.added)]
        _reads_back(content, target, expected, "a guessed value holds a character CSV cannot carry; nothing was written")
    else:
        content = appended_table(existing, target, result.added)
    write_bytes_atomic(target, content)
    return result


# --------------------------------------------------------------------------- accepting the guesses


@dataclass
class AcceptResult:
    """What ``corpus init --accept`` did: rows whose ``guessed`` cell it emptied, with what it held."""

    path: Path
    accepted: dict[str, str] = field(default_factory=dict)
    unsure: dict[str, dict[str, str]] = field(default_factory=dict)


def _field_spans(text: str) -> list[list[tuple[int, int]]]:
    """Where each field of each CSV record lies in ``text`` (quotes included); blank lines are no record.

    Example:
        >>> text = 'a,"b,""c"" d"\\r\\n\\nd,\\n'
        >>> [[text[s:e] for s, e in record] for record in _field_spans(text)]
        [['a', '"b,""c"" d"'], ['d', '']]
    """
    records: list[list[tuple[int, int]]] = []
    separator = re.compile(r"[,\r\n]")
    i, n = 0, len(text)
    while i < n:
        fields: list[tuple[int, int]] = []
        while True:
            if i < n and text[i] == '"':
                j = i + 1
                while True:
                    k = text.find('"', j)
                    if k < 0:
                        raise ValueError("a quoted value is not closed")
                    if not text.startswith('""', k):
                        break
                    j = k + 2
                end = k + 1
            else:
                match = separator.search(text, i)
                end = match.start() if match else n
            fields.append((i, end))
            i = end
            if i < n and text[i] == ",":
                i += 1
                continue
            break
        if i < n:
            i += 2 if text.startswith("\r\n", i) else 1
        if not (len(fields) == 1 and fields[0][0] == fields[0][1]):
            records.append(fields)
    return records


def accept_guesses(folder: Path | str, dry_run: bool = False) -> AcceptResult:
    """Empty the ``guessed`` column of ``folder/metadata.csv``: the guesses become the data.

    Only the ``guessed`` cells change; every other byte of the file stays as it is (same
    encoding, quoting and line ends), which is checked by reading the result back before it is
    written (atomically). Fields noted as unsure in ``notes`` stay noted until their value is changed by
    hand or their entry is deleted from ``notes`` (see :func:`still_unsure`).

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "metadata.csv").write_text('doc_id,file,year,guessed\\r\\na,a.txt,2023,"year"\\r\\nb,b.txt,,\\r\\n')
        >>> accept_guesses(folder).accepted
        {'a': 'year'}
        >>> (folder / "metadata.csv").read_bytes()
        b'doc_id,file,year,guessed\\r\\na,a.txt,2023,\\r\\nb,b.txt,,\\r\\n'
    """
    target = Path(folder) / "metadata.csv"
    if not target.exists():
        raise CorpusError(target, "no metadata.csv to accept; run dangjian corpus init first")
    existing = _read_existing(target)
    result = AcceptResult(target)
    if existing is None or "guessed" not in existing.header:
        return result
    column = existing.header.index("guessed")
    for row in existing.rows:
        if (row.get("guessed") or "").strip():
            result.accepted[row.get("doc_id", "")] = row["guessed"]
        unsure = still_unsure(row)
        if unsure:
            result.unsure[row.get("doc_id", "")] = unsure
    if dry_run or not result.accepted:
        return result
    bom, codec = _piece_codec(existing)
    advice = "empty its guessed column by hand (metadata.csv was left unchanged)"
    try:
        spans = _field_spans(existing.text)
        same = bom + existing.text.encode(codec) == existing.data
    except (ValueError, UnicodeEncodeError):
        spans, same = [], False
    values = [[_unquote(existing.text[s:e]) for s, e in record] for record in spans]
    if not same or values != existing.records:
        raise CorpusError(target, f"cannot be rewritten cell by cell; {advice}")
    text = existing.text
    for record in reversed(spans[1:]):
        if column < len(record):
            start, end = record[column]
            text = text[:start] + text[end:]
    expected = [existing.records[0]] + [[v if i != column else "" for i, v in enumerate(r)] for r in existing.records[1:]]
    content = _reads_back(bom + text.encode(codec), target, expected, advice)
    write_bytes_atomic(target, content)
    return result


def _unquote(value: str) -> str:
    return value[1:-1].replace('""', '"') if value.startswith('"') else value


# --------------------------------------------------------------------------- status


def metadata_status(corpus: Corpus, fields: Sequence[str] = STATUS_FIELDS) -> pd.DataFrame:
    """Which metadata fields are missing, guessed (not yet checked) or unsure, for which documents.

    One row per document and field that needs attention: ``doc_id, field, status, value, why``
    with status ``missing``, ``guessed`` (named in the document's ``guessed`` column) or
    ``unsure`` (named in its notes by ``corpus init`` and not changed by hand since, or a region with
    ambiguous names: :func:`still_unsure`); ``why``
    says on what a guess rests (the year's basis) or why it is unsure.

    Example:
        >>> from dangjian.reading.corpus import Corpus, Document
        >>> doc = Document("a", Path("a.txt"), "党建", "utf-8", {"year": "2024", "year_basis": "title", "level": "county",
        ...                "guessed": "level;year", "notes": "corpus init is unsure of: level [cues only]"})
        >>> metadata_status(Corpus(None, [doc]), fields=("year", "level", "region")).values.tolist()
        [['a', 'year', 'guessed', '2024', 'year_basis: title'], ['a', 'level', 'unsure', 'county', 'cues only'], ['a', 'region', 'missing', '', '']]
    """
    records = []
    for document in corpus.documents:
        meta = document.metadata
        guessed = set(filter(None, (meta.get("guessed", "") or "").split(";")))
        unsure = still_unsure(meta)
        for name in fields:
            value = meta.get(name, "") or ""
            if name in unsure:
                status, why = "unsure", unsure[name]
            elif not value:
                status, why = "missing", ""
            elif name in guessed:
                basis = meta.get("year_basis", "") if name == "year" else ""
                status, why = "guessed", f"year_basis: {basis}" if basis else ""
            else:
                continue
            records.append({"doc_id": document.doc_id, "field": name, "status": status, "value": value, "why": why or ""})
    return pd.DataFrame(records, columns=["doc_id", "field", "status", "value", "why"])
