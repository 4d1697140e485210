"""Subjects: a short label of what each number counts, read from its clause.

The label is built from the words around the number inside its clause (between ，；：。 …):

- before the number (the *left* phrase): the clause text after the previous number, without
  leading time, place and manner words (2023年, 全市, 累计, 其中 …) and trailing links (达到, 为,
  共 …); a long left phrase is cut where its last run of action verbs starts
  (``示范引领各级党组织书记建立党建联系点`` → ``建立党建联系点``);
- after the number (the *right* phrase): the noun phrase the classifier introduces, up to
  punctuation, a preposition or the next number (``下发7个配套方案`` → ``下发配套方案``); when
  nothing but an agent or a preposition stands before the number, the right phrase runs on
  through its predicate (``对五个软弱涣散的村党组织进行整顿`` → ``软弱涣散的村党组织进行整顿``);
- ``X、Y分别达到98.6%、96.1%``: each number takes its own item of the list before 分别;
- a number with nothing of its own shares the label of the number just before it
  (``13期1654人（次）``); a lone verb takes the object of that label (``设立党组3个、撤销4个``);
  an item of a list without a verb takes the verb of the item before (``清理牌子8748个、群组2433个``);
  a bare share is the share of the label before (``占比91.3%``).

Example:
    >>> text = "全市矛盾纠纷调解率、信访事项化解率分别达到98.6%、96.1%，建立党建联系点3799个、撤销4个。"
    >>> from dangjian.indicators.extract import quantities
    >>> label_subjects(text, [q.outer for q in quantities(text)])
    ['矛盾纠纷调解率', '信访事项化解率', '建立党建联系点', '撤销党建联系点']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Action verbs of this genre. Words that are mostly nouns here (组织, 服务, 建设, 发展, 联系)
#: are left out, so that 党组织, 服务中心, 联系点 stay whole.
ACTION_VERBS = (
    "建立", "建成", "新建", "改扩建", "组建", "成立", "设立", "挂牌成立", "打造", "创办", "创建",
    "选派", "派驻", "下派", "选聘", "招聘", "招录", "招考", "招募", "选拔", "选调", "储备", "培育", "培养",
    "接收", "吸收", "摸排", "排查", "识别", "确定", "认定", "评选", "表彰", "获评", "评为",
    "培训", "轮训", "举办", "开展", "召开", "举行", "完成", "实现", "解决", "化解", "调解", "办结",
    "处理", "反馈", "整改", "查摆", "梳理", "清理", "清退", "收缴", "回收", "盘活", "整合", "争取", "投入",
    "下拨", "拨付", "发放", "列支", "申请", "落实", "扶持", "带动", "吸纳", "覆盖", "结对", "给予", "领取",
    "走访", "慰问", "颁发", "拍摄", "制作", "制定", "出台", "印发", "下发", "签订", "认领", "承诺", "领办",
    "帮办", "办理", "收集", "提供", "调整", "轮换", "撤销", "优化", "提升", "整顿", "通报", "约谈", "列席",
    "下沉", "取消", "减少", "压减", "增加", "增长", "提高", "下降", "降低", "配备", "接管", "交易", "确权",
    "帮扶", "资助", "捐赠", "推荐", "选举", "换届", "纳入", "登记", "设置", "驻村", "任职", "招引", 
    "指导", "督促", "整治", "改造", "提级改造", "连接", "链接", "参加", "参与",
)
#: A verb followed by one of these is part of a noun (培训班, 服务站, 调解率, 扶持资金).
NOUN_SUFFIXES = ("班", "站", "点", "率", "室", "员", "中心", "资金", "经费", "项目", "基地", "阵地", "对象", "人员", "平台", "任务", "事项")
_VERB = "|".join(sorted(set(ACTION_VERBS), key=len, reverse=True))
_VERBS = re.compile(_VERB)
_VERB_RUN = re.compile(f"(?:{_VERB})+(?!{'|'.join(NOUN_SUFFIXES)})")
_ADVERBIAL = (
    r"[0-9]{4}年(?:以来|来|底|末|初|内|度)?|今年以来|去年以来|年内|当年|全年|截至目前|截至|目前|现已|已经|已|"
    r"一年来|近年来|其中|另外|此外|同时|共有|现有|拥有|共计|总计|合计|累计|共|先后|分别|全市|全区|全县|全镇|全乡|全省|全国|"
    r"全州|我市|我区|我县|我镇|我乡|我省|持续|进一步|积极|扎实|深入|全面|切实|不断|顺利|成功|力争|"
    r"再|又|还|也|并|均|都|对|向|为|在|从|与|和|给|由|把|将|于|使|让|通过|按照|依托|围绕|针对|帮助|推动|"
    r"引导|鼓励|至少|最少|要|共同|重新|直接|其中包括|包括|以及|"
    # agents: the body that acts is not what is counted
    r"(?:[省市区县州旗镇乡]委)?组织部门?|[省市区县州旗镇乡]委|[省市区县镇乡]政府|[省市区县]级财政|[镇乡]党委|[区县市]委组织部|"
)
_LEADING = re.compile(rf"^(?:(?:{_ADVERBIAL[:-1]})\s*)+")
_TRAILING = re.compile(r"(?:动态保持|保持在|保持|稳定在|以及|和|及|与|均|达到了|达到|达|为|是|有|共有|共计|总计|合计|累计|共|计|预计|计划|约|近|至|了|的|超|逾|占|等|以|各|分别|要|已)+$")
#: A left phrase ending in one of these is an agent + preposition: the right phrase carries the subject.
_PREPOSITION_END = re.compile(r"(?:对|向|为|与|在|给|将|把|从|由)$")
_RIGHT_STOP = re.compile(r"[，。；：！？,;:!?“”\"、]|和|及|与|以及|到|在|对|向|为|从|于")
#: A list of short items right after the classifier: 1356个村、社区、企业.
_SHORT_LIST = re.compile(r"^[^、，。；：“”]{1,4}(?:、[^、，。；：“”]{1,4})+(?=[^、]|$)")
_RIGHT_HARD_STOP = re.compile(r"[，。；：！？,;:!?“”\"、]")
_SHARE = re.compile(r"^(?:占比|占|比例|比重)$")
_RESPECTIVELY = re.compile(r"分别(?:达到|达|为|是|有|占|增长|下降|提高|降低|完成)?$")
_CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?\n]")
_QUOTE_CHARS = re.compile(r"[“”‘’\"「」『』]")
_EDGE_CHARS = "、，,：: 　"
MAX_SUBJECT = 24
MAX_SHORT_LEFT = 10
MAX_RIGHT = 16


def _balance(text: str) -> str:
    """Drop unbalanced brackets at the edges (``服务站（联络站`` → ``服务站（联络站）``)."""
    opens = sum(text.count(c) for c in "（(")
    closes = sum(text.count(c) for c in "）)")
    while text and text[0] in "）)" and closes > opens:
        text, closes = text[1:], closes - 1
    while text and text[-1] in "（(" and opens > closes:
        text, opens = text[:-1], opens - 1
    if opens > closes:
        text += "）" * (opens - closes)
    return text


def _strip(text: str) -> str:
    """Remove quotes, leading adverbials and trailing links.

    Example:
        >>> _strip("2023年全镇累计达到"), _strip("“红色驿站”")
        ('', '红色驿站')
    """
    text = _QUOTE_CHARS.sub("", text).strip(_EDGE_CHARS)
    previous = None
    while previous != text:
        previous = text
        text = _LEADING.sub("", text)
        text = _TRAILING.sub("", text).strip(_EDGE_CHARS)
    return _balance(text)


def _cut_at_verbs(left: str) -> str:
    """A long left phrase from the start of its last run of action verbs on."""
    if len(left) <= MAX_SHORT_LEFT:
        return left
    runs = list(_VERB_RUN.finditer(left))
    if not runs:
        return left[-MAX_SUBJECT:]
    index = len(runs) - 1
    if _VERB_RUN.fullmatch(left[runs[index].start() :]) and index > 0:
        index -= 1
    # verb phrases listed with 、 share the number: 化解矛盾纠纷、处理关键小事60余起
    while index > 0 and left[runs[index].start() - 1 : runs[index].start()] == "、":
        index -= 1
    return left[runs[index].start() :]


def _right_phrase(right: str, extended: bool) -> str:
    """The noun phrase after the classifier; ``extended`` runs on through the predicate."""
    right = right.lstrip("的之")
    listed = _SHORT_LIST.match(right)
    if listed and not extended:
        items = listed.group()
        verb = _VERBS.search(items, items.rindex("、"))
        return items[: verb.start()] if verb else items
    begin = 0
    if right.startswith("“") and "”" in right:
        begin = right.index("”") + 1  # a quoted name opens the phrase: “两新”组织
    stop = (_RIGHT_HARD_STOP if extended else _RIGHT_STOP).search(right, begin)
    phrase = right[: stop.start()] if stop else right
    if not phrase and not extended and right and not _RIGHT_HARD_STOP.match(right):
        return _right_phrase(right, extended=True)  # 19名到村任职选调生: the phrase opens with a preposition
    return _balance(_QUOTE_CHARS.sub("", phrase)[:MAX_RIGHT]).strip(_EDGE_CHARS)


def _up_to_last_verb(subject: str) -> str:
    """``村级党组织获评五星级`` → ``村级党组织获评`` (the part that an item of a list shares)."""
    runs = list(_VERB_RUN.finditer(subject))
    return subject[: runs[-1].end()] if runs else ""


def _object_of(subject: str) -> str:
    """The object of a verb + object label (``设立市直部门党组`` → ``市直部门党组``)."""
    match = _VERB_RUN.match(subject)
    return subject[match.end() :] if match and match.end() < len(subject) else subject


def _respectively_items(head: str) -> list[str]:
    """Items listed before 分别 (``调解率、化解率分别达到`` → [调解率, 化解率])."""
    head = _RESPECTIVELY.sub("", head)
    items = [_strip(item) for item in re.split(r"、|和|及|以及|与", head)]
    return [item for item in items if item]


@dataclass(frozen=True)
class _Window:
    """Where one quantity's subject is looked for inside its sentence."""

    clause_start: int
    left_start: int  # after the previous quantity of the clause (and what that one used)
    right_end: int  # the next quantity of the clause, or the clause end
    same_clause: bool  # a quantity precedes it in the same clause


