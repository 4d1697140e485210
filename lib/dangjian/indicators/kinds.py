"""Kinds of quantity: amount, share, change or target, read from the words before the number.

- **target** — a planning or requirement word governs the number (力争, 计划, 预计, 确保, 目标,
  拟, 至少要; 争取 or 将 right before a verb of the number's clause: 争取发展党员, 将新建 — not
  争取资金) and no word of achievement (累计, 已, 实际, 截至, 以来 …) stands between it and the
  number: ``力争年底前发展党员100名``, ``预计增收48万元``;
- **change** — a change verb stands right before the number (净增, 增加, 增长, 提高, 下降, 减少,
  增收, 比上年多 …; a percent may have the object in between: ``压减督检考事项20%``), or the unit is
  percentage points: ``比上年净增300名``, ``同比增长7.2%``, ``提高0.78个百分点``. A level reached
  (``增加到87万元``, ``提升至98%``) is not a change;
- **share** — any other percent or fraction (占比, 覆盖率, 完成率, 四成, 三分之一);
- **amount** — everything else: counts, sums, per-unit averages, earlier and later levels.

Example:
    >>> text = "全县共有党员2.1万名，比上年净增300名，女党员占25.9%，力争年底前发展党员100名。"
    >>> [(surface, quantity_kind(text, text.index(surface), unit_class)) for surface, unit_class in
    ...  [("2.1万名", "person"), ("300名", "person"), ("25.9%", "percent"), ("100名", "person")]]
    [('2.1万名', 'amount'), ('300名', 'change'), ('25.9%', 'share'), ('100名', 'target')]
"""

from __future__ import annotations

import re

