"""Subjects: a short label of what each number counts, read from its clause.

The label is built from the words around the number inside its clause (between ，；：。 …):

- before the number (the *left* phrase): the clause text after the previous number, without
  leading time, place and manner words (2023年, 全市, 累计, 按期, 其中 …), years anywhere, per-unit
  words (每人每年, 村均) and trailing links (达到, 为, 共 …); a long left phrase is cut where its last
  run of action verbs starts (``示范引领各级党组织书记建立党建联系点`` → ``建立党建联系点``);
- after the number (the *right* phrase): the noun phrase the classifier introduces, up to
  punctuation, a preposition or the next number (``下发7个配套方案`` → ``下发配套方案``); when
  nothing but an agent or a preposition stands before the number, the right phrase runs on
  through its predicate (``对五个软弱涣散的村党组织进行整顿`` → ``软弱涣散的村党组织进行整顿``), and so
  it does after a causative verb: what is counted is the people it sets to act
  (``组织1508名党员到基地重温入党誓词`` → ``党员到基地重温入党誓词``);
- ``X、Y分别达到98.6%、96.1%``: each number takes its own item of the list before 分别;
- a note in brackets that holds numbers of its own is a breakdown, not the noun of the number
  before it (``共有党员6677名【女党员1722名】`` → ``党员``, then ``女党员``);
- a number with nothing of its own shares the label of the number just before it
  (``13期1654人（次）``); a lone verb takes the object of that label (``设立党组3个、撤销4个``,
  ``反馈问题286个，已整改到位271个``); an item of a list without a verb takes the verb of the item
  before (``清理牌子8748个、群组2433个``);
- the items of a list of counted units share the predicate said after the last one
  (``7135个城市街道、3.3万个乡镇、59.1万个建制村建立了党组织`` → each ``…建立了党组织``);
- a clause naming only another kind of unit says of it what the clause before said
  (``办公经费每村每年2万元，社区5万元`` → ``社区…办公经费``), and a bare measure (``人数达15.2万名``)
  is of the clause or number just before it in its sentence (``近一半党员为农牧民``);
- a short quoted word does not end the phrase after the number (``146个村全部完成“两委”换届``).

What is measured is kept when the text leaves it out. A number refers back to the label of the
number before it in the sentence (else to ``carry``, the last label of the previous sentence); the
*group* of a list is the whole its items belong to — named by the number before, by a total that
opens a sentence (``全县共有党员5222名，…``: for the next sentences of its paragraph too), by a ``X中，``
or ``X的职业：`` clause, by a quantity ending in 中 (``全年发展的191.1万名党员中，``,
``92名村党组织书记中有…``), by a heading before the sentence (``frame``: ``党员的职业。``) or by
a topic that opens a statement and holds for the rest of the paragraph (``从党员的职业看，``,
``在党员职业部分，``, ``党员年龄结构分布上，``) until a number counts an activity of its own
(``全年发展党员326名``):

- an elided subject — only a comparison and a change verb before the number
  (``比上年净增300名`` after ``全县共有党员2.1万名``, ``与上年相比，增加了560名``) — is the label
  referred back to (``党员``); a comparison after the group is dropped (``党员总数较上年底净增`` →
  ``党员总数``);
- a share of what was just counted (``占比91.3%``, ``占党员总数的25.9%``, however long the whole:
  ``占具备建立党组织条件的非公有制企业数的99.91%``) is labelled with it: the
  kind of quantity says that it is a share; a number-less clause in between is what the share is
  about (``工人和农民仍是党员队伍主体，占总数的33.0%``);
- a trait without its group (``平均年龄33.3岁``, ``大专及以上学历占比96.5%``, ``其中女性210名``,
  ``35岁及以下的占82%``) is the trait of the group (``后备力量人选平均年龄``, ``发展党员中女性``); a
  rate named by its verb is the rate of the group's object (``化解率`` → ``矛盾纠纷化解率``); a
  bare group under a topic's dimension is the group along it (``约有2607.5万名党员`` under
  ``在党员职业部分`` → ``党员职业``);
- an item of a 其中 list takes the verb of a group that names an activity
  (``发展党员581名，其中女性党员210名`` → ``发展女性党员``), and so does a part of a whole that
  names one (``在新发展的党员中，女党员占37.05%`` → ``新发展女党员``); an item under a frame the frame
  (``党员的职业。工人…`` → ``党员中工人``) unless it names a unit of its own (党组织, 村, 企业 …);
  the numbers after 分别 take the items before it (with the whole named before the first:
  ``党员中工人、农民分别占`` → ``党员中农民``; traits listed under a ``X中，`` clause are parts of X), or the
  labels of the numbers just counted (``党委24.9万个、总支部30.5万个，分别比上年增加1.0万个、0.6万个``);
- what the units just counted did, said without them, is theirs (``非公企业624家，已建党组织205个``
  → ``非公企业已建党组织``), and so are the members counted right after a sector's organisations
  (``两新组织党组织3.5万个，党员42.8万名`` → ``两新组织党员``); a class of people (离退休人员) is
  a part of a group of the party's people only.

Example:
    >>> text = "全市矛盾纠纷调解率、信访事项化解率分别达到98.6%、96.1%，建立党建联系点3799个、撤销4个。"
    >>> from dangjian.indicators.extract import quantities
    >>> label_subjects(text, [q.outer for q in quantities(text)])
    ['矛盾纠纷调解率', '信访事项化解率', '建立党建联系点', '撤销党建联系点']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

#: Action verbs of this genre. Words that are mostly nouns here (组织, 服务, 建设, 发展, 联系)
#: are left out, so that 党组织, 服务中心, 联系点 stay whole.
ACTION_VERBS = (
    "建立", "建成", "新建", "改扩建", "组建", "成立", "设立", "新设", "挂牌成立", "打造", "创办", "创建",
    "选派", "派驻", "下派", "选聘", "招聘", "招录", "招考", "招募", "选拔", "选调", "储备", "培育", "培养",
    "接收", "吸收", "摸排", "排查", "识别", "确定", "认定", "评选", "表彰", "获评", "评为",
    "培训", "轮训", "举办", "开展", "召开", "举行", "完成", "实现", "解决", "化解", "调解", "办结",
    "处理", "反馈", "整改", "查摆", "梳理", "清理", "清退", "收缴", "回收", "盘活", "整合", "争取", "投入",
    "下拨", "拨付", "拨给", "划拨", "发放", "列支", "申请", "落实", "扶持", "带动", "吸纳", "覆盖", "结对", "给予", "领取",
    "走访", "慰问", "颁发", "拍摄", "制作", "制定", "出台", "印发", "下发", "签订", "认领", "承诺", "领办",
    "帮办", "办理", "收集", "提供", "调整", "轮换", "撤销", "优化", "提升", "整顿", "通报", "约谈", "列席",
    "下沉", "取消", "减少", "压减", "增加", "增长", "提高", "下降", "降低", "配备", "接管", "交易", "确权",
    "帮扶", "资助", "捐赠", "推荐", "选举", "换届", "纳入", "登记", "设置", "驻村", "任职", "招引", "调处",
    "指导", "督促", "整治", "改造", "提级改造", "连接", "链接", "参加", "参与", "整修", "修缮", "维修",
)
#: A verb followed by one of these is part of a noun (培训班, 服务站, 调解率, 扶持资金, 申请人).
NOUN_SUFFIXES = ("班", "站", "点", "率", "室", "员", "中心", "资金", "经费", "项目", "基地", "阵地", "对象", "人员", "平台", "任务", "事项", "人(?![次数])")
_VERB = "|".join(sorted(set(ACTION_VERBS), key=len, reverse=True))
_VERBS = re.compile(_VERB)
_VERB_RUN = re.compile(f"(?:{_VERB})+(?!{'|'.join(NOUN_SUFFIXES)})")
#: A year, or a range of years, as a time adverbial (2023年以来, 2021年至2023年); not a period of
#: joining or of birth, which is what members are counted by (1949年-1966年入党, 2002年以后入党, 1990年出生).
_YEAR_WORDS = (
    r"(?![0-9]{4}年(?:[-—–~～至到][0-9]{4}年)?(?:以来|以后|以前|之后|之前|前|后)?(?:入党|出生))"
    r"[0-9]{4}年(?:[-—–~～至到][0-9]{4}年)?(?:以来|来|底|末|初|内|度)?"
)
_ADVERBIAL = (
    rf"[（(][一二三四五六七八九十]{{1,3}}[)）]|[一二三四五六七八九十]{{1,3}}、|[0-9]{{1,2}}[、．]|{_YEAR_WORDS}|"
    r"[0-9]{0,2}\s*月(?:份|底|末|初|中旬|上旬|下旬)|今年以来|去年以来|至今|年内|当年|全年|今年|去年|本年度?|年末|年底|年初|截至目前|截至|截止目前|截止|目前|现已|已经|已|"
    r"一年来|近年来|近(?:[一二三四五六七八九十两]|[0-9]{1,2})年(?:来|间|内)?|其中|另外|此外|同时|共有|现有|实有|拥有|共计|总计|合计|累计|共(?![青产])|先后|分别|全市|全区|全县|全镇|全乡|全省|全国|"
    r"全州|我市|我区|我县|我镇|我乡|我省|该[省市区县州旗镇乡](?![委政])|持续|进一步|积极(?!分子)|扎实|深入|全面|切实|不断|顺利|成功(?!率)|力争|"
    r"再|又|还|也|并|均|都|对|向|为|在(?![职岗册编校读任线])|从(?!事)|与|和|给(?!予)|由|把|将|于|使|让|通过|按照|依托|围绕|针对|帮助|推动|"
    r"引导|鼓励|至少|最少|要(?![求点素])|共同|重新|直接|其中包括|包括|以及|按期|按时|及时|如期|"
    # agents: the body that acts is not what is counted
    r"(?:[省市区县州旗镇乡]委)?组织部门?|[省市区县州旗镇乡]委|[省市区县镇乡]政府|[省市区县]级财政|[镇乡]党委|[区县市]委组织部|"
)
_LEADING = re.compile(rf"^(?:(?:{_ADVERBIAL[:-1]})\s*)+")
_TRAILING = re.compile(r"(?:动态保持|保持在|保持|稳定在|控制在|还有|尚有|仍有|(?:由|从)(?:换届|调整|整顿|改革|合并|撤并|实施|开展)前(?:的)?|以及|和|(?<![惠涉普波顾危触企])及|与|(?<![村人户年平])均|(?<=[由从])平均|达到了|达到|达|为|是|有|共有|仅|只|突破|破|共计|总计|合计|累计|共|(?<![审统设会估伙核])计|预计|计划|约|近|至|了|的|超|逾|占|等|以|各|分别|要|已经|已|由原来的|由原来|由原有|由原|从原来的|从原来|从原有|从原|由|从|(?:增加|减少|增长|提高|提升|上升|下降|降低|扩大|发展|壮大|增|减|升|降)(?=[至到]))+$")
#: A causative verb with nothing else before the number (组织1508名党员到基地重温入党誓词, 带领全村300名
#:党员参加志愿服务): what is counted is the people it sets to act, and what they do is the rest of the clause.
_CAUSATIVE = re.compile(r"(?:组织|带领|动员|发动|引导|号召|安排|鼓励|推动|督促|指导)(?:全[省市区县州旗镇乡村]|全体|广大|辖区|各级|所有|本[单部]位)*")
#: A left phrase ending in one of these is an agent + preposition: the right phrase carries the subject.
_PREPOSITION_END = re.compile(r"(?:对|向|为|与|在|给|将|把|从|由)$")
_RIGHT_STOP = re.compile(r"[，。；：！？,;:!?“”\"、 \u3000…]|和|及|参与|与|以及|到|在|对(?!象)|向|为|从|于")
#: A list of short items right after the classifier: 1356个村、社区、企业.
_SHORT_LIST = re.compile(r"^[^、，。；：“”]{1,4}(?:、[^、，。；：“”]{1,4})+(?=[^、]|$)")
#: A right phrase that names a whole and then what it has (党组织书记中有致富带头人): the whole ends at 中.
_WHOLE_HAS = re.compile(r"^(.{2,16}?)中(?=有)")
#: A short quoted word inside a phrase or ending it (“两委”换届, “村官”进入, 全部选派了“第一书记”。).
_QUOTED_WORD = re.compile(r"“[\u4e00-\u9fff]{1,6}”(?=[\u4e00-\u9fff，。；！？,;!?]|$)")
#: Where a phrase read through its predicate ends: a clause mark, or a conjunction before another number
#: (900余名村干部和90%以上的村支部书记: the secretaries are the next number's).
_RIGHT_HARD_STOP = re.compile(r"[，。；：！？,;:!?“”\"、 \u3000…]|(?:和|及|与|以及)(?=[0-9０-９])")
#: A share and the whole it is of, with or without 的 (占比, 占党员总数的, 占党员总数, 所占比例).
#: 接近互联网企业总数的90%: a share said without 占, of the whole named before 的
_WHOLE_SHARE = r"(?:约|仅|共|分别|均)?(?:所)?(?:占比|占(?:[^，。；、]{0,24}?(?:的|总数|总量|总人数|人数))?(?:比例|比重|比)?|比例|比重|(?:接近|相当于)[^，。；、]{0,24}?(?:总数|总量|总人数)的)"
_SHARE = re.compile(rf"^{_WHOLE_SHARE}(?:为|达|达到|到|是)?$")
#: What a share, a change or a level adds after the group it is about: the group stays the subject
#: (女党员占党员总数的, 党员总数较上年底净增, 党员总量增幅为, 农口党员增加到); with nothing before it
#: the subject is elided (比上年净增300名) and taken from the number it refers back to.
_SHARE_TAIL = _WHOLE_SHARE
_COMPARISON = r"(?:比|较|同比|环比|与)(?:上年|去年|上一年|上年度|年初|上年同期|同期|换届前|上届|[0-9]{4}年(?:底|末)?|[^，。；]{0,10}?)(?:底|末)?(?:同期)?(?:相比)?"
_CHANGE_WORDS = r"(?:净增|净减|增加|增长|提高|提升|上升|下降|降低|减少|增收|年轻|年长|增|减|多|少)"
#: How fast a change came (党员人数骤增, 猛增到).
_SUDDEN = r"(?:猛|骤|陡|急剧|迅速|快速)?"
_CHANGE_TAIL = re.compile(
    rf"(?:{_SHARE_TAIL})?{_COMPARISON}{_CHANGE_WORDS}(?:了)?(?:为|达|到|至)?$"
    rf"|^(?:{_SHARE_TAIL})?(?:年均|平均)?{_CHANGE_WORDS}(?:了)?(?:为|达)?$"
    # 从7%增加到目前的8.16%: the level reached now, of the measure before
    # 党员人数猛增到…, 党支部发展到114个: how fast it grew and what it grew to
    rf"|{_SUDDEN}(?:{_CHANGE_WORDS}|发展|壮大|扩大)(?:了)?(?:到|至)(?:目前|现在|当前|如今|现今|去年|上年|今年|当年|年底|年末)?(?:的)?$"
    rf"|(?<=总数|总量|人数|数量){_SUDDEN}{_CHANGE_WORDS}(?:了)?(?:为|达)?$"
    # 社区“两委”班子平均年龄下降3.77岁, …学历提高20.56%: a measure, then how it changed
    rf"|(?<=年龄|学历|比例|比重|占比|收入|面积|规模|水平){_CHANGE_WORDS}(?:了)?(?:为|达)?$"
    rf"|(?:{_SHARE_TAIL})?(?:{_COMPARISON})?(?:年均)?(?:净)?(?:增幅|增速|增长率|降幅|增长幅度|净增(?:长)?率)(?:为|达|是)?$"
    rf"|{_SHARE_TAIL}(?:为|达|达到|到|是)?$"
    # 比2012年最高值3.1%下降2个百分点: the reference point of a comparison, the measure elided
    rf"|^(?:比|较)[^，。；]{{0,6}}?(?:的)?(?:最高值|最低值|峰值|最高点|最低点|历史高点|历史低点)$"
)
#: A note in brackets right after a number, with a number of its own, is a breakdown of it, not
#: its noun (发展党员3名（35岁以下2名）).
_NOTE_WITH_NUMBER = re.compile(r"[（(【〔\[][^）)】〕\]]*[0-9０-９]")
#: A bracket opened after a number and still open at the next number of the clause: that number
#: is in a note about this one (共有党员6677名【女党员1722名】, 党委12个（社区党委8个，…）).
_OPEN_NOTE = re.compile(r"^[的之]?[（(【〔\[][^）)】〕\]]*$")
#: A change verb right after a number opens no noun phrase (由11.9%提高到27.2%, 比最高值3.1%下降2个百分点).
_CHANGE_OPENING = re.compile(rf"{_CHANGE_WORDS}(?:了)?(?:到|至|为|(?=[0-9０-９]|$))")
#: Classes of people a group of members is broken down by (sex, ethnicity, occupation, studies).
_PEOPLE_WORDS = "女性|男性|妇女|女|男|少数民族|一线|农民|工人|农牧渔民|学生|本专科生|本科生|专科生|研究生|离退休人员|专业技术人员|机关工作人员|管理人员"
#: A trait of a group stated without the group: age, education, sex, ethnicity, age band, occupation.
_TRAIT_WORDS = (
    r"(?:具有|有)?(?:平均年龄|平均|年龄|学历|文化程度"
    r"|(?:大专|大学|本科|研究生|高中|中专|初中|国中|小学|文盲)(?:（[^）]{0,6}）)?(?:学历)?(?:及|以)?(?:以上|以下)?(?:学历|文化程度|文化)?"
    rf"|(?:{_PEOPLE_WORDS})"
    r"|(?:年龄)?(?:在)?[0-9一二三四五六七八九十]+(?:周)?岁(?:及)?(?:以下|以上|以内)"
    r"|[0-9.]+万?元(?:及)?(?:以上|以下)|[0-9.]+万?元?[~～至到—-][0-9.]+万?元)"
    r"(?:（[^）]{0,10}）)?(?:的)?(?:占比|比例|比重)?"
)
_TRAIT = re.compile(_TRAIT_WORDS)
#: A closed age band (46-55岁, 31至35岁): a trait of people as well, the sibling of the bands beside it.
_AGE_BAND = re.compile(r"(?:[0-9一二三四五六七八九十]+(?:周)?岁?[-—–~～至到])?[0-9一二三四五六七八九十]+(?:周)?岁(?:的)?")
#: A group named by a trait of its people (大专及以上学历党员, 女党员): a trait listed after it is of
#: the whole (…；高中及以下2.4万名 → 党员中高中及以下), not a part of the first trait's group.
_TRAIT_GROUP = re.compile(rf"^{_TRAIT_WORDS}(?=(?:中共|共产)?党员$|干部$|书记$)")
#: A trait that is itself a class of people (离退休人员, 工人, 女性) is a part of a group of the
#: party's people only: 志愿者队伍3支近180人，离退休人员447人 lists the residents of a place.
_PEOPLE_TRAIT = re.compile(rf"(?:{_PEOPLE_WORDS})(?:的)?")
#: A group of organisations (its items may be organisations, never traits of people).
_ORGANISATION_END = re.compile(r"(?:党组织|组织|党委|党总支|总支部?|支部|党组|党小组|党工委)$")
_PARTY_GROUP = re.compile(r"党|干部|书记|人选|后备|积极分子|发展对象|申请人|人才")
#: The activity a group names (发展党员, 培训村干部, 选派第一书记): its items take the verb.
_ACTIVITY = re.compile(rf"^(?:{_VERB}|新发展|发展)+(?![到至])")  # 发展到 grows, it recruits no one
#: Organisations set up, said without the units that set them up (非公企业624家，已建党组织205个).
_HAS_ORGANISATION = re.compile(r"(?:已|均已|已经)?(?:建立|组建|成立|建)(?:了)?(?:党的)?(?:基层)?(?:党组织|党支部|党委)")
#: Organisations of a sector outside the state (两新组织党组织, 非公企业党支部): the members counted
#: right after them are that sector's.
_SECTOR_ORGANISATIONS = re.compile(
    r"^([^，。；]{0,8}?(?:两新组织|两新|非公有制企业|非公企业|非公有制经济组织|社会组织|民营企业|私营企业|个体工商户|新兴领域|新业态))(?:中)?(?:的)?(?:基层)?(?:党组织|党支部|党委)$"
)
_BARE_MEMBERS = re.compile(r"(?:中共|共产)?党员(?:总数|人数)?")
#: Organisations of units hosted in a street or district (驻区单位党组织39家): the types listed after
#: them are theirs, as the types listed after a sector's organisations are that sector's.
_HOSTED_ORGANISATIONS = re.compile(r"^([^，。；]{0,8}?(?:驻区单位|驻区|辖区单位))(?:中)?(?:的)?(?:基层)?(?:党组织|党支部|党委)$")
#: A type of party organisation, as the items of a 其中 list name them (其中党委7家，联合党支部8个).
_ORGANISATION_TYPE = re.compile(r"(?:独立|联合|单独)?(?:基层)?(?:党委|党总支|总支部?|党支部|支部)")
#: How an item of a 其中 list of organisations was set up, said without the organisations
#: (建立党组织150个，其中单独组建120个，联合组建30个).
_FOUNDING_MANNER = re.compile(r"((?:单独|联合|独立)(?:组建|建立|成立|建))(?:的)?")
#: A clause that opens a total of its own after the items of a 其中 list (…，3个联合建，共有党员946名).
_NEW_TOTAL = re.compile(r"\s*(?:全[省市区县镇乡村]|该[省市区县镇乡])?(?:共有|共计|总计|合计|现有)")
#: Units that set up organisations (the group such a count refers to).
_UNITS = re.compile(r"(?:企业|组织|单位|机构|村|社区|楼宇|园区|商会|协会|学校|医院|机关|事务所|律所)$")
#: A label that ends with a trait of its group (发展党员中女性, 村党组织书记平均年龄): the group is before it.
#: A rate named by its action alone (化解率, 办结率, 整改率): the rate of what the group counts.
_RATE_OF_ACTION = re.compile(rf"(?:(?:{_VERB}|办结|完成|参学|参训|知晓|受理|转化)(?:成功)?|成功)率")
_TRAIT_TAIL = re.compile(rf"(?:中{_TRAIT_WORDS}|平均年龄|平均)$")
#: A clause that names the whole the next numbers belong to: 全县党员中，… / 发展党员中，…
_FRAME_CLAUSE = re.compile(r"([^，。；：！？,;:!?\n]{2,20}?)(?:中[，,：:]|的[^，。；：！？,;:!?\n]{1,8}[：:])\s*$")
#: The characters such a clause ends with (before spaces): the cheap test before the expression.
_FRAME_CLAUSE_ENDS = "，,：:"
#: Dimensions along which statistics break a group down (党员的职业, 党员队伍构成, 基层党组织分布).
DIMENSIONS = ("职业", "年龄", "学历", "文化程度", "性别", "民族", "结构", "构成", "分布", "类型", "类别")
_DIMENSION = rf"(?:队伍)?(?:{'|'.join(DIMENSIONS)})+"
#: A clause opening a statement with the topic of the numbers after it — a group and the dimension
#: it is broken down by: 从党员的职业看，/ 在党员职业部分，/ 党员年龄结构分布上，/ 按学历分，
#: The topic names a counted group, and a word after it (看, 方面, 部分, 上, 分) or a colon marks it as a topic.
_TOPIC = re.compile(
    rf"(?:^|(?<=[。；;！？!?\n]))\s*(?:从|在|就|按|按照)?"
    rf"(?P<topic>[^，。；：！？,;:!?\n]{{0,8}}?(?:党员|党组织|组织|干部|书记|人才|积极分子|申请人|发展对象|党委|支部)[^，。；：！？,;:!?\n]{{0,4}}?(?:的)?{_DIMENSION})"
    rf"(?:(?:来看|上看|看|方面|部分|上|而言|来说|分)[，,：:]|[：:])"
)
#: A topic names one of the dimensions: the cheap test before :data:`_TOPIC`.
_ANY_DIMENSION = re.compile("|".join(DIMENSIONS))
_FRAME_PARTS = re.compile(rf"^(?P<group>.*?)(?:的)?(?P<dimension>{_DIMENSION})$")
#: A label ending in a counted unit of its own (党组织, 村, 企业, 干部 …): not an item of another group.
_HEAD_END = re.compile(
    r"(?:党组织|组织|党委|党总支|总支部?|支部|党组|党小组|党工委|党员|村|社区|居委会|街道|乡镇|企业|单位|团体|机关|学校|干部|书记|网格|中心|站|项目)"
    r"(?:（[^）]{0,8}）|\([^)]{0,8}\))?[）)]?$"
)
#: A number-less sentence that heads the statistics after it: 党员的职业。/ 二、发展党员情况
_HEADING = re.compile(
    r"^(?:(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[、.．])[^，。；：！？,;:!?0-9、]{0,8}?(?=[一二三四五六七八九十0-9（(]))?"
    r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[、.．])?\s*"
    r"([^，。；：！？,;:!?]{2,12}?)(?:的(?:[^，。；：！？]{0,12})|(?:基本)?情况|结构|构成)[。：:]?\s*$"
)
#: 分别 before the numbers of a list, with its verb (分别达到), a comparison (分别比上年增长) or the
#: whole the numbers are shares of (分别占党员总数的); 各 with its verb says the same (各占17.3%和3.3%).
_RESPECTIVELY = re.compile(
    r"(?:分别(?:(?:比|较|同比)[^，。；、]{0,8}?)?(?:达到|达|为|是|有|占(?:[^，。；、0-9]{1,12}?(?:的|总数|总量|人数))?(?:比例|比重)?(?:为|达)?|增长|下降|提高|降低|完成|增加|减少|净增)?了?"
    r"|(?<![村户人])各(?:占(?:[^，。；、0-9]{1,12}?(?:的|总数|总量|人数))?(?:比例|比重)?|为|达到|达|增长|提高|下降))$"
)
#: Clause breaks; a space also separates the cells of a table laid out as text (党员总数 1086 支部数 26).
_CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?\n \u3000|｜]")
#: A label before a colon names the number after it (党总支：2).
_LABEL_BEFORE_COLON = re.compile(r"([^，。；：！？,;:!?\n \u3000]{1,12})[:：][ \u3000]*$")
#: Where a ``X中，`` frame ends: its sentence; after a ； it holds only for parts of the same whole
#: (在新发展党员中，女党员…；少数民族党员…: parallel items ending in the group's noun).
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_STATEMENT_BREAK = re.compile(r"[；;]")
#: A tag in square brackets opening a line: 【数据】, 【图解】.
_BRACKET_TAG = re.compile(r"^[【\[][^】\]]{1,8}[】\]]")
_QUOTE_CHARS = re.compile(r"[“”‘’\"「」『』]")
_EDGE_CHARS = "、，,：: 　|｜"
MAX_SUBJECT = 32
MAX_SHORT_LEFT = 10
MAX_RIGHT = 20
#: Where a label may be cut when it is too long: after 的, a list mark or a bracket, which never stand
#: inside a word (中, 之, 和 do: 中心, 之家, 和谐).
_CUT_AFTER = re.compile(r"[的、，,（(）)]")


def _tail(label: str, limit: int = MAX_SUBJECT) -> str:
    """The end of a label longer than ``limit`` (the head noun of a Chinese phrase is at its end),
    cut after 的, a list mark or a bracket near the limit, which never stand inside a word: the last
    one in the few characters before the limit (the label runs a little longer), else the first
    after it, else at the limit.

    Example:
        >>> _tail("村（社区）党组织书记具有高中（中专）以上学历中大专学历", 20)
        '党组织书记具有高中（中专）以上学历中大专学历'
        >>> _tail("坚持党建引领的产业发展相结合建成产业基地", 12), _tail("短", 12)
        ('产业发展相结合建成产业基地', '短')
    """
    if len(label) <= limit:
        return label
    cut = len(label) - limit
    before = [m.end() for m in _CUT_AFTER.finditer(label, max(0, cut - 8), cut)]
    if before:
        return label[before[-1] :]
    after = _CUT_AFTER.search(label, cut, cut + 8)
    return label[after.end() :] if after and after.end() < len(label) else label[cut:]


def _balance(text: str) -> str:
    """Drop unbalanced brackets at the edges (``服务站（联络站`` → ``服务站（联络站）``; a note
    opened before the number, ``【女党员`` → ``女党员``).

    Example:
        >>> _balance("服务站（联络站"), _balance("【女党员"), _balance("（女党员"), _balance("企业党委】")
        ('服务站（联络站）', '女党员', '女党员', '企业党委')
    """
    if text[:1] in "【〔（(" and not text.count("】") + text.count("〕") + text.count("）") + text.count(")"):
        text = text[1:]  # a note opened before the number: 【女党员1722名】
    if text[-1:] in "】〕" and not text.count("【") + text.count("〔"):
        text = text[:-1]
    opens = text.count("（") + text.count("(")
    closes = text.count("）") + text.count(")")
    while text and text[0] in "）)" and closes > opens:
        text, closes = text[1:], closes - 1
    while text and text[-1] in "（(" and opens > closes:
        text, opens = text[:-1], opens - 1
    if opens > closes:
        text += "）" * (opens - closes)
    return text


#: A year inside a phrase is a time adverbial, not what is measured (由2019年的860万元增至2022年的);
#: a period of joining (1949年-1966年入党, 2002年以后入党) is what a count of members is by, and stays.
_YEAR = re.compile(rf"(?<![0-9]){_YEAR_WORDS}(?:的)?")


#: A drafting note that a bracket's word holds for the rest of the text: （下同）, （社区，下同）.
_SAME_BELOW = re.compile(r"[（(]下同[）)]|[，,、]\s*下同(?=[）)])")


def _strip(text: str) -> str:
    """Remove quotes, years, drafting notes (下同), leading adverbials and trailing links.

    Example:
        >>> _strip("2023年全镇累计达到"), _strip("“红色驿站”"), _strip("示范点增至2022年的")
        ('', '红色驿站', '示范点')
        >>> _strip("村级（社区，下同）党组织书记")
        '村级（社区）党组织书记'
    """
    text = _QUOTE_CHARS.sub("", text)
    if text[:1] in "【[":
        text = _BRACKET_TAG.sub("", text)
    if "下同" in text:
        text = _SAME_BELOW.sub("", text)
    if "年" in text:
        text = _YEAR.sub("", text)
    text = text.strip(_EDGE_CHARS)
    named, previous = text, None
    while previous != text:
        previous = text
        text = _LEADING.sub("", text)
        text = _TRAILING.sub("", text).strip(_EDGE_CHARS)
    if named.endswith(text) and _ORGAN_NAME.fullmatch(named):
        text = named  # 拨给市纪委140万元、市委组织部200万元: an organ named alone is what the number is of, not its agent
    return _balance(text)


#: A party or government organ named alone (市委组织部, 县委宣传部, 区纪委, 市委党校).
_ORGAN_NAME = re.compile(r"(?:中央|[省市区县州旗镇乡])(?:委(?:组织部|宣传部|统战部|政法委|党校|机关工委|办公室)?|纪委|政府(?:办公室)?)")


#: Verbs of reaching a level (实现100%全覆盖): the noun before them is what is measured.
_ACHIEVING = re.compile(r"实现|完成")
_DONE_BEFORE = re.compile(r"(?:均已|都已|已经|全部|已)$")
#: Verbs of a change, ending the phrase before the number (党组织增加2.2万个).
_CHANGING = re.compile(r"增加|减少|增长|提高|提升|上升|下降|降低|净增|净减")


def _cut_at_verbs(left: str) -> str:
    """A long left phrase from the start of its last run of action verbs on."""
    if len(left) <= MAX_SHORT_LEFT:
        return left
    runs = list(_VERB_RUN.finditer(left))
    if not runs:
        return _tail(left)
    index = len(runs) - 1
    if _VERB_RUN.fullmatch(left[runs[index].start() :]) and index == 0 and (_ACHIEVING.fullmatch(runs[0].group()) or _CHANGING.fullmatch(runs[0].group())):
        # 村级组织活动场所已实现, 建制村和社区党组织增加: what reached the level or changed is the noun before the verb
        return _tail(left)
    if _VERB_RUN.fullmatch(left[runs[index].start() :]) and index > 0:
        index -= 1
    # verb phrases listed with 、 share the number: 化解矛盾纠纷、处理关键小事60余起
    while index > 0 and left[runs[index].start() - 1 : runs[index].start()] == "、":
        index -= 1
    start = runs[index].start()
    done = _DONE_BEFORE.search(left, 0, start)  # 已建立党组织: a state reached, not an act of the period
    return left[done.start() if done else start :]


def _right_phrase(right: str, extended: bool) -> str:
    """The noun phrase after the classifier; ``extended`` runs on through the predicate. A change
    verb after the number (``由11.9%提高到27.2%``) opens no noun phrase."""
    right = right.lstrip("的之")
    if _CHANGE_OPENING.match(right) or _NOTE_WITH_NUMBER.match(right):
        return ""
    listed = _SHORT_LIST.match(right)
    if listed and not extended:
        items = listed.group()
        verb = _VERBS.search(items, items.rindex("、"))
        return items[: verb.start()] if verb else items
    begin = 0
    if right.startswith("“") and "”" in right:
        begin = right.index("”") + 1  # a quoted name opens the phrase: “两新”组织
    stop = (_RIGHT_HARD_STOP if extended else _RIGHT_STOP).search(right, begin)
    while stop and right[stop.start()] == "“" and _QUOTED_WORD.match(right, stop.start()):
        # 村全部完成“两委”换届: a short quoted word inside the phrase does not end it
        stop = (_RIGHT_HARD_STOP if extended else _RIGHT_STOP).search(right, _QUOTED_WORD.match(right, stop.start()).end())
    phrase = right[: stop.start()] if stop else right
    if not phrase and not extended and right and not _RIGHT_HARD_STOP.match(right) and not right.startswith(("和", "及", "以及")):
        # 19名到村任职选调生: the phrase opens with a preposition (党支部945个和党员17782人: 和 opens the next item)
        return _right_phrase(right, extended=True)
    return _balance(_QUOTE_CHARS.sub("", phrase)[:MAX_RIGHT]).strip(_EDGE_CHARS)


def _read_from(raw: str, phrase: str) -> int:
    """How many characters of ``raw`` a phrase read from it covers: its quotes were dropped
    (``“一肩挑”比例`` → ``一肩挑比例``), so the phrase's length would fall short of the text used.

    Example:
        >>> _read_from("村主任“一肩挑”比例达100%", "村主任一肩挑比例")
        10
    """
    position = 0
    for char in phrase:
        found = raw.find(char, position)
        if found >= 0:  # a bracket that _balance closed is not in the text
            position = found + 1
    return position


def _up_to_last_verb(subject: str) -> str:
    """``村级党组织获评五星级`` → ``村级党组织获评`` (the part that an item of a list shares)."""
    runs = list(_VERB_RUN.finditer(subject))
    return subject[: runs[-1].end()] if runs else ""


#: A run of verbs with its result (调处成功, 整改到位): what precedes the object.
_VERB_RESULT = re.compile(rf"{_VERB_RUN.pattern}(?:到位|完毕|成功)?")


def _object_of(subject: str) -> str:
    """The object of a verb + object label (``设立市直部门党组`` → ``市直部门党组``)."""
    match = _VERB_RESULT.match(subject)
    return subject[match.end() :] if match and match.end() < len(subject) else subject


_LIST_SEPARATOR = re.compile(r"、|和|及(?!以[上下内]|其)|以及|与")  # 大专及以上学历 is one item
#: The whole named before the first item of a list (党员中工人、农民).
_WHOLE_OF_ITEM = re.compile(r"^[^、，。；]{2,10}?中(?=[^、，。；]{1,12}$)")
#: The counted noun that ends the last item of a list and is shared by the items before it
#: (大专及以上学历、女性、少数民族党员占比: each item is a group of members).
_SHARED_HEAD = re.compile(r"(?:党员|党组织|党支部|干部|书记)(?:覆盖率|覆盖面)?(?=[^、，。；]{0,4}$)")


#: A kind of unit and what is measured of it (社区办公活动场所面积): a bare unit listed before it
#: (村、社区办公活动场所面积) has the same measure.
_UNIT_OWNER = re.compile(r"(村|社区|乡镇|街道|城市|农村|机关|企业|事业单位|学校)([^、，。；]{2,12})")
#: Between two numbers of one list after 分别: a conjunction or a list mark only.
_JOINED_NUMBERS = re.compile(r"\s*(?:、|和|及|与|以及|，和)\s*")
#: A comparison with the year before that ends the last item (面积比上年分别提高): not a part of it.
_PLAIN_COMPARISON_END = re.compile(r"(?:(?:比|较)(?:上年|去年|上一年|上年度|年初|上年同期|同期)(?:底|末)?(?:同期)?|同比|环比)$")


def _respectively_items(head: str) -> list[str]:
    """Items listed before 分别 (``调解率、化解率分别达到`` → [调解率, 化解率]); a whole named
    before the first item applies to all (``党员中工人、农民分别占`` → [党员中工人, 党员中农民]).

    Example:
        >>> _respectively_items("党员中工人、农民分别占")
        ['党员中工人', '党员中农民']
        >>> _respectively_items("大专及以上学历、女性、少数民族党员占比分别提高")
        ['大专及以上学历党员', '女性党员', '少数民族党员占比']
        >>> _respectively_items("村、社区办公活动场所面积比上年分别提高")
        ['村办公活动场所面积', '社区办公活动场所面积']
    """
    head = _RESPECTIVELY.sub("", head)
    items = [item for item in (_strip(item) for item in _LIST_SEPARATOR.split(head)) if item]
    whole = _WHOLE_OF_ITEM.match(items[0]) if items else None
    if whole:  # 党员中工人、农民分别占…: every item is a part of the same whole
        items = [items[0]] + [item if item.startswith(whole.group()) else whole.group() + item for item in items[1:]]
    shared = _SHARED_HEAD.search(items[-1]) if len(items) > 1 else None
    if shared:  # 大专及以上学历、女性、少数民族党员占比分别提高…: the noun of the last item is every item's
        items = [item if _SHARED_HEAD.search(item) else item + shared.group() for item in items[:-1]] + items[-1:]
    items[-1:] = [_PLAIN_COMPARISON_END.sub("", item) or item for item in items[-1:]]
    owned = _UNIT_OWNER.fullmatch(items[-1]) if len(items) > 1 else None
    if owned:  # 村、社区办公活动场所面积分别提高…: the measure after the last unit is every unit's
        items = [item + owned.group(2) if _UNIT_OWNER.fullmatch(item + owned.group(2)) and not _UNIT_OWNER.fullmatch(item) else item for item in items[:-1]] + items[-1:]
    return items


@dataclass(frozen=True)
class _Window:
    """Where one quantity's subject is looked for inside its sentence."""

    clause_start: int
    left_start: int  # after the previous quantity of the clause (and what that one used)
    right_end: int  # the next quantity of the clause, or the clause end
    same_clause: bool  # a quantity precedes it in the same clause