def _window(text: str, spans: Sequence[tuple[int, int]], skip: Sequence[bool], index: int, previous: tuple[int, int, str, int] | None) -> _Window:
    start, end = spans[index]
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    clause_break = _CLAUSE_BREAK.search(text, end)
    clause_end = clause_break.start() if clause_break else len(text)
    later = [s for (s, _), skipped in zip(spans[index + 1 :], skip[index + 1 :]) if not skipped and s < clause_end]
    same_clause = previous is not None and previous[0] == clause_start
    left_start = max(clause_start, previous[1]) if same_clause else clause_start
    if same_clause and skip[previous[3]]:
        left_start = clause_start  # a threshold belongs to the noun phrase: 收入10万元以上的村
    return _Window(clause_start, left_start, later[0] if later else clause_end, same_clause)


def _compose(left: str, right: str, share: bool, rest: str, same_clause: bool, previous_subject: str) -> str:
    """The label from the left and right phrases, falling back on the previous quantity's label."""
    if share and not right and previous_subject:
        return previous_subject + "占比"  # 占比91.3%: the share of what was just counted
    if not left and not right:
        if same_clause or not rest:
            return previous_subject if same_clause else _object_of(previous_subject)
        return rest
    if left and _VERB_RUN.fullmatch(left) and not right and previous_subject:
        return left + _object_of(previous_subject)  # 设立党组3个、撤销4个
    if same_clause and not _VERBS.search(left + right) and _up_to_last_verb(previous_subject):
        return _up_to_last_verb(previous_subject) + left + right  # 清理牌子8748个、群组2433个
    return left + right