#: Words that make the numbers after them planned, required or expected. 计划 counts as a verb
#: only (计划培训, 计划总投资), not as the name of a programme (“学历提升”计划，按计划), a body (计划局, 计委)
#: or a policy (计划生育, 计划经济).
TARGET_WORDS = (
    r"力争", r"力求", r"(?<![为以在])确保", r"预计", r"预期", r"(?<![规])拟(?![定订])(?![^，。；,;]{0,4}(?:对象|人选))", r"(?<![为])目标(?:任务|值)?(?:为|是|达到)?(?![，,任值])",
    r"(?<![”\"’」』按照原度动程划作升展养])计划(?![，。；、,;”\"和及的中书局委外]|生育|单列|经济|事项)", r"(?<![的按作])要求(?![下，])",
    r"争取(?=[^，。；,;]{0,4}?(?:发展|培训|建成|新建|实现|达到|完成|组建|选派|储备|打造|创建|覆盖)[^，,]*$)", r"至少要", r"必须", r"应当",
    # 代表不应超过53人, 代表应有15人以上: a quota of delegates or seats, in the number's clause only
    r"(?:不应|不得)(?:超过|少于|低于)?(?=[^，。；,;]{0,3}$)", r"(?<![对相])应有(?=[^，。；,;]{0,3}$)", r"(?:年底|年末)前", r"将(?:达到|实现|新增|建成)",
    # 将 right before another verb plans it, in the number's clause only (将新建…20个; not 将发展党员工作纳入考核，…)
    r"(?<![即])将(?=(?:新建|建设|发展|培训|选派|打造|创建|完成|开展|举办|组建|投入|储备|招录|招聘|培育|表彰|提供)[^，,]*$)", r"争创",
    # 原则上不低于4万元, 每村每年不低于2万元: a minimum a rule sets, right before the number
    r"原则上", r"(?:不低于|不少于)(?=[^，。；,;]{0,2}$)",
    # 济南市准备表彰150名优秀共产党员: what a body prepares to do (not 拟表彰对象, the nominees named)
    r"准备(?=(?:表彰|新建|建设|发展|培训|选派|开展|举办|组建|投入)[^，,]*$)",
    # 市下达指导数20人, 下达我校发展党员计划为400名: a quota a higher body sets
    r"下达(?=[^，。；,;]{0,10}(?:指导数|指导性计划|计划|任务|指标))",
    r"(?<![需重主只必想纪])要(?=新建|建立|建成|发展|培训|选派|实现|达到|完成|组建|整顿|储备|落实|做到|全面|确保|力争|争取)",
    # 到2015年，…比例提升到85%: a level set for a year (截至2015年, 直到, achieved words after it, and the 到 of
    # a change or a span — 从2019年11000元提高到2020年14000元, 2019年到2020年 — are no plan)
    r"(?<![截直高升长加降少达减年])到 ?(?:19|20)[0-9]{2} ?年(?:底|末)?(?!统计|止|为止)", r"有望",
    # 项目建成后可增加村集体经济收入290万元: what a project is expected to bring, in the number's clause only
    r"(?<![不即])可(?=(?:增加|新增|带动|实现|增收|创收|节约|节省|吸纳|安置)[^，。；,;]*$)",
    # 通过2年左右的努力，将1000名农村致富能手培养成党员; 利用3年时间，…选树500、3000、1万个: the years a plan gives itself
    r"(?:通过|利用)(?:[0-9]|[一二两三四五六七八九十])年(?:左右)?(?:的)?(?:时间|努力)(?=[，,])",
)
#: Words of achievement: a number after them (and after any target word) is achieved.
#: A rate of completing a plan (计划完成率, 完成全年目标任务的) is achieved too: a share, not a target.
ACHIEVED_WORDS = (
    r"累计", r"已经", r"(?<![而])已", r"实际", r"以来", r"年来", r"截至", r"截止", r"目前", r"现有", r"共有", r"实有",
    r"完成率", r"完成[^，。；,;]{0,8}?(?:计划|目标)(?:任务)?(?:数)?的",
    # 完成重点村审计1563个，占计划数的149.4%: what was done as a share of the plan
    r"占[^，。；,;]{0,4}?(?:计划|目标)(?:任务)?(?:数)?的",
    # 计划发展党员1500名，完成1620名: the plan, then what was done, in a clause of its own (not
    # 力争完成, 计划完成, 预计…总产值完成; nor an item of a plan's list before a later number: 通过2年的努力，
    # …，完成4000名村级干部的集中培训工作，将5000名…)
    r"(?<=[，,])完成(?![任目计])(?=[^，。；,;]{0,3}$)",
)
#: Change verbs: right before the number (only links such as 了, 达, 约 in between).
CHANGE_VERBS = (
    "净增率", "净增长率", "净增", "净减", "增加", "增长率", "增长", "增幅", "增速", "提高", "提升", "上升", "下降", "降低", "减少", "降幅", "减幅", "增收", "减收",
    "压减", "压缩", "缩减", "精简", "回落", "下滑",
)
#: One-character change verbs (增30名, 减少 aside); 新增 counts what is new, an amount.
SHORT_CHANGE_VERBS = (r"(?<![新倍])增", r"(?<![精压缩消])减", r"涨")
#: Links allowed between a change verb and its number (增长了, 提高约, 下降达).
_LINKS = r"(?:了|为|达|达到|约|近|超|逾|超过|将近|接近|\s)*"
#: The characters the words above start with (after their look-behind guards): checked first, so
#: that the search skips ordinary text at the speed of a character class.
_TARGET_FIRST = "力确预拟目计要争至必应年将下不到有可准原通利"
_ACHIEVED_FIRST = "累已实以年截目现共完占"
_TARGET = re.compile(f"(?=[{_TARGET_FIRST}])(?:{'|'.join(TARGET_WORDS)})")
#: A number followed in its clause by a verb of building or reaching with 了 (到2010年底，…非公企业99.6%建立了
#: 党组织): what was done, whatever planning word came before.
_DONE_AFTER = re.compile(r"[^，。；,;]{0,14}?(?:建立|实现|达到|完成|建成|覆盖|组建)了")
#: A sentence that opens with the year its levels are set for (到2015年，).
_PLAN_YEAR_OPENING = re.compile(r"^[^，。；,;]{0,8}?(?<![截直高升长加降少达减年])到 ?(?:19|20)[0-9]{2} ?年(?:底|末)?[，,]")
#: A sentence that opens with a word of planning (确保在本年度完善…；完成…；建设好…; 下一步，…将…评出2个)
#: plans every item of it.
_PLAN_WORD_OPENING = re.compile(r"^[^，。；,;]{0,8}?(?:(?<![为以在])确保|力争|力求|下一步)")
#: Words of a time past: an item of a planning sentence that names one reports what was done.
_PAST_TIME = re.compile(r"去年|上年|上一年|往年|过去")
_ACHIEVED = re.compile(f"(?=[{_ACHIEVED_FIRST}])(?:{'|'.join(ACHIEVED_WORDS)})")
_CHANGE_ALTERNATION = "|".join(sorted(CHANGE_VERBS, key=len, reverse=True))
#: Nouns of a measure that may stand between a change verb and its number (增加收入32.5万元), with what
#: they are of before them (增加村级集体经济收入330万元).
MEASURE_NOUNS = ("收入", "收益", "产值", "总量", "数量", "人数", "金额", "资金", "投入", "面积")
_CHANGE_ADJACENT = re.compile(
    rf"(?:{_CHANGE_ALTERNATION}|{'|'.join(SHORT_CHANGE_VERBS)})(?:了)?(?:[^，。；,;0-9０-９]{{0,8}}?(?:{'|'.join(MEASURE_NOUNS)}))?{_LINKS}$"
    rf"|(?:比|较)[^，。；,;]{{1,10}}(?:多|少|年轻|年长)(?:发展|吸收|培训|选派|新建|建立|组建)?{_LINKS}$"
)
#: A percent after a change verb and its object (压减督检考事项20%, 同比下降20%, 增长率为12%).
_CHANGE_OF_PERCENT = re.compile(
    rf"(?:{_CHANGE_ALTERNATION})[^，。；,;达到至为]{{0,8}}$|(?:增长率|增速|增幅|降幅|减幅|同比|环比)[^，。；,;]{{0,6}}$"
)
#: A part of a whole, even a whole that is an increase (占全省增加总量的19.5%): a share.
_SHARE_OF_WHOLE = re.compile(r"占[^，。；,;]{0,20}的$")
#: A new level reached, not a change: 增加到, 提高至, 提升为.
_LEVEL_REACHED = re.compile(r"(?:到|至|为|达到|达)[^，。；,;]{0,2}$")
_STATEMENT_BREAKS = "；;。！？!?"