#: A short note in brackets whose commas break no clause: 村级（社区，下同）党组织.
_SHORT_NOTE = re.compile(r"[（(][^（）()。；\n]{1,12}[）)]")


def _breaks(text: str) -> list[int]:
    """The position after each clause break of ``text``, in order (found once per sentence); a
    comma inside a short bracketed note (``村级（社区，下同）党组织``) is none.

    Example:
        >>> _breaks("村级（社区，下同）党组织，共1748人")
        [13]
    """
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text)]
    if not breaks or ("（" not in text and "(" not in text):
        return breaks
    inside = [(m.start(), m.end()) for m in _SHORT_NOTE.finditer(text)]
    return [b for b in breaks if not any(start < b <= end - 1 for start, end in inside)]


def _outside(text: str, breaks: list[int], spans: Sequence[tuple[int, int]]) -> list[int]:
    """The breaks that do not fall inside a quantity (the space of ``307 个`` is part of it) nor
    right before one (a space before a number does not end the cell of its label: ``党小组 2739``).

    Example:
        >>> text = "党支部 307 个、党小组 2739 个"
        >>> _outside(text, _breaks(text), [(4, 9), (14, 20)])
        []
        >>> text = "党员总数 1086 支部数 26，党小组 5个"
        >>> _outside(text, _breaks(text), [(5, 9), (14, 16), (21, 23)])
        [10, 17]
    """
    kept, index = [], 0
    for position in breaks:
        while index < len(spans) and spans[index][1] < position:
            index += 1
        if index < len(spans) and spans[index][0] <= position < spans[index][1] and text[position - 1] in " \u3000":
            continue
        kept.append(position)
    return kept