def label_subjects(
    text: str,
    spans: Sequence[tuple[int, int]],
    skip: Sequence[bool] | None = None,
    classifiers: Sequence[bool] | None = None,
) -> list[str]:
    """One subject label per quantity span of ``text`` (spans in text order, including the
    qualifiers 超过 … 以上 around the number). Spans flagged in ``skip`` (thresholds) are read
    as part of the phrase around them rather than as a boundary; ``classifiers`` flags units that
    introduce the noun after them (个, 名, 家: ``3个村``; not 元 or %), default all.

    Example:
        >>> text = "区委组织部先后下发7个配套方案，与32家驻区单位签订协议"
        >>> label_subjects(text, [(9, 11), (17, 20)])
        ['下发配套方案', '驻区单位签订协议']
    """
    skip = list(skip) if skip is not None else [False] * len(spans)
    classifiers = list(classifiers) if classifiers is not None else [True] * len(spans)
    subjects: list[str] = []
    previous: tuple[int, int, str, int] | None = None  # (clause start, end of what it used, label, index)
    respectively: list[str] = []
    for index, (start, end) in enumerate(spans):
        window = _window(text, spans, skip, index, previous)
        raw_left = text[window.left_start : start]
        if window.same_clause and "、" in raw_left:
            raw_left = raw_left[raw_left.rindex("、") + 1 :]
        if not window.same_clause:
            head = text[window.clause_start : start].rstrip()
            respectively = _respectively_items(head) if _RESPECTIVELY.search(head) else []
        raw_right = text[end : window.right_end]
        previous_subject = previous[2] if previous else ""
        right_used = 0
        if respectively:
            subject = respectively.pop(0)
        else:
            stripped_left = _strip(raw_left)
            agent_only = not _VERBS.search(stripped_left) and (
                not stripped_left or bool(_PREPOSITION_END.search(_QUOTE_CHARS.sub("", raw_left).rstrip()))
            )
            left = "" if agent_only else _TRAILING.sub("", _cut_at_verbs(stripped_left))
            use_right = agent_only or classifiers[index] or not left or len(left) <= 4 or bool(_VERB_RUN.search(left[-2:]))
            right = _right_phrase(raw_right, extended=agent_only) if use_right else ""
            if right:
                right_used = len(raw_right) - len(raw_right.lstrip("的之")) + len(right)
            if agent_only and not right:
                left = stripped_left
            share = bool(_SHARE.match(_QUOTE_CHARS.sub("", raw_left).strip(_EDGE_CHARS)) or _SHARE.match(left))
            rest = _strip(raw_left + raw_right) if not left and not right else ""
            subject = _compose(left, right, share, rest, window.same_clause, previous_subject)
        subject = _balance(_TRAILING.sub("", subject[-MAX_SUBJECT:]))
        subjects.append(subject)
        previous = (window.clause_start, end + right_used, subject or previous_subject, index)
    return subjects