def _last_statement(left: str) -> str:
    """The last statement of ``left`` (after its last ；。！？)."""
    return left[max(map(left.rfind, _STATEMENT_BREAKS)) + 1 :]
#: Numbers listed before this one (分别增加1.0万个、0.6万个、…): the verb before the list applies to each.
_ENUMERATED = re.compile(r"(?:[0-9０-９.]+[万亿千]?[^\s、，。；0-9０-９和及]{0,4}(?:、|和|及))+$")
_PERCENT_CLASSES = ("percent",)
#: What ends the clause a change verb is looked for in.
_CLAUSE_BREAKS = "，。；：,;:"


def is_target(left: str) -> bool:
    """Is the number after ``left`` (the sentence up to the number) planned or required?

    Example:
        >>> is_target("力争通过3年时间，实现"), is_target("计划数为180名，实际完成"), is_target("实施“学历提升”计划，招聘")
        (True, False, False)
        >>> is_target("今年，要新建村级活动场所"), is_target("重要的是建成")
        (True, False)
        >>> is_target("争取全年发展党员不少于"), is_target("争取上级资金"), is_target("全年计划培训")
        (True, False, True)
        >>> is_target("今年全县将新建党群服务中心"), is_target("将发展党员工作纳入考核，全年发展党员")
        (True, False)
        >>> is_target("全年发展党员计划完成率达到"), is_target("上半年完成全年目标任务的")
        (False, False)
        >>> is_target("计划发展党员1500名，完成"), is_target("力争完成"), is_target("预计全年产值完成")
        (False, True, True)
        >>> is_target("聚焦总目标，真抓实干，帮助"), is_target("年度目标：发展党员"), is_target("县委下达指导数")
        (False, True, True)
        >>> is_target("到2015年，新发展的党员中35岁以下的比例提升到"), is_target("截至2015年底，全县共有党员")
        (True, False)
        >>> is_target("到2020年底，全县已建成党群服务中心"), is_target("2022年6个村有望超"), is_target("到 2019 年底，欠发达村消除")
        (False, True, True)
        >>> is_target("到2015年，书记大专以上学历比例力争提升到50%；班子成员平均年龄下降到")
        True
        >>> is_target("确保在本年度完善5公里基础路建设；完成农电增容"), is_target("确保发展党员30名；去年发展")
        (True, False)
        >>> is_target("大庆油田在确保完成"), is_target("确保全年发展党员")
        (False, True)
        >>> is_target("下一步，区委组织部将对照评分标准进行评估，从24个先锋机关党支部中评出")
        True
        >>> is_target("2021年原则上不低于"), is_target("每村每年不低于"), is_target("此次招聘将提供")
        (True, True, True)
        >>> is_target("村民人均可支配收入从2019年11000元提高到2020年"), is_target("从2019年到2020年，全县发展党员")
        (False, False)
    """
    statement = _last_statement(left)
    targets = [m.end() for m in _TARGET.finditer(statement)]
    if not targets:
        # 到2015年，…比例提升到50%；平均年龄下降到40岁: a year that opens the sentence sets all its levels;
        # 确保…；完成农电增容三个变压器: so does a word of planning
        opening = _PLAN_YEAR_OPENING.match(left) or _PLAN_WORD_OPENING.match(left)
        return opening is not None and _ACHIEVED.search(left, opening.end()) is None and _PAST_TIME.search(statement) is None
    achieved = [m.end() for m in _ACHIEVED.finditer(statement)]
    return max(targets) > max(achieved, default=-1)