def _clause_start(text: str, start: int, breaks: list[int] | None = None) -> int:
    """Where the clause holding ``start`` begins; spaces or the bar of a table right before the
    number do not end its clause (``党员总数 1086``, ``党员总数 | 1086``: the label is in the cell
    before). ``breaks``: :func:`_breaks` of ``text``.

    Example:
        >>> text = "党员总数 1086 支部数 26"
        >>> text[_clause_start(text, 5):], text[_clause_start(text, 14):]
        ('党员总数 1086 支部数 26', '支部数 26')
        >>> text = "党员总数 | 1086 | 支部数 | 26"
        >>> text[_clause_start(text, 7):], text[_clause_start(text, 20):]
        ('党员总数 | 1086 | 支部数 | 26', '支部数 | 26')
    """
    position = start
    while position > 0 and text[position - 1] in " \u3000|｜":
        position -= 1
    breaks = _breaks(text) if breaks is None else breaks
    before = bisect.bisect_right(breaks, position)  # breaks that end at or before the position
    return breaks[before - 1] if before else 0


def _window(
    text: str, spans: Sequence[tuple[int, int]], skip: Sequence[bool], index: int, previous: tuple[int, int, str, int] | None, breaks: list[int]
) -> _Window:
    start, end = spans[index]
    clause_start = _clause_start(text, start, breaks)
    after = bisect.bisect_right(breaks, end)  # the first break at or after the end (a break at i ends at i + 1)
    clause_end = breaks[after] - 1 if after < len(breaks) else len(text)
    following = next((s for (s, _), skipped in zip(spans[index + 1 :], skip[index + 1 :]) if not skipped and s < clause_end), None)
    same_clause = previous is not None and previous[0] == clause_start
    left_start = max(clause_start, previous[1]) if same_clause else clause_start
    if same_clause and skip[previous[3]]:
        left_start = clause_start  # a threshold belongs to the noun phrase: 收入10万元以上的村
    return _Window(clause_start, left_start, clause_end if following is None else following, same_clause)


#: A verb standing alone, with its result (整改到位, 办理完毕): it acts on the object of the label before.
_LONE_VERB = re.compile(rf"(?:实际|实际上|已经|已|共|累计|全部|均|先后)?(?:{_VERB})+(?:到位|完毕|完成|销号|办结|成功)?")
#: A light verb before another (开展培训, 举办讲座): the second is its object, the act counted, no verb alone.
_LIGHT_VERB = re.compile(r"开展|组织|举办|举行|进行|召开")


def _compose(left: str, right: str, share: bool, rest: str, same_clause: bool, previous_subject: str, after_threshold: bool = False) -> str:
    """The label from the left and right phrases, falling back on the previous quantity's label
    (not on a threshold's: ``35岁以下的占68%`` is a trait of the group, not an item of a list)."""
    if share and not right and previous_subject:
        return previous_subject  # 占比91.3%: the share of what was just counted
    if not left and not right:
        if same_clause or not rest:
            return previous_subject if same_clause else _object_of(previous_subject)
        return rest
    if left and _LONE_VERB.fullmatch(left) and not _LIGHT_VERB.search(left) and not right and previous_subject:
        return left + _object_of(previous_subject)  # 设立党组3个、撤销4个; 反馈问题286个，已整改到位271个
    if same_clause and not after_threshold and not _VERBS.search(left + right) and _up_to_last_verb(previous_subject):
        return _up_to_last_verb(previous_subject) + left + right  # 清理牌子8748个、群组2433个
    return left + right