def is_change(left: str, unit_class: str) -> bool:
    """Is the number after ``left`` a difference from an earlier time or a growth rate?

    Example:
        >>> is_change("比上年净增", "person"), is_change("提升村干部学历", "person"), is_change("合并压减督检考事项", "percent")
        (True, False, True)
        >>> is_change("新增项目28个，增加收入", "money_cny"), is_change("分别比上年增加1.0万个、", "count"), is_change("分别增加12个和", "person")
        (True, True, True)
        >>> is_change("覆盖率由75%提升至", "percent"), is_change("", "percentage_points")
        (False, True)
        >>> is_change("全国发展党员280.7万名，比上年多发展", "person"), is_change("比上年多发放", "money_cny")
        (True, False)
        >>> is_change("人口自然增长率为", "percent"), is_change("党员总量增速为", "percent"), is_change("比上年净增2.48万名，净增率为", "percent")
        (True, True, True)
        >>> is_change("占全省农村集体资产增加总量的", "percent")
        False
    """
    if unit_class == "percentage_points":
        return True
    clause = _ENUMERATED.sub("", left[max(map(left.rfind, _CLAUSE_BREAKS)) + 1 :])  # the last clause
    if _CHANGE_ADJACENT.search(clause):
        return True
    if unit_class in _PERCENT_CLASSES and not _LEVEL_REACHED.search(clause) and not _SHARE_OF_WHOLE.search(clause):
        return bool(_CHANGE_OF_PERCENT.search(clause))
    return False


#: What is counted, marked new right after the unit (增加了361个新社区): the new units, an amount.
_NEW_THINGS = re.compile(r"新(?![增高低])[\u4e00-\u9fff]")
#: A comparison in the clause keeps a change a change (比上年增加3个新…).
_COMPARED = re.compile(r"比|较|同比|环比")


def counts_new_things(text: str, start: int, surface: str) -> bool:
    """Does an increase count new things (``增加了361个新社区``, as ``新增361个社区``) rather than
    the difference of a stock from an earlier time?

    Example:
        >>> text = "五年间增加了361个新社区，比上年增加3个新党支部，增加了12个社区"
        >>> [counts_new_things(text, text.index(s), s) for s in ("361个", "3个", "12个")]
        [True, False, False]
    """
    found = text.find(surface, start) if surface else -1
    if found < 0:
        return False
    left = text[:start]
    clause = left[max(map(left.rfind, _CLAUSE_BREAKS)) + 1 :]
    return bool(_NEW_THINGS.match(text, found + len(surface))) and not _COMPARED.search(clause)