#: A kind of unit standing alone before a number (``社区5万元``), and the first such unit in a label.
_BARE_UNIT = r"(?:城市|农村)?(?:村|社区|乡镇|镇|乡|街道|企业|机关|学校|高校)(?:级)?"
_UNIT_ALONE = re.compile(_BARE_UNIT)
_UNIT_IN_LABEL = re.compile(rf"{_BARE_UNIT}(?:[“\"]?两委[”\"]?)?")
#: A place named alone (长山县, 城关镇): two to six characters ending in the word of its level.
_NAMED_PLACE = re.compile(r"[\u4e00-\u9fff]{1,5}?(?:省|自治区|市|县|区|旗|州|盟|镇|乡|街道)")


def _parallel_unit(left: str, previous_subject: str) -> str:
    """A clause naming only another kind of unit after the clause before it says the same of that
    unit: ``村“两委”办公经费每村每年2万元，社区5万元`` → ``社区两委办公经费``; or only another place after
    a label that opens with a place: ``邹平县党员总数112人，长山县808人`` → ``长山县党员总数``. The previous
    label with its unit or place replaced; ``""`` when the clause names more than a unit or place, or the
    previous label none.

    Example:
        >>> _parallel_unit("社区", "村两委办公经费"), _parallel_unit("社区", "建成村级服务站"), _parallel_unit("丰乐村", "村两委办公经费")
        ('社区两委办公经费', '建成社区服务站', '')
        >>> _parallel_unit("长山县", "邹平县党员总数"), _parallel_unit("长山县", "发展党员")
        ('长山县党员总数', '')
    """
    if _NAMED_PLACE.fullmatch(left) and not _UNIT_ALONE.fullmatch(left):
        place = _NAMED_PLACE.match(previous_subject)
        rest = previous_subject[place.end() :] if place else ""
        return left + rest if rest and not _VERBS.match(rest) else ""
    if not _UNIT_ALONE.fullmatch(left):
        return ""
    unit = _UNIT_IN_LABEL.search(previous_subject)
    if unit is None or unit.group().startswith(left):
        return ""
    two_committees = "两委" if "两委" in unit.group() else ""
    return previous_subject[: unit.start()] + left + two_committees + previous_subject[unit.end() :]


#: Acts of building and repairing, done to the venues a clause before named (新建…，整修23个).
_BUILDING_ACTS = re.compile(r"(?:高标准)?(?:新建|建成|改扩建|新改扩建|扩建|整修|改造|提级改造|提升改造|修缮|维修|翻新)")


def _same_object(left: str, previous_subject: str) -> str:
    """A clause naming only an act of building after a clause that named what was built does it to the same
    object: ``新建6个党群服务中心，整修23个`` → ``整修党群服务中心``. ``""`` when the clause names more than
    the act or the previous label no object after its last act of building.

    Example:
        >>> _same_object("整修", "高标准新建党群服务中心"), _same_object("整修道路", "新建党群服务中心"), _same_object("整修", "党员")
        ('整修党群服务中心', '', '')
    """
    if not _BUILDING_ACTS.fullmatch(left):
        return ""
    acts = list(_BUILDING_ACTS.finditer(previous_subject))
    built = previous_subject[acts[-1].end() :] if acts else ""
    if len(built) < 2 or built[0] in "或和及与并再" or _VERBS.search(built):
        return ""  # 需要新建或重建: the act goes on, nothing built is named after it
    return left + built


def _frame_before(text: str, clause_start: int, previous_end: int) -> str:
    """The whole named by a ``X中，`` clause right before ``clause_start`` with no number since
    ``previous_end`` (``全县党员中，女党员占28.4%`` → ``全县党员``, stripped: ``党员``).

    Example:
        >>> _frame_before("发展党员中，女性占31.6%", 6, 0)
        '发展党员'
    """
    before = text[previous_end:clause_start].rstrip()
    match = _FRAME_CLAUSE.search(text, previous_end, clause_start) if before[-1:] in _FRAME_CLAUSE_ENDS else None
    if match:
        return _strip(match.group(1))
    if not _ANY_DIMENSION.search(text, previous_end, clause_start):
        return ""
    topics = list(_TOPIC.finditer(text, previous_end, clause_start))
    return _strip(topics[-1].group("topic")) if topics else ""


def heading_frame(sentence: str) -> str:
    """The group a number-less heading names for the statistics after it, or "" (with the
    dimension it is broken down by, when the heading names one).

    Example:
        >>> heading_frame("党员的职业。"), heading_frame("二、发展党员情况"), heading_frame("全县共有党员。")
        ('党员的职业', '发展党员', '')
        >>> heading_frame("一、基本现状1、基层党组织情况。")
        '基层党组织'
    """
    stripped = sentence.strip()
    topic = _TOPIC.match(stripped.rstrip("。.．：:，, \u3000") + "：") if _ANY_DIMENSION.search(stripped) else None
    if topic:
        return _strip(topic.group("topic"))
    match = _HEADING.match(stripped)
    return _strip(match.group(1)) if match else ""


def topic_frame(sentence: str) -> str:
    """The topic a sentence opens with — a group and the dimension of its breakdown — which
    frames the numbers of the sentence and of the next sentences of its paragraph, or "".

    Example:
        >>> topic_frame("从党员的职业看，工人704.7万名"), topic_frame("在党员职业部分，目前以农牧渔民为主")
        ('党员的职业', '党员职业')
        >>> topic_frame("在此基础上，新建党组织3个"), topic_frame("党员年龄结构分布上，以61岁及以上党员为最多")
        ('', '党员年龄结构分布')
        >>> topic_frame("优化年龄结构，选拔35岁以下干部120名"), topic_frame("按学历分，大专及以上的4.6万名")
        ('', '')
    """
    matches = list(_TOPIC.finditer(sentence)) if _ANY_DIMENSION.search(sentence) else []
    return _strip(matches[-1].group("topic")) if matches else ""


#: What opens a sentence that states a total: a place or unit and a verb of having (全县共有, 年末有).
_OPENING_TOTAL = re.compile(r"^[^，。；：0-9０-９]{0,12}?(?:共有|现有|实有|拥有|有)[^，。；：0-9０-９]{0,12}$")
#: What a total counts: the members or the organisations of the unit.
_TOTAL_OF = re.compile(r"^(?:党员|基层党组织|党组织|党的基层组织)$")
#: A total stated as a label, alone before its number (党员总数：854人, 党员人数 1086).
_LABELLED_TOTAL = re.compile(r"^(?P<group>党员|基层党组织|党组织)(?:总数|人数|总人数|个数|总量)[ \u3000]*[:：]?[ \u3000]*$")


#: What opens a sentence that states the year's recruits: a time or place, then 发展党员 (XX年，我乡发展党员).
_OPENING_RECRUITED = re.compile(r"^[^。；：0-9０-９]{0,14}?(?:新)?发展(?:了)?(?:新)?党员$")


def total_frame(left: str, subject: str) -> str:
    """The group a total opening a sentence counts (``全县共有党员5222名，其中…`` → ``党员``), which
    frames the numbers of the next sentences of the paragraph (``35岁以下1182名`` → ``党员中35岁以下``)
    in place of a heading's group; the recruits of a year likewise (``今年，全镇发展党员18人。女党员
    7人`` → ``发展女党员``); "" when the sentence does not open with such a total. ``left`` is the
    sentence up to its first number, ``subject`` the label of that number.

    Example:
        >>> total_frame("全县共有党员", "党员"), total_frame("年末有党员", "党员"), total_frame("今年，全镇发展党员", "发展党员")
        ('党员', '党员', '发展党员')
        >>> total_frame("共有党员", "发展党员"), total_frame("重视在青年中发展党员", "青年中发展党员")
        ('', '')
        >>> total_frame("党员总数：", "党员总数"), total_frame("女党员总数：", "女党员总数")
        ('党员', '')
    """
    if _TOTAL_OF.match(subject) and _OPENING_TOTAL.match(left):
        return subject
    labelled = _LABELLED_TOTAL.match(left.strip())
    if labelled:
        return labelled.group("group")
    return subject if subject in ("发展党员", "新发展党员") and _OPENING_RECRUITED.match(left) else ""


def opens_own_total(left: str) -> bool:
    """Does a sentence open with a total of its own (``全镇共有女党员``: the sentence up to its first
    number)? Then no total of an earlier sentence is its whole.

    Example:
        >>> opens_own_total("全镇共有女党员"), opens_own_total("女党员"), opens_own_total("其中经济能人")
        (True, False, False)
    """
    return bool(_OPENING_TOTAL.match(left))


def frame_holds(frame: str, subject: str) -> bool:
    """Does a frame (the group of a heading, topic or total) still hold for a label? Not when the
    label counts units of another kind of its own (``发展党员`` is no group of ``有基层党组织``).

    Example:
        >>> frame_holds("发展党员", "发展女党员"), frame_holds("发展党员", "党员中35岁以下"), frame_holds("发展党员", "有基层党组织")
        (True, True, False)
        >>> frame_holds("", "有基层党组织"), frame_holds("党员的职业", "工人")
        (True, True)
    """
    if not frame or not subject:
        return True
    heads = _HEAD_END.search(frame_parts(frame)[0]), _HEAD_END.search(subject)
    return not (heads[0] and heads[1]) or heads[0].group() == heads[1].group()


def frame_parts(frame: str) -> tuple[str, str]:
    """The group a frame names and the dimension it breaks the group down by.

    Example:
        >>> frame_parts("党员的职业"), frame_parts("党员队伍构成"), frame_parts("发展党员")
        (('党员', '职业'), ('党员', '队伍构成'), ('发展党员', ''))
    """
    match = _FRAME_PARTS.match(frame)
    if match and len(match.group("group")) >= 2:
        return match.group("group"), match.group("dimension")
    return frame, ""


#: A group named by the role of its people (书记, 委员, 成员, 干部, 代表): a part of a group counted after 其中
#: that is a group of its own for the traits after it.
_ROLE_GROUP = re.compile(r"(?:书记|委员|成员|干部|代表|主任)$")


def _group_of(subject: str) -> str:
    """The group a label is about, without a trait at its end.

    Example:
        >>> _group_of("发展党员中女性"), _group_of("村党组织书记平均年龄"), _group_of("女党员")
        ('发展党员', '村党组织书记', '女党员')
    """
    group = _TRAIT_TAIL.sub("", subject)
    return group if len(group) >= 2 else subject


#: A word of money right after a sum (200元学习经费, 4.5万元的补助金): what the sum is.
_MONEY_AFTER = re.compile(r"(?:的)?[^，。；：、0-9０-９]{0,6}?(?:经费|资金|补助|补贴|奖励|奖金|基金|报酬|津贴)")
#: Per-unit words before a number qualify it (每月3000元, 每村平均3.2名): they are not what is measured.
_PER_UNIT = re.compile(r"(?:每(?:人|月|年|村|户|个|名|季度)|人均|村均|户均|年均|平均)+$")
#: A character of every per-unit word (每, 均) and of every change or share word (增, 减, 多, 少, 提,
#: 升, 降, 年轻, 年长, 发展, 壮大; 占, 比, 较) that :data:`_PER_UNIT` and :data:`_CHANGE_TAIL` remove.
_TAIL_CHARS = re.compile("[每均增减多少提升降占比较轻长展大]")


def _without_tail(left: str) -> str:
    """A left phrase without what a share, change or level adds after the group.

    Example:
        >>> _without_tail("党员总数较上年底净增"), _without_tail("女党员占党员总数的"), _without_tail("比上年净增")
        ('党员总数', '女党员', '')
        >>> _without_tail("党员总量年均净增幅为"), _without_tail("农口党员增加到"), _without_tail("占比提高")
        ('党员总量', '农口党员', '')
        >>> _without_tail("村干部基本报酬提高到每月"), _without_tail("每村平均")
        ('村干部基本报酬', '')
    """
    previous = None
    while previous != left:
        previous = left
        if _TAIL_CHARS.search(left):  # the cheap test: every per-unit word, change and share has one of them
            left = _CHANGE_TAIL.sub("", _PER_UNIT.sub("", left))
        left = _TRAILING.sub("", left).strip(_EDGE_CHARS)
    return left


#: A clause that only says what a change is measured against (与上年相比, 同比, 较去年同期).
_COMPARISON_CLAUSE = re.compile(rf"(?:{_COMPARISON}|(?:与|和|同)[^，。；]{{1,8}}(?:相比|比较)|同比|环比)")


#: A share named by pointing back to the one before it (新中国成立初期这一比例为2.5%).
_THIS_RATIO = re.compile(r"(?:这一|这个|该|此)(?:比例|比重|占比|比率)(?:仅|只|也|则|已)?$")
#: A measure named without its group (``近一半党员为农牧民，人数达15.2万名``): the group is the clause before.
_BARE_MEASURE = re.compile(r"(?:其)?(?:人数|总人数|数量|总数|总量|规模)")
_INTERVENING_BREAK = re.compile(r"[，。；：！？,;:!?\n]")
_ANY_DIGIT = re.compile(r"[0-9０-９]")


def _intervening_clause(text: str, previous_end: int, clause_start: int) -> str:
    """A clause without a number or an action verb between the previous number and this clause
    (``工人和农民仍是党员队伍主体，占总数的33.0%``): what the next share or change is about.

    Example:
        >>> _intervening_clause("女党员1万名。工人和农民仍是党员队伍主体，占总数的33.0%", 5, 21)
        '工人和农民仍是党员队伍主体'
    """
    between = text[previous_end:clause_start]
    clauses = [c for c in _INTERVENING_BREAK.split(between) if c.strip()]
    if not clauses:
        return ""
    last = _strip(clauses[-1])
    last = _without_tail(last) or last  # 党员人数迅速增加，已发展到3200名: the measure that grew
    if not last or len(last) > 20 or _ANY_DIGIT.search(last) or _VERBS.search(last) or _COMPARISON_CLAUSE.fullmatch(clauses[-1].strip()):
        return ""  # 与上年相比，增加了560名: a comparison is not what is measured
    return last


#: A clause saying that a measure grows, with no number (申请入党人数不断增长): the next level reached is of it.
_TREND_CLAUSE = re.compile(r"^([^，。；0-9０-９]{2,16}?)(?:不断|持续|逐年|稳步|大幅|明显)(?:增长|增加|提高|上升|扩大|壮大)$")


def _trend_subject(text: str, previous_end: int, clause_start: int) -> str:
    """The measure of a growth clause right before a clause that names nothing but a level reached
    (``申请入党人数不断增长，2008年达到1944.9万人`` → ``申请入党人数``), or "".

    Example:
        >>> _trend_subject("新中国成立以来，申请入党人数不断增长，2008年达到1944.9万人", 0, 19)
        '申请入党人数'
        >>> _trend_subject("工作不断推进，达到100%", 0, 7)
        ''
    """
    clauses = [c for c in _INTERVENING_BREAK.split(text[previous_end:clause_start]) if c.strip()]
    match = _TREND_CLAUSE.match(clauses[-1].strip()) if clauses else None
    return _strip(match.group(1)) if match else ""


def _same_head(group: str, subject: str) -> bool:
    """Do a group and a label end in the same counted noun (``新发展的党员``, ``女党员``)?

    Example:
        >>> _same_head("新发展的党员", "35岁及以下青年党员"), _same_head("建立党组织的企业", "党员")
        (True, False)
    """
    heads = _HEAD_END.search(group), _HEAD_END.search(subject)
    return bool(heads[0] and heads[1]) and heads[0].group() == heads[1].group()


#: An item of a list named by the level that acts (其中自治区选派9名，市级11名，县级25名).
_LEVEL_ITEM = re.compile(r"(?:中央|国家|省|自治区|市|州|盟|县|旗|区|乡镇|乡|镇)(?:级|直)?(?:选派|下派|派出|选聘|选调|安排|组织|举办)?(?:的)?")


def _qualified(subject: str, listing: bool, group: str, framed: bool, dimension: str = "") -> str:
    """A label qualified by the group of its list: a trait takes its group (``平均年龄`` →
    ``后备力量人选平均年龄``, ``女性`` → ``发展党员中女性``), a rate named by its verb the object of
    the group (``化解率`` → ``矛盾纠纷化解率``), an item of a 其中 list (``listing``) the verb of a
    group that names an activity (``女性党员`` → ``发展女性党员``), an item under a frame the frame
    (``工人`` → ``党员中工人``); under a frame that names an activity, a part of its group takes
    the verb too (``在新发展的党员中，女党员`` → ``新发展女党员``).

    Example:
        >>> _qualified("平均年龄", False, "后备力量人选", False), _qualified("女性党员", True, "发展党员", False)
        ('后备力量人选平均年龄', '发展女性党员')
        >>> _qualified("工人（工勤技能人员）", False, "党员", True), _qualified("化解率", False, "排查化解矛盾纠纷", False)
        ('党员中工人（工勤技能人员）', '矛盾纠纷化解率')
        >>> _qualified("党员", False, "党员", True, "职业"), _qualified("社区", False, "党员", True)
        ('党员职业', '社区')
        >>> _qualified("建党组织", False, "社会组织", False), _qualified("党员", False, "两新组织党组织", False)
        ('社会组织建党组织', '两新组织党员')
        >>> _qualified("女性", False, "党支部", False), _qualified("61岁以上", False, "56-60岁", False)
        ('女性', '61岁以上')
        >>> _qualified("自治区选派", True, "选派第一书记", False), _qualified("县级", True, "举办培训班", False)
        ('选派第一书记中自治区选派', '举办培训班中县级')
        >>> _qualified("单独组建", True, "非公企业共建立党组织", False), _qualified("联合建", True, "成立工作支部", False)
        ('单独组建党组织', '联合建支部')
    """
    if not group or not subject:
        return subject
    if framed and dimension and subject == group:
        return group + dimension  # 在党员职业部分，…约有2607.5万名党员: members of one occupation
    if _TRAIT.fullmatch(subject) and _ORGANISATION_END.search(group):
        return subject  # 党支部277个。女性89名: organisations have no sex or age, the trait is of people
    if not listing and _TRAIT.fullmatch(subject) and (_TRAIT.fullmatch(group) or _AGE_BAND.fullmatch(group)):
        return subject  # 56-60岁的占9.6%，61岁以上的占15%: a band after a band is its sibling (其中 would make it a part)
    if _TRAIT.fullmatch(subject) and (_PARTY_GROUP.search(group) or not _PEOPLE_TRAIT.fullmatch(subject)):
        whole = _TRAIT_GROUP.sub("", group) if not listing and not subject.startswith("平均") else group  # 女党员…，其中35岁以下: of the women
        return whole + ("" if subject.startswith("平均") else "中") + subject
    sector = _SECTOR_ORGANISATIONS.match(group) if _BARE_MEMBERS.fullmatch(subject) else None
    if sector:
        return sector.group(1) + subject  # 两新组织党组织3.5万个，党员42.8万名: the members of that sector
    host = (_SECTOR_ORGANISATIONS.match(group) or _HOSTED_ORGANISATIONS.match(group)) if listing and _ORGANISATION_TYPE.fullmatch(subject) else None
    if host:
        return host.group(1) + subject  # 两新党组织15个，其中独立党支部7个: the types of that sector's organisations
    manner = _FOUNDING_MANNER.fullmatch(subject) if listing else None
    founded = _ORGANISATION_END.search(group) if manner else None
    if founded:
        return manner.group(1) + founded.group()  # 建立党组织150个，其中单独组建120个 → 单独组建党组织
    if _HAS_ORGANISATION.fullmatch(subject) and _UNITS.search(group):
        return group + subject  # 非公企业624家，已建党组织205个 → 非公企业已建党组织
    if _RATE_OF_ACTION.fullmatch(subject):
        return _object_of(group) + subject  # 排查化解矛盾纠纷3268件，化解率达97.3% → 矛盾纠纷化解率
    if listing and _LEVEL_ITEM.fullmatch(subject):
        return group + "中" + subject  # 选派第一书记45名，其中自治区选派9名，市级11名: parts by the level that sent them
    verb = _ACTIVITY.match(group)
    if verb and (listing or (framed and _same_head(group, subject))) and not _ACTIVITY.match(subject):
        return verb.group() + subject  # 在新发展的党员中，女党员占37.05% → 新发展女党员
    if (framed or (listing and _HEAD_END.search(group))) and group not in subject and not _VERBS.search(subject) and not _HEAD_END.search(subject):
        return group + "中" + subject  # 村党组织书记215名，其中致富带头人132名: a part of the group counted
    return subject