def quantity_kind(text: str, start: int, unit_class: str, surface: str = "") -> str:
    """The kind of the quantity starting at ``start`` of ``text`` (a sentence): amount, share,
    change or target (see the module docstring). ``start`` includes a qualifier before the
    number (超过, 约); a fraction (``surface`` 三分之一) or a per mille (``5.3‰``) is a share or a
    growth rate like a percent.

    Example:
        >>> text = "人均可支配收入4.5万元，同比增长12.3%，预计增收48万元。"
        >>> [quantity_kind(text, text.index(s), c) for s, c in [("4.5万元", "money_cny"), ("12.3%", "percent"), ("48万元", "money_cny")]]
        ['amount', 'change', 'target']
        >>> text = "到2010年底，符合组建条件的非公企业99.6%建立了党组织。"
        >>> quantity_kind(text, text.index("99.6%"), "percent")
        'share'
        >>> text = "围绕村年均集体经济收入超过50万元的目标，创办合作社466个"
        >>> quantity_kind(text, text.index("超过"), "money_cny", "50万元")
        'target'
        >>> text = "人口自然增长率5.3‰，党员占人口的3.2‰。"
        >>> [quantity_kind(text, text.index(s), "other", s) for s in ("5.3‰", "3.2‰")]
        ['change', 'share']
    """
    if "‰" in surface:
        unit_class = "percent"  # a rate per thousand is read like a rate per hundred
    left = text[:start]
    if is_target(left) and not _DONE_AFTER.match(text, start):
        return "target"
    end = text.find(surface, start) + len(surface) if surface else -1
    if end > start and _GOAL_AFTER.match(text, end):
        return "target"  # 超过50万元的目标: the number a goal names
    if is_change(left, unit_class):
        return "amount" if unit_class not in _PERCENT_CLASSES and counts_new_things(text, start, surface) else "change"
    if unit_class in _PERCENT_CLASSES or "分之" in surface:
        return "share"
    return "amount"


#: A goal named right after the number (收入超过50万元的目标, 每万人拥有社区工作者14人的要求).
_GOAL_AFTER = re.compile(r"(?:以上|以下|左右)?(?:的)?(?:目标|任务目标|工作要求|要求)(?![^，。；,;]{0,4}(?:完成|实现))")


#: A heading that names the targets of the section under it (二、年度任务, （一）工作目标, 主要目标：).
_PLAN_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|[0-9]+[、.．])?[ \u3000]*"
    r"(?:(?:19|20)[0-9]{2}年(?:度)?)?(?![\u4e00-\u9fff]{0,4}(?:完成|实现|达成|达到|超额|圆满))[\u4e00-\u9fff]{0,6}?(?:目标|目标任务|任务目标|年度任务)[:：]?$"
)
#: A heading of the first level (三、扶持对象), or one that names what was done (（二）主要成效): a
#: section of its own begins.
_TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_RESULTS_HEADING = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|[0-9]+[、.．])[^，。；]{0,12}(?:成效|成绩|情况|进展|回顾|做法|经验|完成)")


def plan_section(line: str, planned: bool) -> bool:
    """After the ``line`` (a sentence without numbers), are the numbers that follow in a section of
    targets? A heading that names targets (not targets met: 圆满完成目标) opens one; a heading of the
    first level, or one that names what was done (主要成效, 完成情况), ends it.

    Example:
        >>> plan_section("二、年度任务", False), plan_section("三、扶持对象", True), plan_section("（一）强化党建引领", True)
        (True, False, True)
        >>> plan_section("一、主要任务完成情况", False), plan_section("工作目标：", False), plan_section("二、2024年工作目标", False)
        (False, True, True)
        >>> plan_section("（一）圆满完成目标", False), plan_section("（二）主要成效", True)
        (False, False)
    """
    line = line.strip()
    if _PLAN_HEADING.match(line):
        return True
    return False if _TOP_HEADING.match(line) or _RESULTS_HEADING.match(line) else planned


def kind_in_plan_section(kind: str, left: str) -> str:
    """The kind of a number under a heading of targets (:func:`plan_section`): an amount or a share
    is a target unless its statement says it was achieved (累计, 已, 截至 …); a change stays a change.

    Example:
        >>> kind_in_plan_section("amount", "新增"), kind_in_plan_section("share", "实现分红村保持在")
        ('target', 'target')
        >>> kind_in_plan_section("amount", "截至目前已建成"), kind_in_plan_section("change", "比上年增长")
        ('amount', 'change')
    """
    statement = _last_statement(left)
    return "target" if kind in ("amount", "share") and _ACHIEVED.search(statement) is None else kind