def _in_note(text: str, position: int) -> bool:
    """Is ``position`` inside a bracket left open before it (a note on the number before)?

    Example:
        >>> _in_note("党员6218名（预备党员168名），其中", 12), _in_note("党员6218名（预备党员168名），其中", 20)
        (True, False)
    """
    return max(text.rfind("（", 0, position), text.rfind("(", 0, position)) > max(text.rfind("）", 0, position), text.rfind(")", 0, position))


#: A group of people or organisations named in a clause without a number, before the first number of
#: a sentence: the traits after it are of that group, not of one carried from the sentence before.
_OWN_GROUP = re.compile(r"(?:成员|党员|干部|书记|班子|人员|人才|党组织|党支部|党委|职工|教师|学生)(?=[^，,：:]{0,12}[，,：:])")


def label_subjects(
    text: str,
    spans: Sequence[tuple[int, int]],
    skip: Sequence[bool] | None = None,
    classifiers: Sequence[bool] | None = None,
    carry: str = "",
    frame: str = "",
) -> list[str]:
    """One subject label per quantity span of ``text`` (spans in text order, including the
    qualifiers 超过 … 以上 around the number). Spans flagged in ``skip`` (thresholds) are read
    as part of the phrase around them rather than as a boundary; ``classifiers`` flags units that
    introduce the noun after them (个, 名, 家: ``3个村``; not 元 or %), default all. ``carry`` is
    the label the previous sentence ended with, for a sentence that refers back to it
    (``比上年净增…``, ``占…``); ``frame`` the group a heading before names (``党员的职业。``).

    Example:
        >>> text = "区委组织部先后下发7个配套方案，与32家驻区单位签订协议"
        >>> label_subjects(text, [(9, 11), (17, 20)])
        ['下发配套方案', '驻区单位签订协议']
        >>> label_subjects("比上年净增300名，增长1.4%。", [(5, 9), (12, 16)], carry="党员")
        ['党员', '党员']
    """
    skip = list(skip) if skip is not None else [False] * len(spans)
    classifiers = list(classifiers) if classifiers is not None else [True] * len(spans)
    subjects: list[str] = []
    previous: tuple[int, int, str, int] | None = None  # (clause start, end of what it used, label, index)
    base = frame_parts(frame) if frame else ("", "")  # the group a heading or topic names, its dimension
    (group, dimension), framed = (base, True) if frame else ((_group_of(carry) if carry else "", ""), False)  # what traits and list items belong to
    listing = False  # the items of a 其中 list do not replace the group
    loose = False  # a ； has passed since a X中， frame: it holds for parts of its group only
    respectively: list[str] = []
    breaks = _outside(text, _breaks(text), spans)  # where each clause of the sentence starts, found once
    for index, (start, end) in enumerate(spans):
        window = _window(text, spans, skip, index, previous, breaks)
        raw_left = text[window.left_start : start]
        if window.same_clause and "、" in raw_left:
            raw_left = raw_left[raw_left.rindex("、") + 1 :]
        # 分别达到93.8%和86.3%: numbers joined by 和 go on taking the items of the list before 分别
        joined = bool(respectively) and index > 0 and bool(_JOINED_NUMBERS.fullmatch(text, spans[index - 1][1], start))
        if (not window.same_clause and not joined) or (skip[previous[3]] and not respectively):  # 女性和35岁以下的分别为: a threshold inside the list
            head = text[window.clause_start : start].rstrip()
            opening = _RESPECTIVELY.search(head)
            in_clause = sum(1 for (s, _), skipped in zip(spans[index:], skip[index:]) if not skipped and s < window.right_end + 40 and not _CLAUSE_BREAK.search(text, end, s)) if opening else 0
            if opening and opening.group().startswith("各") and in_clause < 2:
                opening = None  # 东村和西村收入各达50万元: 各 before one number says each, not respectively
            respectively = _respectively_items(head) if opening else []
            if len(respectively) == 1 and in_clause > 1:
                respectively *= in_clause  # 完成率分别达到93.8%和86.3%: one measure, of each thing counted before
            if not respectively and opening:
                # 基层党委24.9万个、总支部30.5万个，分别比上年增加1.0万个、0.6万个: the items counted before
                earlier = [s for s, skipped in zip(subjects, skip) if s and not skipped]
                respectively = earlier[-in_clause:] if 0 < in_clause <= len(earlier) else []
        raw_right = text[end : window.right_end]
        previous_subject = previous[2] if previous else ""
        previous_end = previous[1] if previous else 0
        if previous is not None and framed and (group, dimension) != base:
            # a X中， frame holds until the end of its sentence (over a ； for parts of its group: 在新发展
            # 党员中，女党员…；少数民族党员…), a heading's or topic's to the end
            if _SENTENCE_END.search(text, previous_end, start):
                (group, dimension), framed = (base, True) if frame else ((group, dimension), False)
            elif _STATEMENT_BREAK.search(text, previous_end, start):
                loose = True
        if previous is None and not framed and group and _OWN_GROUP.search(text, 0, window.clause_start):
            group = ""  # 全力支持村两委班子成员进行学历提升，大专及以上学历63人: a sentence that names its own group first
        clause_frame = _frame_before(text, window.clause_start, previous_end)
        if clause_frame:
            (group, dimension), framed, loose = frame_parts(clause_frame), True, False
        if "其中" in text[previous_end:start]:
            listing = True
        elif listing and not window.same_clause and _NEW_TOTAL.match(text, window.clause_start):
            listing = False  # 其中37个单独建，3个联合建，共有党员946名: a total of its own ends the list
        right_used, own = 0, True
        if respectively:
            subject = respectively.pop(0)
            recruited = bool(_ACTIVITY.match(group)) and _same_head(group, subject) and not _ACTIVITY.match(subject) and "中" not in subject
            if (_TRAIT.fullmatch(subject) or recruited) and not skip[index]:
                # 发展党员中，女性、少数民族分别为…; 共发展党员2.3万名，女党员、…分别占…: parts of the recruits
                subject = _qualified(subject, listing or recruited, group, framed, dimension)
        else:
            stripped_left = _strip(raw_left)
            core_left = _without_tail(stripped_left)
            agent_only = (not _VERBS.search(core_left) and (
                not core_left or bool(_PREPOSITION_END.search(_QUOTE_CHARS.sub("", raw_left).rstrip()))
            )) or bool(classifiers[index] and _CAUSATIVE.fullmatch(core_left))
            left = "" if agent_only else _TRAILING.sub("", _cut_at_verbs(core_left))
            # 每月300元工作补助: an amount given per head or per month names what it is after it, as a sum
            # does when a word of money follows it (安排200元学习经费)
            use_right = agent_only or classifiers[index] or not left or len(left) <= 4 or bool(
                _VERB_RUN.search(left[-2:]) or _PER_UNIT.search(stripped_left) or _MONEY_AFTER.match(raw_right)
            )
            note_follows = window.right_end < len(text) and _OPEN_NOTE.match(raw_right) and not _CLAUSE_BREAK.match(text, window.right_end)
            right = _right_phrase(raw_right, extended=agent_only) if use_right and not note_follows else ""
            if right:
                opened = len(raw_right) - len(raw_right.lstrip("的之"))
                right_used = opened + _read_from(raw_right[opened:], right)
            if agent_only and not right:
                left = core_left
            referring = bool(stripped_left) and not core_left and not right  # 比上年净增300名, 占比91.3%
            # 占党员总数的6.5%，新中国成立初期这一比例为2.5%: the same share at another time
            referring = referring or (previous is not None and not right and bool(_THIS_RATIO.search(stripped_left)))
            # 近一半党员为农牧民，人数达15.2万名: a bare measure is of the clause or number just before in
            # its sentence, if any (not of a group carried from an earlier sentence)
            measured = (
                _intervening_clause(text, previous_end, window.clause_start) or previous_subject
                if not right and _BARE_MEASURE.fullmatch(core_left) else ""
            )
            share = bool(_SHARE.match(_QUOTE_CHARS.sub("", raw_left).strip(_EDGE_CHARS)))
            if measured and not skip[index]:
                subject, own = measured, False
            elif (referring or (share and not right)) and not skip[index]:
                subject = (
                    _intervening_clause(text, previous_end, window.clause_start)
                    or previous_subject
                    or (group if previous is None else "")
                    or carry
                ) or stripped_left
                own = False
            else:
                rest = _strip(raw_left + raw_right) if not left and not right else ""
                if not left and not right and not rest:
                    label = _LABEL_BEFORE_COLON.search(text, 0, window.clause_start)
                    rest = _strip(label.group(1)) if label else ""
                after_threshold = previous is not None and skip[previous[3]]
                subject = _compose(left, right, share, rest, window.same_clause, previous_subject, after_threshold)
                if not subject and not skip[index]:
                    subject = _trend_subject(text, previous_end, window.clause_start)  # 申请入党人数不断增长，2008年达到…
                if previous is not None and not window.same_clause and not right and not skip[index]:
                    subject = _parallel_unit(left, previous_subject) or subject  # 社区5万元 after 每村2万元
                    if classifiers[index] and classifiers[previous[3]]:
                        subject = _same_object(left, previous_subject) or subject  # 整修23个 after 新建6个党群服务中心
                if not skip[index]:
                    held = framed and (not loose or _same_head(group, subject))
                    qualified = _qualified(subject, listing, group, held, dimension)
                    own = qualified == subject and not _TRAIT.fullmatch(subject)
                    subject = qualified
            whole = _WHOLE_HAS.match(right) if subject.endswith(right) else None
            if whole and _HEAD_END.search(whole.group(1)):  # 92名村党组织书记中有致富带头人59名: the whole, then its parts
                right_used -= len(right) - len(whole.group())
                subject, right = subject[: len(subject) - len(right) + len(whole.group())], whole.group()
            if right.endswith("中") and (_CLAUSE_BREAK.match(raw_right[right_used : right_used + 1] or "，") or whole):
                subject = subject[:-1]  # 全年发展的191.1万名党员中，…: the whole of the items after it
                group, framed, own, loose = subject, True, False, False
        subject = _balance(_TRAILING.sub("", _tail(subject)))
        subjects.append(subject)
        if own and listing and not skip[index] and _group_of(subject) != subject and _ROLE_GROUP.search(_group_of(subject)):
            # 班子成员572名，其中，122名村党组织书记平均年龄43.6岁，大专及以上学历占比55.3%: a part of the group that
            # names people by their role and is described (平均年龄) has the traits after it
            (group, dimension), framed, loose = (_group_of(subject), ""), True, False
        if own and not skip[index] and not listing and framed and (_ACTIVITY.match(subject) or _VERBS.search(subject) or not frame_holds(group, subject)):
            framed = False  # an activity counted (全年发展党员326名), or units of another kind, open a group of their own
        if own and not skip[index] and not listing and not framed and subject and not _in_note(text, start):
            group = _group_of(subject)  # not a breakdown in brackets: 党员6218名（…预备党员168名），其中科技界…
        previous = (window.clause_start, end + right_used, subject or previous_subject, index)
    subjects = _share_predicate(text, spans, skip, _listed_noun(text, spans, skip, _places_in_note(text, spans, skip, subjects)))
    return _branch_members(text, spans, skip, _units_acting(text, spans, skip, subjects))


#: A place alone before a number inside a note, after the bracket or a separator (（香洲区81个，金湾区4个）).
_NOTE_PLACE = re.compile(rf"[（(，,、；;\s]*(?P<place>{_NAMED_PLACE.pattern})\s*")


def _places_in_note(text: str, spans: Sequence[tuple[int, int]], skip: Sequence[bool], subjects: list[str]) -> list[str]:
    """Numbers in a bracket opened right after a number, each after a place alone, break that number
    down by place: ``全市共成立业委会党组织92个（香洲区81个，金湾区4个）`` → ``香洲区成立业委会党组织``.

    Example:
        >>> text = "全县共有党员5000名（城关镇1200名，新城镇800名）"
        >>> from dangjian.indicators.extract import quantities
        >>> label_subjects(text, [q.outer for q in quantities(text)])
        ['党员', '城关镇党员', '新城镇党员']
    """
    result = list(subjects)
    whole = -1  # the number the open note breaks down
    for index, (start, end) in enumerate(spans):
        if index == 0 or skip[index]:
            continue
        previous_end = spans[index - 1][1]
        opened = text.startswith(("（", "("), previous_end)
        if opened and not skip[index - 1] and subjects[index - 1]:
            whole = index - 1
        elif whole < 0 or not _in_note(text, start):
            whole = -1
            continue
        item = _NOTE_PLACE.fullmatch(text, previous_end + (1 if opened else 0), start)
        if item is None or _UNIT_ALONE.fullmatch(item.group("place")):
            if opened:
                whole = -1
            continue
        result[index] = item.group("place") + subjects[whole]
    return result


#: Bare numbers listed with 、 before the last, which has the classifier: 500、3000、1万个.
_BARE_ITEM_GAP = re.compile(r"\s*、\s*")
_ENDS_IN_DIGIT = re.compile(r"[0-9０-９]$")


def _listed_noun(text: str, spans: Sequence[tuple[int, int]], skip: Sequence[bool], subjects: list[str]) -> list[str]:
    """Bare numbers listed before a number whose noun follows it share that noun:
    ``省市县三级分别选树500、3000、1万个过硬党支部`` → each counts 过硬党支部.

    Example:
        >>> text = "省市县三级分别选树500、3000、1万个过硬党支部"
        >>> from dangjian.indicators.extract import quantities
        >>> label_subjects(text, [q.outer for q in quantities(text)])
        ['省市县三级分别选树过硬党支部', '省市县三级分别选树过硬党支部', '过硬党支部']
    """
    def bare_item(item: int) -> bool:
        return (
            not skip[item]
            and _ENDS_IN_DIGIT.search(text, spans[item][0], spans[item][1]) is not None
            and _BARE_ITEM_GAP.fullmatch(text, spans[item][1], spans[item + 1][0]) is not None
        )

    for first, last in _list_runs(len(spans), bare_item):
        noun = subjects[last]
        if noun and text.startswith(noun[:2], spans[last][1]):  # the noun is read after the last number
            for item in range(first, last):
                if noun not in subjects[item]:
                    subjects[item] = _tail(_balance(subjects[item] + noun))
    return subjects


def _list_runs(count: int, joined: Callable[[int], bool]) -> Iterator[tuple[int, int]]:
    """The runs of two items or more among ``count`` items, as (first, last), where ``joined(i)`` says
    that item ``i`` and the next stand in one list.

    Example:
        >>> list(_list_runs(5, lambda i: i in (0, 2, 3)))
        [(0, 1), (2, 4)]
    """
    index = 0
    while index < count:
        last = index
        while last + 1 < count and joined(last):
            last += 1
        if last > index:
            yield index, last
        index = last + 1


#: Between two numbers of a list of counted units: the first one's noun and a list separator
#: (421个城市街道、5591个社区…); the predicate after the last noun is said of every item (the last noun
#: may join two: 4000余名党员和驻村干部坚守岗位).
_LIST_GAP = re.compile(r"^[^，。；：！？,;:!?、0-9０-９]{1,12}?(?:、|及|和|与|以及)\s*$")
_SHARED_PREDICATE = re.compile(
    rf"(?P<noun>[^，。；：！？,;:!?、0-9０-９]{{1,12}}?)(?<![和及与])(?P<predicate>(?:已经|均已|都已|已|均|都|全部|先后)?(?:{_VERB})[^，。；：！？,;:!?、]{{0,12}})"
)


def _share_predicate(text: str, spans: Sequence[tuple[int, int]], skip: Sequence[bool], subjects: list[str]) -> list[str]:
    """Items of a list of counted units share the predicate said after the last one:
    ``7135个城市街道、3.3万个乡镇、59.1万个建制村建立了党组织`` → each item 建立了党组织.

    Example:
        >>> text = "全省421个城市街道、5591个社区（居委会）、23702个行政村已建立党组织"
        >>> from dangjian.indicators.extract import quantities
        >>> label_subjects(text, [q.outer for q in quantities(text)])
        ['城市街道已建立党组织', '社区（居委会）已建立党组织', '行政村已建立党组织']
    """
    def listed(item: int) -> bool:
        return not skip[item] and not skip[item + 1] and _LIST_GAP.match(text[spans[item][1] : spans[item + 1][0]]) is not None

    for first, last in _list_runs(len(spans), listed):
        shared = _SHARED_PREDICATE.match(text, spans[last][1])
        if shared:
            predicate = shared.group("predicate")
            for item in range(first, last):
                if subjects[item] and not _VERBS.search(subjects[item]):
                    subjects[item] = _tail(_balance(subjects[item] + predicate))
    return subjects


#: Between two numbers of a clause: the units the first counts and a verb with 了 whose object the
#: second counts (19个企业发展了110名党员; 35个企业组织了323次政治学习). 发展 and 组织, mostly nouns in
#: this genre, are verbs only with 了.
_UNITS_ACTING = re.compile(
    rf"(?P<units>[^，。；：！？,;:!?、0-9０-９]{{0,8}}?(?:企业|单位|村|社区|支部|党支部|党组织|学校|机关|公司))"
    rf"(?:按规定|均|都|先后|共)?(?P<verb>(?:{_VERB})(?:了)?|(?:发展|组织)了)$"
)


def _units_acting(text: str, spans: Sequence[tuple[int, int]], skip: Sequence[bool], subjects: list[str]) -> list[str]:
    """Units counted right before a verb and the count of its object (``19个企业发展了110名党员``):
    the object is what the verb acts on (``发展党员``), and the units are those that acted on it
    (``企业发展党员``).

    Example:
        >>> text = "有19个企业发展了110名党员，35个企业组织了323次政治学习"
        >>> from dangjian.indicators.extract import quantities
        >>> label_subjects(text, [q.outer for q in quantities(text)])
        ['企业发展党员', '发展党员', '企业组织政治学习', '组织政治学习']
    """
    for index in range(len(spans) - 1):
        if skip[index] or skip[index + 1] or not subjects[index + 1]:
            continue
        acting = _UNITS_ACTING.match(text, spans[index][1], spans[index + 1][0])
        if acting is None:
            continue
        verb = acting.group("verb").removesuffix("了")
        following = subjects[index + 1]
        found = following.find(verb)
        thing = following[found + len(verb) :] if found >= 0 else following
        if not thing:
            continue
        subjects[index + 1] = verb + thing
        subjects[index] = _tail(_balance(_strip(acting.group("units")) + verb + thing))
    return subjects


#: Branches of members by their working status (在职党支部8个, 离退休党支部4个) and the comma before
#: the members counted right after them.
_STATUS_BRANCHES = re.compile(r"(在职|离退休|退休|离休)(?:干部)?(?:的)?(?:党支部|支部|党总支|党组织)$")
_NEXT_ITEM = re.compile(r"\s*[，,、]\s*")


def _branch_members(text: str, spans: Sequence[tuple[int, int]], skip: Sequence[bool], subjects: list[str]) -> list[str]:
    """Members counted right after the branches of a working status (``在职党支部8个，党员325名``)
    are members of that status (``在职党员``).

    Example:
        >>> text = "其中在职党支部8个，党员325名，离退休党支部4个，党员81名"
        >>> from dangjian.indicators.extract import quantities
        >>> label_subjects(text, [q.outer for q in quantities(text)])
        ['在职党支部', '在职党员', '离退休党支部', '离退休党员']
    """
    for index in range(1, len(spans)):
        if skip[index] or skip[index - 1] or not _BARE_MEMBERS.fullmatch(subjects[index]):
            continue
        status = _STATUS_BRANCHES.search(subjects[index - 1])
        if status and _NEXT_ITEM.fullmatch(text, spans[index - 1][1], spans[index][0] - len(subjects[index])) is not None:
            subjects[index] = status.group(1) + "党员"
    return subjects

