"""Core indicators and kinds: the measured scores, sentences of the genre, page furniture, tables.

- The seed gold (``tests/gold/``) and the parts of the development set (``tests/devset/``: seen,
  unseen, held-out, second blind part) are extracted and scored by the two scorers of ``tests/tools/`` (values: recall
  and precision with the strict key; core indicator precision and recall; kind accuracy, overall
  and on the rare kinds), with the thresholds of the project (see the README's Indicators section);
  each part of the development set at the level last measured on it (the two blind parts were
  measured once, blind, and studied since).
- Sentences of the genre written for this test (not from any scored document): what each number
  measures (subject), its core indicator and its kind. The first 54 cases were written before any
  rule was changed for them and 49 passed as written; the rules then changed for what generalises
  (an item of a 其中 list after a semicolon, a growth rate of the income per village, villages
  defined by their income, a rate named by its verb alone: 化解率 after 矛盾纠纷), none
  special-cased. The next cases, one or more per rule added after the unseen part was studied,
  state each rule in a sentence written for it; ``PROBES`` holds the probe sentences that tested those
  rules for generality (see its comment). The last cases state the rules added after the held-out
  and second blind parts were studied, then after the third blind part was, then after the fourth
  was, then after the fifth was, then after the sixth was, then after the seventh was, then after
  the eighth was, each in a sentence written for it.
- Page counters are never indicators; statistics laid out as a table are; digits after 万 are its
  units (2万9620个).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from dangjian.reading.corpus import Document
from dangjian.indicators import extract
from dangjian.segmentation.pipeline import process_document

TESTS = Path(__file__).resolve().parent
DEVSET = TESTS / "devset"


def _score_sets():
    spec = importlib.util.spec_from_file_location("score_sets", TESTS / "tools" / "score_sets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: Thresholds of each scored set: values (recall, precision), core (precision, recall), kind
#: (overall, on shares, changes and targets). The seeds hold the project's targets. The parts of the
#: development set hold the level measured on them, rounded down by a small margin: the seen and
#: unseen parts above the targets; the held-out part (10 documents, 225 indicator rows) and the
#: second blind part (8 documents, 199 indicator rows), each measured once, blind, and studied since
#: (core recall then 0.458 and 0.598, precision 0.910 and 0.909), after the rules of the party's own
#: statistical vocabulary were added for what generalised: held-out core precision 0.990, recall
#: 0.645 (33 of its 155 rows with a core id are bare numbers of one table laid out cell by cell,
#: which the extractor does not read); second blind part core precision 0.981, recall 0.897 (after
#: the space a pinyin reading is set off with went with it, 黨(dang) 員). The third blind part (8
#: documents, 130 indicator rows), labelled while those rules were written and measured once after:
#: values recall 0.992, precision 0.970; core precision 0.797, recall 0.593; kind 0.985. After the
#: three blind parts were studied, the rules that generalised from them (the party's categories:
#: 外出务工经商党员, 正式党员, 共青团员入党, 示范点 and 红旗单位, income bands of the collective economy,
#: youth-league and invited lectures; the grammar of 、 lists and 分别; lines cut by the wrap of a
#: printed page) took held-out core recall to 0.710 (precision 0.991), the second blind part's to
#: 0.940 (precision 0.982, values recall 0.990) and the third's to 0.930 (precision 0.976).
#: Two further blind parts, labelled after that (``blind4``: 8 documents of northern provinces,
#: 125 indicator rows; ``blind5``: 8 of southern and western ones, 121 rows), measured once with
#: those rules: values recall 0.976 / 0.992, precision 0.968 / 1.000; core precision 0.887 / 0.810,
#: recall 0.714 / 0.644; kind 0.992 / 1.000 (the rules before the third blind part was studied
#: scored core recall 0.688 / 0.644, precision 0.883 / 0.797 on them). The fourth blind part was
#: then studied and what generalised became rules (the parts of a whole that names an activity, 在新
#: 发展的党员中; a note in 【】; 所辖; N名…中有; members by the time they joined; the members and the
#: organisations set up in a sector just counted; student members; 净增率): blind4 core precision
#: 1.000, recall 0.922, and the third blind part's recall 0.953 (precision 0.976).
#: After the fourth blind part was studied (the fifth unread), the fifth measured again: core
#: precision 0.825, recall 0.644. The fifth blind part was then studied and what generalised became
#: rules (a band of ages before its count; local committees, units that qualify and committees
#: counted for what they set up left unmapped; 联系挂钩, 到村任职, 三支一扶, instructors and cadres sent
#: to villages, members found by a search, villages reaching an income in a long clause; a clause
#: naming only another unit; traits before 分别 under a 中 frame; 人数, 年均增长, 完成率; joint
#: branches of small firms; a short quoted word inside a phrase): blind5 core precision 0.985,
#: recall 0.904; held-out core recall 0.723; seen 0.968. A sixth blind part (``blind6``: 8 documents,
#: 131 indicator rows), labelled meanwhile, measured with the rules before and after that study:
#: values recall 0.992, precision 0.985; core precision 0.875 / 0.889, recall 0.644 / 0.644; kind 0.954.
#: The sixth blind part was then studied and what generalised became rules (the recruits of a year
#: framing the breakdown after them; 文化 and 国中 as schooling; the members of one kind of branch or
#: host sector; 个 next to an organisation counting organisations; 这一比例; recruits with 党员 elided,
#: quotas set above; a goal named before a comma; members among a population; villages a work team
#: settles in; the organisations and members of a place acting together; a broken-off list of named
#: sums measured by the next sentence; a branch is the party's; a level reached after a growing
#: measure; the firms instructors guide): blind6 core precision 1.000, recall 1.000, kind 1.000;
#: blind5 recall 0.959 (precision 0.986); blind4 recall 0.948; seen recall 0.973; held-out precision
#: 1.000, recall 0.729 (its table laid out one cell a line still unread).
#: A seventh blind part (``blind7``: 8 documents, 136 indicator rows, 110 with a core id), labelled
#: after that study, measured blind with its rules: values recall 0.978, precision 0.971; core
#: precision 0.945, recall 0.782; kind 0.977. It was then studied and what generalised became rules
#: (the reference point of a comparison, 比…最高值3.1%下降…, with the measure elided, and a change verb
#: right after a number opening no noun; a bare number before 和 in a list that 分别 opens, and a bare
#: unit listed before the measure of the last item, 村、社区…面积; organisations of a host sector with
#: a parenthesis or a change after it, and those a place 有 no total; 村社 secretaries; 达标率 of
#: organisations; 未发展党员 villages no recruits; members transferred no young members; firms brought
#: into party work; 村营收入; 党（工）委; joint committees of neighbouring villages;
#: members a study campaign covers; 五家疃村 a name): blind7 values recall 0.985, precision 0.978;
#: core precision 1.000, recall 0.955; kind 0.978 (left: a planned section read as amounts, the
#: reference level 3.1% of a growth rate read as a share, events with their noun elided, money
#: donated, which the probes leave unmapped); the other parts unchanged.
#: An eighth blind part (``blind8``: 8 documents, 87 indicator rows, 43 with a core id), measured blind
#: with the rules before and after the seventh part was studied (same figures): values recall 0.954,
#: precision 0.933; core precision 0.929, recall 0.605; kind 0.988. It was then studied and what
#: generalised became rules (units counted before a verb with 了 and the count of its object,
#: 19个企业发展了110名党员: the object is what the verb acts on, 发展党员, and the units take it too; a
#: level reached now, 从7%增加到目前的8.16%, of the measure before; the members among students or
#: teachers, 本专科生中党员的比例; 下岗党员; organisations whose activities are not normal are lax ones;
#: villages whose income 全部超 a sum; 2418个党员 a total counted with 个; 政治学习 events; service
#: teams where volunteers are named; 6个人管 a count of people; 举办N届 editions; 增加了N个新社区 new
#: units, an amount): blind8 values recall 0.977, precision 0.955; core precision 0.975, recall
#: 0.907; kind 1.000 (left: 堂, 种 and 成 of the labels read as other where the extractor reads a count
#: and a percent, 八届 before the place name 三峡, a related-links headline, members reporting to a
#: community, which the probes map to in-service members, the staff of a community counted per
#: community, home-service visits, the enterprises that recruited members); the other parts unchanged.
#: A ninth blind part (``blind9``: 8 documents, 127 indicator rows, 56 with a core id), measured blind
#: with the rules before and after the eighth part was studied (same figures): values recall 0.898,
#: precision 0.864; core precision 0.833, recall 0.446; kind 0.941, kind on shares, changes and
#: targets 0.837. It was then studied and what generalised became rules (a table laid out one cell a
#: line keeps its numbers through cleaning, and a bare number between the bars of a table is read,
#: class other as labelled, a column header naming a plan making its cells targets; 不应超过 and
#: 应有…以上 quotas are targets; communities of a star rating, 无星 too, are model organisations;
#: 此处隐藏N个字 and 免费订阅N天 are page furniture): blind9 values recall 0.961, precision 0.884; core
#: precision 0.868, recall 0.589; kind 1.000 (left: 个村 and 成 of the labels read as other where
#: the extractor reads a count and a percent, village secretaries named with 村（社区）, voters' turnout
#: mapped to elections); held-out values recall 0.969 (its table one cell a line now read), kind
#: 0.977, on shares, changes and targets 0.943; the other parts unchanged.
#: A tenth blind part (``blind10``: 8 documents, 178 indicator rows, 101 with a core id), measured blind
#: with the rules before and after the ninth part was studied (same figures): values recall 0.938,
#: precision 0.954 (value only 0.983 / 1.000); core precision 0.867, recall 0.772; kind 0.994, on
#: shares, changes and targets 0.973. It was then studied and what generalised became rules (shares
#: listed after the counts they are of, 分别占党员总数的…; items joined by 和 before 分别 share the
#: measure ending the last, 覆盖率; the types listed under a sector's or the hosted units'
#: organisations are theirs; 两新 is no 新; members of the residential areas a part; 新增 opening an
#: organisation count, or naming the units covered; cooperatives' party units; a treasury's subsidy
#: and the share of units that have the funds; subjects long enough to keep a class's head,
#: 培训班): blind10 core precision 0.948, recall 0.901; blind9 core precision 0.881, recall 0.661
#: (its long subjects no longer cut); the other parts unchanged.
#: An eleventh blind part (``blind11``: 8 documents, 76 indicator rows, 44 with a core id: 吉林, 河北,
#: 湖南, 四川, 新疆, 陕西, 江苏, 广东), measured blind with the rules before and after the tenth part was
#: studied (same figures; labels read a second time by a third person, two core ids changed): values
#: recall 0.987, precision 0.987; core precision 0.848, recall 0.636; kind 0.987, on shares, changes
#: and targets 0.929. Then studied (its errors read; rules for 由平均…提高到去年的, a quoted word
#: that ends a sentence, 参与 after an organisation, two qualifiers of a host sector, the 五个好 rating
#: and the levels' demonstration sites, 三个好及以下 and 进位升级, 后备村干部, secretaries' traits in a
#: sentence on village organisations): core precision 0.976, recall 0.909; the other parts unchanged.
#: A twelfth blind part (``blind12``: 8 documents, 179 indicator rows, 75 with a core id: 云南, 上海,
#: 北京, 辽宁, 山东, 江西, 黑龙江, 福建), measured blind with the rules before and after the eleventh part
#: was studied (same figures): values recall 0.972, precision 0.989; core precision 0.803, recall 0.707;
#: kind 1.000, on shares, changes and targets 1.000. Then studied (the heads of village committees
#: (正职), postings counted in person-times, members by what they work as (干部, 家属, 劳动者), 从事 kept,
#: an age band after a band its sibling, rating classes and a campaign's batches no type or total):
#: core precision 0.890, recall 0.867; the other parts unchanged.
#: A thirteenth blind part (``blind13``: 8 documents, 123 indicator rows, 76 with a core id: 海南, 甘肃,
#: 广西, 贵州, 浙江, 安徽, 湖北, 重庆), measured blind with the rules before and after the twelfth part was
#: studied (same figures): values recall 0.967, precision 0.967; core precision 0.898, recall 0.697;
#: kind 0.984, on shares, changes and targets 0.889 (with the rules before the eleventh part was
#: studied: core precision 0.831, recall 0.645). Then studied (积极分子 kept whole, a secretary who heads
#: the committee, first secretaries' shares, party groups no organisations founded, villages that
#: changed their secretary, the areas a problem count lists, the public's practical problems):
#: core precision 0.937, recall 0.776; the other parts unchanged.
#: A fourteenth blind part (``blind14``: 8 documents, 143 indicator rows, 98 with a core id: party
#: statistics of 河南, 山东, 黑龙江, 福建; grassroots reports of 宁夏, 青海, 天津, 河南), measured blind with
#: the rules after the thirteenth part was studied: values recall 0.972, precision 0.965; core
#: precision 0.821, recall 0.561; kind 0.993, on shares, changes and targets 0.941 (the same with the
#: rules before the twelfth part was studied; before the eleventh, core precision 0.812, recall 0.531).
#: Then studied (a line wrapped after a year and a word runs on, a breakdown in brackets is no group
#: for the 其中 after it, the named minority nationalities, 教工 and the fields (科技界) members work
#: in, organisations stated beside the members' total, villages reaching an income after the
#: collective income, 乡村 no village, party groups no type, 发展到 grows): core precision 0.957, recall
#: 0.684; the other parts unchanged.
#: A fifteenth blind part (``blind15``: 8 documents, 89 indicator rows, 59 with a core id: speeches
#: and committees' reports of 山西, 安徽, 湖南 and a township; an enterprise, a college, a city yearbook's
#: organisation work and a county of 湖南, 广西, 广东, 河北), measured blind with the rules after the
#: fourteenth part was studied: values recall 0.966, precision 0.966; core precision 0.882, recall
#: 0.763; kinds all right (with the rules before the twelfth or the eleventh part was studied: core
#: precision 0.878, recall 0.729). Then studied (a bare 万 before a people noun counts persons, a party school's
#: classes, enrolment in a degree course, cadres acting for the public): core precision 0.893, recall
#: 0.847; values recall and precision 0.989; the other parts unchanged (blind6's 40万党员 relabelled
#: with the noun as unit, as the set's other such counts).
#: A sixteenth blind part (``blind16``: 8 documents, 126 indicator rows, 42 with a core id: villages
#: and communities of 福建, 吉林, 贵州, 四川; one theme each in 陕西, 白银, 岳阳, 松原), measured blind with the
#: rules after the fifteenth part was studied: values recall 0.929, precision 0.914; core precision
#: 0.800, recall 0.571; kinds all right (with the rules before the twelfth or the eleventh part was
#: studied: core precision 0.774, recall 0.571). Then studied (千米 and 平方千米 as units, a measure's
#: subject before its change verb, villages counted by 一肩挑, poverty work groups, retired members by
#: occupation, a trait's part of committee members no staff count): values recall 0.944, precision
#: 0.922; core precision 0.871, recall 0.643; the other parts unchanged. A fraction (四分之一, 三分之一)
#: then admitted as a rate: blind16 core precision 0.875, recall 0.667; blind11 core recall 0.932.
#: A seventeenth blind part (``blind17``: 8 documents, 80 indicator rows, 35 with a core id: recent
#: news of 海南, 青海, 重庆, 新疆; a college, central enterprises, an agency and a hospital), measured blind
#: with the rules after the sixteenth part was studied: values recall 1.000, precision 0.988; core
#: precision 0.909, recall 0.857; kind 0.950, on shares, changes and targets 0.947 (the same with the
#: rules before the twelfth part was studied). Then studied (目标任务 before a comma plans nothing, 比…年轻
#: is a change; cadres attached to township offices are trained, branches whose term ends hold elections):
#: kinds 1.000, core precision 0.970, recall 0.914; the other parts unchanged.
#: The misses left in all studied parts were then read together (a list opened on the line before
#: counts parts of its total, cadres sent to serve as secretaries are secretaries, a list's items named
#: by the level that sent them), and the set's unit classes of classifiers made consistent: the value
#: scores of nine parts rose (blind10 recall 0.938 → 0.972, blind16 0.944 → 0.984), core recall of
#: blind9 0.661 → 0.750, blind13 0.776 → 0.803. An eighteenth blind part (``blind18``: 8 documents, 55
#: indicator rows, 32 with a core id: townships and a street of 青海, 河北, 西藏, 江苏; a city's assessment
#: of county secretaries, a bonded zone's 两新 committee, a district's schools, a hospital), measured blind
#: with those rules: values recall 0.982, precision 1.000; core precision 0.778, recall 0.656; kind 0.981
#: (the same with the rules before the twelfth part was studied). Then studied (a grid's volunteers and
#: the posts young members hold are what is counted, a share of branches with 双带头人 counts no branches,
#: a village office is a venue, the income of joined villages is income, 工作要求 plans nothing): core
#: precision 0.893, recall 0.781, kinds 1.000; blind15 core precision 0.893 → 0.909, blind16 core recall 0.667 → 0.690.
#: A nineteenth blind part (``blind19``: 8 documents, 85 indicator rows, 49 with a core id: communities and a
#: village of 辽宁, 北京, 吉林, 河北; a province's statistics, a city's plan, a city's instructors for non-public
#: firms, a township's targets), measured blind with the rules after the eighteenth part was studied: values
#: recall 0.953, precision 0.953; core precision 0.868, recall 0.673; kind 0.864, on shares, changes and
#: targets 0.560 (the same with the rules before the twelfth part was studied). Then studied (到2015年 sets a
#: level, for the whole sentence when it opens it; 有望; a sentence that names its own group first takes no
#: carried one; members reporting to a community are no occupation; 分类定级为好; 社区干部; 与…共建; the
#: members of a volunteer team named before them): core precision 0.949, recall 0.755; kind 0.975, other 0.920; blind8 core precision 0.975 → 1.000, blind13 kinds
#: 0.984 → 0.992.
#: A twentieth blind part (``blind20``: 8 documents, 90 indicator rows, 55 with a core id: reports quoting
#: leaders or organisation departments in 河南, 西藏, 宁夏, 辽宁; overviews of 江西, 四川, 北京, 贵州), measured
#: blind with the rules after the nineteenth part was studied: values recall and precision 0.978; core
#: precision 0.947, recall 0.655; kind 0.989 (the same with the rules before the misses of all parts were
#: read together; values 0.967 with the rules before the twelfth). Then studied (帮扶单位 are paired units,
#: bands written 过百万, 选拔, a completion rate counts no cadres, model townships and villages created in a
#: sentence on party organisations, 各行各业党员, 民生难题 are practical matters): core precision 0.978, recall
#: 0.800; blind16 core recall 0.690 → 0.714.
#: A twenty-first blind part (``blind21``: 8 documents, 90 indicator rows, 43 with a core id: county reports of
#: 黑龙江, 江苏, 云南, 湖北; an oilfield, a university's graduate branches, a district's organs, a city's office
#: buildings), measured blind with the rules after the twentieth part was studied: values recall 0.989,
#: precision 1.000; core precision 0.694, recall 0.581; kind 0.955, other 0.750 (core precision 0.676 with the
#: rules before the twelfth part was studied). Then studied (the sector's units themselves counted, households
#: a grid holds, branches cultivated as models, model members, 在确保…前提下 plans nothing, 集训, 楼栋（小区）
#: 党小组; problems solved — 解决…急难愁盼问题, 民生难题 — are problems as the set labels them, not practical
#: matters, which moved blind20 core recall 0.800 → 0.782 and blind9 0.750 → 0.768): core precision 0.857,
#: recall 0.698.
#: A twenty-second blind part (``blind22``: 8 documents, 111 indicator rows, 96 with a core id: towns of 浙江,
#: 山东, 湖南, 内蒙古; provincial statistics and overviews of 浙江, 山东, 黑龙江, 湖南), measured blind with the
#: rules after the twenty-first part was studied: values recall 0.991, precision 0.982; core precision 0.966,
#: recall 0.896; kind 0.982, other 0.939 (core recall 0.875 with the rules before the twelfth part was
#: studied). Then studied (organisations of a host sector said with 中有, rooms tidied are no weak
#: organisations, the units a first was among are no centres): core precision 0.989, recall 0.917.
#: A twenty-third blind part (``blind23``: 7 documents, 116 indicator rows, 98 with a core id: a street and
#: two communities of 山东, 安徽, 河南; four national reports), measured blind with the rules after the
#: twenty-second part was studied: values recall 1.000, precision 0.991; core precision 0.914, recall 0.867;
#: kind 0.983, other 0.961 (kinds 1.000 with the rules before the cross-part reading: a year after 到 had made
#: two achieved shares targets). Then studied (a number followed by 建立了 reports what was done; a sentence
#: opening with 其中 takes the group of the total before, not its last trait; grid staff chosen are grids):
#: core precision 0.938, recall 0.918, kinds 1.000.
#: A twenty-fourth blind part (``blind24``: 8 documents, 109 indicator rows, 40 with a core id: prefecture-level
#: cities of 湖北, 广西, 陕西, 广东; villages of 内蒙古, 吉林, 甘肃, 广西), measured blind with the rules after the
#: twenty-third part was studied: values recall 1.000, precision 0.991; core precision 0.972, recall 0.875;
#: kind 0.972 (kinds 1.000 with the rules before the cross-part reading: the 到 of 提高到2020年 had been read as
#: a plan year). Then studied (the 到 of a change or a span is no plan year, 惠及人口, 村级阵地, rules about
#: venues are no venues): core precision 0.974, recall 0.925, kinds 1.000.
#: A twenty-fifth blind part (``blind25``: 8 documents, 66 indicator rows, 34 with a core id: counties of 山东,
#: 安徽, 海南, 浙江; committees of two universities, a college and a hospital), measured blind with the rules
#: after the twenty-fourth part was studied: values recall 1.000, precision 0.957; core precision 0.871,
#: recall 0.794; kind 0.970, other 0.667 (the same with the rules before the cross-part reading; core
#: precision 0.862, recall 0.735 with those before the twelfth). Then studied (离休/退休党员 by occupation, the
#: departments a committee serves are no organisations): core precision 0.903, recall 0.824.
#: A twenty-sixth blind part (``blind26``: 7 documents, 60 indicator rows, 37 with a core id: speeches and a news
#: item of districts; plans with targets of a prefecture and two counties; a signed article), measured blind
#: with the rules after the twenty-fifth part was studied: values recall 0.967, precision 0.921; core precision
#: 0.909, recall 0.541; kind 0.850, other 0.400. Then studied (力求 plans; a year written with spaces, 到 2019 年,
#: plans; a heading of targets makes the numbers under it targets; 8个以上…的村 counts the villages at least,
#: not a group's bound; strong and 欠发达 villages are villages by income): core precision 0.967, recall 0.784;
#: kind 0.983, other 0.933. Core recall 0.811 → 0.784 after the forty-sixth part was studied: its labels count a
#: province's internet firms reached by party building (5000家互联网企业) as new-sector organisations, the forty-sixth
#: part's labels count a city's internet firms as none (the base of a coverage count), as the rules do.
#: A twenty-seventh blind part (``blind27``: 7 documents, 47 indicator rows, 37 with a core id: a city gazetteer's
#: organisation work, reports on village venues and recruits; communities, non-public firms and couriers),
#: measured blind with the rules after the twenty-sixth part was studied: values recall 1.000, precision 0.979;
#: core precision 0.750, recall 0.730; kind 1.000 (the same with three earlier sets of rules). Then studied
#: (a quoted name of up to six characters stays in its phrase, problems reported are problems found, party
#: groups of 楼院 are grids): core precision 0.789, recall 0.811.
#: A twenty-eighth blind part (``blind28``: 8 documents, 67 indicator rows, 36 with a core id: plans and notices
#: of two unnamed counties, 浙江 and 云南; reviews of townships, a village and a street), measured blind with the
#: rules after the twenty-seventh part was studied: values recall 0.985, precision 0.943; core precision 0.950,
#: recall 0.528; kind 0.985, other 0.923. Then studied (an act of building alone takes what the clause before
#: built: 新建6个党群服务中心，整修23个; 高中学历以上 is education): core precision 0.957, recall 0.611.
#: A twenty-ninth blind part (``blind29``: 8 documents, 99 indicator rows, 74 with a core id: a county's village
#: elections, non-public firms, a university and a supply company of 江苏 and 陕西; a province's party statistics,
#: a street and two communities), measured blind with the rules after the twenty-eighth part was studied: values
#: recall 1.000, precision 1.000; core precision 0.910, recall 0.824; kind 1.000, other 1.000 (the same with the
#: rules before the twenty-sixth part was studied). Then studied (teams that guide elections and the elections of
#: firms are no party elections; 标杆院系 are models; 第一议题 is study; the audience of a service; joint-building
#: activities): core precision 0.956, recall 0.878.
#: A thirtieth blind part (``blind30``: 8 documents, 79 indicator rows, 40 with a core id: village first
#: secretaries, two townships; a hospital, schools, a city's organs, couriers), measured blind with the rules after
#: the twenty-ninth part was studied: values recall 1.000, precision 0.975; core precision 0.724, recall 0.525;
#: kind 1.000, other 1.000 (the same with the rules before it was studied). Then studied (an act or a rate alone
#: after problems or pledges counted takes them; pledges kept, not made, are matters done; services and free
#: clinics given to the public; members 在外务工; transfers are funds; what a project brings the collective is its
#: income; 基层阵地; the places a team goes to are no volunteers; 分别达到了 and a measure shared by numbers joined
#: by 和): core precision 0.857, recall 0.900.
#: A thirty-first blind part (``blind31``: 8 documents, 83 indicator rows, 40 with a core id: 红色物业, chambers of
#: commerce, party-led cooperatives; organisation work of counties and a prefecture), measured blind with the rules
#: after the thirtieth part was studied: values recall 0.988, precision 1.000; core precision 0.667, recall 0.400;
#: kind 1.000, other 1.000 (core precision 0.615 with the rules before the twenty-ninth part was studied). Then
#: studied (the villages' operating income and its increase; a cooperative's name before the villages' collective
#: income; firms of a service trade found organisations; the share of those due; 担任…第一书记; 村支部书记;
#: 由换届前; registered capital is no funds; a phrase ends at a conjunction before another number): core
#: precision 0.935, recall 0.725; then a report's topic (its title and lead: 物业服务企业党建) framed the firms
#: with members it counts (taxonomy key ``require_topic``): core precision 0.969, recall 0.775.
#: A thirty-second blind part (``blind32``: 8 documents, 52 indicator rows, 42 with a core id: news of secretaries'
#: accountability meetings; members' training, floating members, care for old members, a city's party dues),
#: measured blind with the rules after the thirty-first part was studied: values recall 0.981, precision 1.000;
#: core precision 0.696, recall 0.381; kind 0.961, other 0.000 (two targets read as amounts; the same with the rules
#: before the twenty-ninth part was studied). Then studied (a report on party dues frames the sums it spends; the
#: money of care for members is funds, the members it reaches are cared for; organisations founded for floating
#: members; 可增加 plans; 对象 is one word; 争资): core precision 0.906, recall 0.690, kind 0.980.
#: A thirty-third blind part (``blind33``: 8 documents, 117 indicator rows, 33 with a core id: villages; committee
#: elections, first secretaries), measured blind with the rules after the thirty-second part was studied: values
#: recall 0.940, precision 0.982; core precision 0.750, recall 0.273; kind 0.955, other 0.867 (core precision
#: 0.667, recall 0.242 with the rules before the twenty-ninth part was studied). Then studied (the traits after a
#: part of a group named by role and described are that part's; 选举成功率; units 口人, 华里, KW): values recall 0.966,
#: precision 0.991; core precision 0.824, recall 0.424.
#: Then an organ named alone is what its number is of (拨给市纪委140万元、市委组织部200万元, not the agent of a verb),
#: and 拨给 is shared by the items after it: the thirty-second part's core precision 0.914, recall 0.762. Then a
#: sentence opening with 确保, 力争 or 力求 plans its items across ；: the thirty-third part's kinds 0.991, other 1.000.
#: A thirty-fourth blind part (``blind34``: 8 documents, 75 indicator rows, 39 with a core id: urban grids and
#: red property; rural revitalisation), measured blind with the rules after the thirty-third part was studied:
#: values recall 1.000, precision 0.915; core precision 0.906, recall 0.744; kind 1.000, other 1.000 (the same with
#: the rules before the twenty-ninth part was studied). Then studied (a duration before 内 is a deadline; 嘎查 are
#: villages in income bands; a band of income, the collective unsaid; cooperatives 领办 are party projects):
#: values precision 0.962; core precision 0.914, recall 0.821.
#: A thirty-fifth blind part (``blind35``: 8 documents, 63 indicator rows, 28 with a core id: village work teams,
#: collective economy, a gacha; state-owned enterprises), measured blind with the rules after the thirty-fourth
#: part was studied: values recall 1.000, precision 0.984; core precision 0.773, recall 0.607; kind 1.000, other
#: 1.000 (the same with the rules before the twenty-ninth part was studied). Then studied (新设 founds and is shared
#: by the items after it; teams 驻扎在 villages; a sum 争取 is funds): core precision 0.889, recall 0.857.
#: A thirty-sixth blind part (``blind36``: 7 documents, 72 indicator rows, 57 with a core id: recruitment, a
#: province's statistics, militiamen applying; weak organisations, village elections), measured blind with the
#: rules after the thirty-fifth part was studied: values recall 0.986, precision 1.000; core precision 0.906,
#: recall 0.842; kind 1.000, other 1.000 (core precision 0.923 with the rules before the twenty-ninth part was
#: studied: 结对帮扶活动 had become joint building). Then studied (pairing to help is no joint-building activity;
#: matters done for paired villages are matters done; the townships a search went to are not weak): core
#: precision 0.961, recall 0.860.
#: A thirty-seventh blind part (``blind37``: 8 documents, 63 indicator rows, 34 with a core id: townships and
#: counties; social organisations, chambers of commerce, an office building), measured blind with the rules after
#: the thirty-sixth part was studied: values recall 0.968, precision 0.938; core precision 0.667, recall 0.529; kind
#: 0.984, other 1.000 (core precision 0.654, recall 0.500 with the rules before the twenty-ninth part was studied).
#: Then studied (the items of a 其中 list said by how they were set up, 单独组建/联合建, are organisations; a total
#: of its own ends the list; members counted after the social organisations of a report on them are theirs;
#: cases opened on leads are no problems found): core precision 0.714, recall 0.588.
#: A thirty-eighth blind part (``blind38``: 8 documents, 110 indicator rows, 37 with a core id: retired cadres,
#: organs; training, schools, a hospital), measured blind with the rules after the thirty-seventh part was studied
#: and investment read as funds: values recall 0.918, precision 0.971; core precision 0.815, recall 0.595; kind
#: 0.971, other 0.842 (the same with the rules before the twenty-ninth part was studied). Then studied (a yearbook's
#: table drawn with box-drawing characters: its rows kept in cleaning, a header on two lines, rows labelled by year;
#: branches rated by stars in digits, 先锋 branches, model units selected, lessons on site, classes online; 下一步
#: plans; members counted after branches of a working status, 在职党支部8个，党员325名): values recall 0.991,
#: precision 0.973; core precision 0.909, recall 0.811; kind 1.000, other 1.000.
#: A thirty-ninth blind part (``blind39``: 8 documents, 89 indicator rows, 33 with a core id: congress delegates,
#: commendations; members reporting to communities, volunteers), measured blind with the rules after the
#: thirty-eighth part was studied: values recall 0.966, precision 0.989; core precision 0.739, recall 0.515; kind
#: 0.920, other 0.864 (the same with the rules before the twenty-ninth part was studied). Then studied (将/准备表彰
#: plans, 拟表彰对象 are nominees named; opinions taken in are problems found; volunteer stations are service
#: centres; 服务总时长): core precision 0.840, recall 0.636; kind 1.000, other 1.000.
#: A fortieth blind part (``blind40``: 8 documents, 49 indicator rows, 17 with a core id: points and posts of
#: rural members; the police, a court, a tax bureau, a bank), measured blind with the rules after the thirty-ninth
#: part was studied: values recall 1.000, precision 0.980; core precision 0.714, recall 0.588; kind 1.000, other
#: 1.000 (the same with the rules before the twenty-ninth part was studied). Then studied (branches brought to the
#: standard; central-household heads are no cadres; lecturers are no audience; posts and points items are neither
#: floating members nor volunteers): core precision 1.000, recall 0.647.
#: A forty-first blind part (``blind41``: 8 documents, 64 indicator rows, 24 with a core id: secretaries' projects
#: and assessments; the border and minority regions), measured blind with the rules after the fortieth part was
#: studied: values recall 0.984, precision 0.926; core precision 0.850, recall 0.708; kind 1.000, other 1.000 (values
#: precision 0.913 with the rules before the twenty-ninth part was studied). Then studied (spans of minutes, months,
#: quarters and weeks are no quantity; joint-household units are grids; skills training of the public and what
#: stationed teams carry out are neither training nor stationed cadres): values precision 0.955; core precision
#: 0.840, recall 0.875.
#: A forty-second blind part (``blind42``: 8 documents, 99 indicator rows, 60 with a core id: the party-history
#: study of 2021; the education campaigns of 2014 to 2023), measured blind with the rules after the forty-first part
#: was studied: values recall 0.980, precision 0.970; core precision 0.763, recall 0.483; kind 1.000, other 1.000
#: (core precision 0.743, recall 0.433 with the rules before the twenty-ninth part was studied). Then studied
#: (opinions asked for and settled, reports of the public and their rate of settlement are problems; livelihood
#: projects are matters done; lessons of a campaign; 办结对 is no pairing): core precision 0.891, recall 0.683.
#: A forty-third blind part (``blind43``: 8 documents, 90 indicator rows, 65 with a core id: community workers and
#: street offices; village cadres' pay and the running funds of village organisations), measured blind with the rules
#: after the forty-second part was studied: values recall 0.922, precision 0.976; core precision 0.680, recall 0.262;
#: kind 0.819, other 0.724 (the same with the rules before the twenty-ninth part was studied), the lowest core recall
#: of any part. Then studied (原则上 and 不低于 set minimums; 将提供 plans; pay as a share of pay, allowances; the
#: posts and age of community workers): core precision 0.733, recall 0.338; kind 0.843, other 0.828.
#: A forty-fourth blind part (``blind44``: 8 documents, 35 indicator rows, 29 with a core id: care for old and needy
#: members; floating and unqualified members), measured blind with the rules after the forty-third part was studied:
#: values recall 1.000, precision 0.897; core precision 0.867, recall 0.448; kind 0.971, other 0.667 (core precision
#: 0.875, recall 0.483 with the rules before the twenty-ninth part was studied: a care foundation's registered capital
#: is no longer funds). Then studied (services to floating members and members by direction; members reached by care;
#: an allowance given; money put into a fund): core precision 0.909, recall 0.690.
#: A forty-fifth blind part (``blind45``: 8 documents, 41 indicator rows, 37 with a core id: civilisation-practice
#: stations and volunteers; branches' organisational life), measured blind with the rules after the forty-fourth part
#: was studied: values recall 0.976, precision 0.976; core precision 0.762, recall 0.432; kind 1.000, other 1.000 (core
#: precision 0.750, recall 0.405 with the rules before the twenty-ninth part was studied). Then studied (practice
#: centres, posts and stations are service centres; volunteers' events are no training; branches that held an
#: activity are no activity; a college's members): core precision 0.867, recall 0.703.
#: A forty-sixth blind part (``blind46``: 8 documents, 82 indicator rows, 51 with a core id: lawyers, couriers and
#: internet firms; public hospitals, a state-owned group and party dues), measured blind with the rules after the
#: forty-fifth part was studied: values recall 1.000, precision 0.976; core precision 0.595, recall 0.490; kind 0.988,
#: other 0.900 (core precision 0.400, recall 0.275 with the rules before the twenty-ninth part was studied), the lowest
#: core precision of any part. Then studied (the firms of the professions are new social organisations, counts of the
#: firms themselves none; the strongest branches are model organisations; a share said as 接近…总数的; a spending's
#: share in a report on dues; doctors sent to a free clinic are no cadres): core precision 0.953, recall 0.804.
#: A forty-seventh blind part (``blind47``: 7 documents, 111 indicator rows, 49 with a core id: the party statistics of
#: a county page and two county gazetteers; inspections of villages and their petty powers), measured blind with the
#: rules after the forty-sixth part was studied: values recall 0.793, precision 0.978 (a table laid out one cell a line,
#: each cell ending in a bar, is dropped in cleaning); core precision 0.857, recall 0.612; kind 0.988, other 1.000 (core
#: precision 0.882, recall 0.612 with the rules before the twenty-ninth part was studied). Then studied (a place named
#: alone after a place's count; 发展到 and 猛增到 end no subject; the organisations and households an inspection
#: visited): core precision 0.950, recall 0.776.
#: A forty-eighth blind part (``blind48``: 7 documents, 89 indicator rows, 58 with a core id: the year's work of a
#: street and two townships; plans with targets for the collective economy, rural talent and rural organisations),
#: measured blind with the rules after the forty-seventh part was studied: values recall 0.966, precision 0.956; core
#: precision 0.976, recall 0.707; kind 0.865, other 0.500 (core precision 0.974, recall 0.655 with the rules before the
#: twenty-ninth part was studied). Then studied (通过2年的努力 and 利用3年时间 open a plan; 500、3000、1万个 keep their
#: own values and share the noun after the last; 90%以上基础上 is no group's bound; a fund set up; problems closed one
#: by one; a change of a longer measure, 增加村级集体经济收入330万元): values recall 0.989, precision 0.978; core
#: precision 0.979, recall 0.793; kind 0.955, other 0.833.
#: A forty-ninth blind part (``blind49``: 5 documents, 43 indicator rows, 7 with a core id: a yearbook's cadre
#: adjustments; speeches at organisation work meetings), measured blind with the rules after the forty-eighth part was
#: studied: values recall 1.000, precision 1.000; core precision 0.500, recall 0.429; kind 0.977, other 1.000 (values
#: precision 0.977 with the rules before the twenty-ninth part was studied). Then studied (a stock of civil servants is
#: no cadres selected; members set to study are participants; 计划局 plans nothing): core precision 0.800, recall
#: 0.571; kind 1.000.
#: A fiftieth blind part (``blind50``: 8 documents, 114 indicator rows, 9 with a core id: remote education and
#: party-building platforms online; the reduction of the grassroots' burdens), measured blind with the rules after the
#: forty-ninth part was studied: values recall 0.930, precision 1.000; core precision 0.286, recall 0.222; kind 0.934,
#: other 0.909 (values precision 0.991 with the rules before the twenty-ninth part was studied). Then studied (a quoted
#: remark with a sentence end is speech, not a name; 入驻 is no stationing; remote-education terminals and a courier
#: centre are no service centres, plaques no organisations, the study rate of sites no participants; study online and
#: 接受了培训 are training; 查处 and 纠治 find problems; 减幅 is a change; 计划事项 and 计划外 plan nothing): values recall
#: 0.947; core precision 1.000, recall 0.667; kind 0.972, other 0.955.
#: A fifty-first blind part (``blind51``: 8 documents, 83 indicator rows, 29 with a core id: the recruitment of members;
#: the results of village and community elections), measured blind with the rules after the fiftieth part was studied:
#: values recall 0.988, precision 0.965; core precision 0.533, recall 0.552; kind 1.000, other 1.000 (values precision
#: 0.953 with the rules before the twenty-ninth part was studied). One label was then brought in line with the set (七成
#: read as 70 percent): values recall 1.000, precision 0.976 with the same predictions. Then studied (该县 opens no subject,
#: so 其中 lists the traits of the year's recruits; the venues and staff of a training, an election's turnout and petitions,
#: and a committee's members by age are no indicators): core precision 0.840, recall 0.724.
#: A fifty-second blind part (``blind52``: 7 documents, 76 indicator rows, 40 with a core id: the reserve of village
#: cadres and able villagers made members; party building in industrial parks), measured blind with the rules after the
#: fifty-first part was studied: values recall 0.974, precision 0.987; core precision 0.952, recall 0.500; kind 1.000,
#: other 1.000 (core precision 0.947, recall 0.450 with the rules before the twenty-ninth part was studied). Then studied
#: (people of a kind made members are recruits; the organisations a park's firms have built are the sector's; a
#: park's shared venues are service centres; what a venue serves each year is people served): core precision 0.962,
#: recall 0.625.
#: A fifty-third blind part (``blind53``: 8 documents, 32 indicator rows, 29 with a core id: party building among
#: veterans; the joint committees of streets and communities), measured blind with the rules after the fifty-second part
#: was studied: values recall 0.938, precision 1.000; core precision 0.706, recall 0.414; kind 0.933, other 0.000 (0 of
#: 2; the same with the rules before the twenty-ninth part was studied). Then studied (the streets and communities of a
#: joint committee, 大工委, 大党委, 大总支, and its member units are joint building; 兵支书 are village secretaries; the
#: organisations of service centres are no centres): core precision 0.765, recall 0.448.
#: A fifty-fourth blind part (``blind54``: 8 documents, 68 indicator rows, 66 with a core id: party dues; the pay of
#: village cadres and the funds of village organisations), measured blind with the rules after the fifty-third part was
#: studied: values recall 0.971, precision 0.943; core precision 0.943, recall 0.500; kind 1.000, other 1.000 (core
#: precision 0.935, recall 0.439 with the rules before the twenty-ninth part was studied). Then studied (each post's or
#: band's pay listed after the standard it sets is the cadres' pay; the members who paid dues are the dues'; a sum a
#: level sets aside or the treasury gives is funds; an hour told roughly is a duration): core precision 0.963, recall
#: 0.788.
#: A fifty-fifth blind part (``blind55``: 8 documents, 60 indicator rows, 32 with a core id: party building in
#: state-owned firms; red property and grid branches), measured blind with the rules after the fifty-fourth part was
#: studied: values recall 1.000, precision 0.984; core precision 0.667, recall 0.438; kind 0.983, other 1.000 (the same
#: with the rules before the twenty-ninth part was studied). Then studied (a note breaking a number down by place
#: counts the same thing in each place; a firm's secretary who chairs its board is no village secretary; a firm's
#: party organisation's elections are the organisation's; organisations that pair up are no type count; a grid's
#: service site is a service centre; the age of one old person a story names is no quantity): core precision 0.864,
#: recall 0.594.
#: A fifty-sixth blind part (``blind56``: 8 documents, 36 indicator rows, 23 with a core id: party building in public
#: hospitals; the winter and spring training of rural members), measured blind with the rules after the fifty-fifth part
#: was studied: values recall 0.972, precision 0.972; core precision 1.000, recall 0.565; kind 0.972, other 0.000 (0 of
#: 1; core precision 0.923, recall 0.522 with the rules before the twenty-ninth part was studied). Then studied (winter
#: and spring training are training; the brands of branches are party projects; 党的组织全覆盖 is coverage; 开展培训 is an
#: act with its object, not a verb alone): core precision 1.000, recall 0.826.
#: A fifty-seventh blind part (``blind57``: 8 documents, 76 indicator rows, 34 with a core id: cooperatives run by village
#: branches; the organs' party building), measured blind with the rules after the fifty-sixth part was studied: values
#: recall 1.000, precision 0.962; core precision 0.618, recall 0.618; kind 1.000, other 1.000 (core precision 0.586,
#: recall 0.500 with the rules before the twenty-ninth part was studied). Then studied (the villages whose branch runs a
#: cooperative are party projects, not organisations founded; 和 opens the next item of a list; the union's, the youth
#: league's and the women's honours are no model party organisations; the members who report to communities are no
#: occupation; the villagers' income is not the collective's; working hours and a page's 点击率 are no quantities): core
#: precision 0.833, recall 0.735.
#: A fifty-eighth blind part (``blind58``: 8 documents, 76 indicator rows, 18 with a core id: the supervision of village
#: affairs and assets; posts and duties for members without office), measured blind with the rules after the
#: fifty-seventh part was studied: values recall 1.000, precision 0.974; core precision 0.619, recall 0.722; kind 0.934,
#: other 0.700 (values precision 0.962, core precision 0.591, kind 0.921, other 0.600 with the rules before the
#: twenty-ninth part was studied). Then studied (a share of a plan is achieved; a share of an increase is a share; 审计
#: keeps its 计; a village's numbered group and how long something took are no quantities; money recovered is no funds;
#: the branches that did something are no type count): core precision 0.812, recall 0.722, kind 0.987, other 0.900.
#: A fifty-ninth blind part (``blind59``: 8 documents, 66 indicator rows, 36 with a core id: flood fighting and
#: earthquake relief; online study), measured blind with the rules after the fifty-eighth part was studied: values
#: recall 0.939, precision 1.000; core precision 0.741, recall 0.556; kind 1.000, other 1.000 (the same with the rules
#: before the twenty-ninth part was studied). Then studied (the last noun of a list may join two; teams that set up
#: party organisations are covered, not volunteers): core precision 0.821, recall 0.639.
#: A sixtieth blind part (``blind60``: 8 documents, 60 indicator rows, 34 with a core id: the medals for fifty years in
#: the party; young cadres and selected graduates), measured blind with the rules after the fifty-ninth part was
#: studied: values recall 0.950, precision 0.983; core precision 0.842, recall 0.471; kind 1.000, other 1.000 (values
#: precision 0.966 with the rules before the twenty-ninth part was studied). Then studied (the old members given the
#: medal are members cared for; cadres on secondment are cadres selected; 为期N天 is how long an event lasts): core
#: precision 0.955, recall 0.618.
#: A sixty-first blind part (``blind61``: 8 documents, 77 indicator rows, 26 with a core id: red education bases; the
#: theme education of 2023), measured blind with the rules after the sixtieth part was studied: values recall 1.000,
#: precision 0.975; core precision 0.857, recall 0.692; kind 1.000, other 1.000 (core precision 0.882, recall 0.577 with
#: the rules before the twenty-ninth part was studied). Then studied (立行立改 is problems solved; a school's capacity
#: is no people trained; the sites of lessons are no lessons; 四套班子 and 两部分 are set phrases): core precision 1.000,
#: recall 0.731.
#: A sixty-second blind part (``blind62``: 8 documents, 107 indicator rows, 22 with a core id: the inspections of county
#: and city committees; the talent work of organisation departments), measured blind with the rules after the
#: sixty-first part was studied: values recall 0.953, precision 0.990; core precision 0.652, recall 0.682; kind 1.000,
#: other 1.000 (core precision 0.609, recall 0.636 with the rules before the twenty-ninth part was studied). Then studied
#: (leads of cases are no problems; a township's secretaries are no village's; 许可证 before a count is no page
#: furniture): core precision 0.833, recall 0.682.
#: A sixty-third blind part (``blind63``: 8 documents, 45 indicator rows, 15 with a core id: the reform of street offices;
#: consultation led by party organisations), measured blind with the rules after the sixty-second part was studied:
#: values recall 1.000, precision 1.000; core precision 0.727, recall 0.533; kind 0.956, other 0.500 (core precision
#: 0.700, recall 0.467 with the rules before the twenty-ninth part was studied). Then studied (the topics a meeting takes
#: up and settles are problems; members sent to serve are no occupation): core precision 0.846, recall 0.733.
#: A sixty-fourth blind part (``blind64``: 8 documents, 51 indicator rows, 5 with a core id: the reform of customs; the
#: style of cadres), measured blind with the rules after the sixty-third part was studied: values recall 0.980,
#: precision 1.000; core precision 0.667, recall 0.400; kind 0.918, other 0.600 (values precision 0.980, core precision
#: 1.000 with the rules before the twenty-ninth part was studied). Then studied (problems dealt with are problems; a box
#: for opinions is no opinion): core precision 0.750, recall 0.600.
#: A sixty-fifth blind part (``blind65``: 8 documents, 75 indicator rows, 37 with a core id: members who lead villagers to
#: prosperity; the stationed teams of 西藏 and 新疆), measured blind with the rules after the sixty-fourth part was
#: studied: values recall 1.000, precision 0.949; core precision 0.815, recall 0.595; kind 0.960, other 0.909 (values
#: recall 0.987, precision 0.925 with the rules before the twenty-ninth part was studied). Then studied (the small forms
#: of Chinese punctuation are cleaned to the ordinary marks; jobs found are no problems solved): core precision 0.846,
#: recall 0.595.
#: A sixty-sixth blind part (``blind66``: 8 documents, 56 indicator rows, 23 with a core id: selling produce online;
#: services for the old and the young), measured blind with the rules after the sixty-fifth part was studied: values
#: recall 1.000, precision 1.000; core precision 0.867, recall 0.565; kind 0.964, other 0.750 (values precision 0.982,
#: kind 0.946, other 0.625 with the rules before the twenty-ninth part was studied). Then studied (the old, the young and
#: the diners a service reaches are people served; a party-building service point is a service centre; a union's
#: station is none; cadres sent down to serve are cadres selected; 惠及 keeps its 及): core precision 0.950, recall 0.826.
#: A sixty-seventh blind part (``blind67``: 8 documents, 41 indicator rows, 18 with a core id: rural finance; the
#: assessment of village cadres), measured blind with the rules after the sixty-sixth part was studied: values recall
#: 1.000, precision 0.953; core precision 0.909, recall 0.556; kind 0.951, other 0.778 (values precision 0.932, core
#: precision 0.833, recall 0.278 with the rules before the twenty-ninth part was studied). Then studied (the other
#: cadres' sum after the first's is pay; bank staff sent to villages as officials are cadres selected): core precision
#: 0.929, recall 0.722.
#: A sixty-eighth blind part (``blind68``: 8 documents, 51 indicator rows, 35 with a core id: project branches; markets
#: and shopkeepers), measured blind with the rules after the sixty-seventh part was studied: values recall 1.000,
#: precision 0.944; core precision 0.643, recall 0.514; kind 0.980, other 1.000 (core precision 0.630, recall 0.486 with
#: the rules before the twenty-ninth part was studied). Then studied (organisations 分设 are founded; the members who run
#: small businesses are the new sector's, no occupation): core precision 0.714, recall 0.571.
#: A sixty-ninth blind part (``blind69``: 8 documents, 58 indicator rows, 33 with a core id: the care for cadres;
#: epidemic control), measured blind with the rules after the sixty-eighth part was studied: values recall 1.000,
#: precision 0.967; core precision 0.885, recall 0.697; kind 0.966, other 0.500 (core precision 0.880, recall 0.667
#: with the rules before the twenty-ninth part was studied). Then studied (cadres sent down or chosen for a posting said
#: after the number are cadres selected; 两面不讨好 and 四种形态 are set phrases): core precision 0.889, recall 0.727.
#: The seventieth to seventy-third blind parts (``blind70`` … ``blind73``: 32 documents, 260 indicator rows, 89 with a core
#: id: rural tourism; the village environment; social-work stations; party-education films; the settlement of
#: disputes; points supermarkets; private schools; the youth league and the women's federation), each measured blind
#: with the rules after the sixty-ninth part was studied: values recall 1.000, 0.909, 0.977, 1.000 and precision 1.000,
#: 1.000, 0.933, 0.990; core precision 0.765, 0.786, 1.000, 0.273 and recall 0.650, 0.393, 0.727, 0.316. Then studied
#: together (the youth league's organisations and cadres are no party indicators; firms that sell training are no
#: training): core precision 0.812, 0.786, 1.000, 0.429.
#: Regression guards, not targets (see the README).
TARGETS = {"recall": 0.98, "precision": 0.98, "core_precision": 0.95, "core_recall": 0.90, "kind": 0.95, "kind_other": 0.90}
THRESHOLDS = {
    "seeds": TARGETS,
    "seen": {**TARGETS, "core_precision": 0.97, "core_recall": 0.97, "kind": 0.98, "kind_other": 0.97},
    "unseen": {**TARGETS, "recall": 0.97, "precision": 0.97, "core_precision": 0.98, "core_recall": 0.98, "kind": 0.98, "kind_other": 0.97},
    "heldout": {"recall": 0.96, "precision": 0.97, "core_precision": 0.99, "core_recall": 0.72, "kind": 0.97, "kind_other": 0.93},
    "blind2": {"recall": 0.98, "precision": 0.98, "core_precision": 0.97, "core_recall": 0.93, "kind": 0.99, "kind_other": 0.99},
    "blind3": {"recall": 0.98, "precision": 0.96, "core_precision": 0.96, "core_recall": 0.94, "kind": 0.98, "kind_other": 0.99},
    "blind4": {"recall": 0.98, "precision": 0.97, "core_precision": 0.99, "core_recall": 0.94, "kind": 0.99, "kind_other": 0.99},
    "blind5": {"recall": 0.98, "precision": 0.99, "core_precision": 0.98, "core_recall": 0.95, "kind": 0.99, "kind_other": 0.99},
    "blind6": {"recall": 0.99, "precision": 0.99, "core_precision": 0.99, "core_recall": 0.99, "kind": 0.99, "kind_other": 0.99},
    "blind7": {"recall": 0.98, "precision": 0.97, "core_precision": 0.99, "core_recall": 0.95, "kind": 0.97, "kind_other": 0.95},
    "blind8": {"recall": 0.98, "precision": 0.98, "core_precision": 0.99, "core_recall": 0.90, "kind": 0.99, "kind_other": 0.99},
    "blind9": {"recall": 0.96, "precision": 0.92, "core_precision": 0.91, "core_recall": 0.80, "kind": 0.99, "kind_other": 0.99},
    "blind10": {"recall": 0.97, "precision": 0.98, "core_precision": 0.94, "core_recall": 0.90, "kind": 0.99, "kind_other": 0.97},
    "blind11": {"recall": 0.98, "precision": 0.98, "core_precision": 0.97, "core_recall": 0.97, "kind": 0.98, "kind_other": 0.92},
    "blind12": {"recall": 0.98, "precision": 0.99, "core_precision": 0.89, "core_recall": 0.86, "kind": 0.99, "kind_other": 0.99},
    "blind13": {"recall": 0.99, "precision": 0.99, "core_precision": 0.96, "core_recall": 0.80, "kind": 0.98, "kind_other": 0.88},
    "blind14": {"recall": 0.97, "precision": 0.97, "core_precision": 0.95, "core_recall": 0.69, "kind": 0.99, "kind_other": 0.94},
    "blind15": {"recall": 0.98, "precision": 0.98, "core_precision": 0.91, "core_recall": 0.86, "kind": 0.99, "kind_other": 0.99},
    "blind16": {"recall": 0.98, "precision": 0.96, "core_precision": 0.88, "core_recall": 0.73, "kind": 0.99, "kind_other": 0.99},
    "blind17": {"recall": 0.99, "precision": 0.98, "core_precision": 0.96, "core_recall": 0.91, "kind": 0.99, "kind_other": 0.99},
    "blind18": {"recall": 0.98, "precision": 0.99, "core_precision": 0.89, "core_recall": 0.78, "kind": 0.99, "kind_other": 0.99},
    "blind19": {"recall": 0.96, "precision": 0.96, "core_precision": 0.94, "core_recall": 0.75, "kind": 0.97, "kind_other": 0.92},
    "blind20": {"recall": 0.97, "precision": 0.98, "core_precision": 0.95, "core_recall": 0.80, "kind": 0.98, "kind_other": 0.88},
    "blind21": {"recall": 0.98, "precision": 0.99, "core_precision": 0.85, "core_recall": 0.72, "kind": 0.95, "kind_other": 0.75},
    "blind22": {"recall": 0.99, "precision": 0.98, "core_precision": 0.98, "core_recall": 0.92, "kind": 0.99, "kind_other": 0.96},
    "blind23": {"recall": 0.99, "precision": 0.99, "core_precision": 0.95, "core_recall": 0.92, "kind": 0.99, "kind_other": 0.99},
    "blind24": {"recall": 0.99, "precision": 0.99, "core_precision": 0.97, "core_recall": 0.92, "kind": 0.99, "kind_other": 0.99},
    "blind25": {"recall": 0.99, "precision": 0.98, "core_precision": 0.90, "core_recall": 0.82, "kind": 0.97, "kind_other": 0.66},
    "blind26": {"recall": 0.96, "precision": 0.93, "core_precision": 0.96, "core_recall": 0.78, "kind": 0.98, "kind_other": 0.93},
    "blind27": {"recall": 0.99, "precision": 0.97, "core_precision": 0.78, "core_recall": 0.80, "kind": 0.99, "kind_other": 0.99},
    "blind28": {"recall": 0.98, "precision": 0.94, "core_precision": 0.95, "core_recall": 0.63, "kind": 0.98, "kind_other": 0.92},
    "blind29": {"recall": 0.99, "precision": 0.99, "core_precision": 0.95, "core_recall": 0.87, "kind": 0.99, "kind_other": 0.99},
    "blind30": {"recall": 0.99, "precision": 0.98, "core_precision": 0.85, "core_recall": 0.89, "kind": 0.99, "kind_other": 0.99},
    "blind31": {"recall": 0.98, "precision": 0.99, "core_precision": 0.96, "core_recall": 0.77, "kind": 0.99, "kind_other": 0.99},
    "blind32": {"recall": 0.98, "precision": 0.99, "core_precision": 0.91, "core_recall": 0.76, "kind": 0.98, "kind_other": 0.50},
    "blind33": {"recall": 0.96, "precision": 0.99, "core_precision": 0.85, "core_recall": 0.54, "kind": 0.99, "kind_other": 0.99},
    "blind34": {"recall": 0.99, "precision": 0.96, "core_precision": 0.91, "core_recall": 0.82, "kind": 0.99, "kind_other": 0.99},
    "blind35": {"recall": 0.99, "precision": 0.98, "core_precision": 0.88, "core_recall": 0.85, "kind": 0.99, "kind_other": 0.99},
    "blind36": {"recall": 0.98, "precision": 0.99, "core_precision": 0.96, "core_recall": 0.86, "kind": 0.99, "kind_other": 0.99},
    "blind37": {"recall": 0.96, "precision": 0.93, "core_precision": 0.71, "core_recall": 0.58, "kind": 0.98, "kind_other": 0.99},
    "blind38": {"recall": 0.99, "precision": 0.98, "core_precision": 0.90, "core_recall": 0.81, "kind": 0.99, "kind_other": 0.99},
    "blind39": {"recall": 0.96, "precision": 0.98, "core_precision": 0.84, "core_recall": 0.63, "kind": 0.99, "kind_other": 0.99},
    "blind40": {"recall": 0.99, "precision": 0.97, "core_precision": 0.99, "core_recall": 0.64, "kind": 0.99, "kind_other": 0.99},
    "blind41": {"recall": 0.98, "precision": 0.95, "core_precision": 0.83, "core_recall": 0.87, "kind": 0.99, "kind_other": 0.99},
    "blind42": {"recall": 0.98, "precision": 0.97, "core_precision": 0.89, "core_recall": 0.68, "kind": 0.99, "kind_other": 0.99},
    "blind43": {"recall": 0.92, "precision": 0.97, "core_precision": 0.73, "core_recall": 0.33, "kind": 0.84, "kind_other": 0.82},
    "blind44": {"recall": 0.99, "precision": 0.89, "core_precision": 0.90, "core_recall": 0.75, "kind": 0.97, "kind_other": 0.66},
    "blind45": {"recall": 0.97, "precision": 0.97, "core_precision": 0.86, "core_recall": 0.70, "kind": 0.99, "kind_other": 0.99},
    "blind46": {"recall": 0.99, "precision": 0.97, "core_precision": 0.95, "core_recall": 0.80, "kind": 0.98, "kind_other": 0.89},
    "blind47": {"recall": 0.79, "precision": 0.97, "core_precision": 0.94, "core_recall": 0.77, "kind": 0.98, "kind_other": 0.99},
    "blind48": {"recall": 0.98, "precision": 0.97, "core_precision": 0.97, "core_recall": 0.79, "kind": 0.95, "kind_other": 0.83},
    "blind49": {"recall": 0.99, "precision": 0.99, "core_precision": 0.79, "core_recall": 0.57, "kind": 0.99, "kind_other": 0.99},
    "blind50": {"recall": 0.94, "precision": 0.99, "core_precision": 0.99, "core_recall": 0.66, "kind": 0.97, "kind_other": 0.95},
    "blind51": {"recall": 0.99, "precision": 0.97, "core_precision": 0.83, "core_recall": 0.72, "kind": 0.99, "kind_other": 0.99},
    "blind52": {"recall": 0.97, "precision": 0.98, "core_precision": 0.96, "core_recall": 0.62, "kind": 0.99, "kind_other": 0.99},
    "blind53": {"recall": 0.93, "precision": 0.99, "core_precision": 0.76, "core_recall": 0.44, "kind": 0.93, "kind_other": 0.0},
    "blind54": {"recall": 0.97, "precision": 0.95, "core_precision": 0.96, "core_recall": 0.78, "kind": 0.99, "kind_other": 0.99},
    "blind55": {"recall": 0.99, "precision": 0.99, "core_precision": 0.86, "core_recall": 0.59, "kind": 0.98, "kind_other": 0.99},
    "blind56": {"recall": 0.97, "precision": 0.97, "core_precision": 0.99, "core_recall": 0.82, "kind": 0.97, "kind_other": 0.0},
    "blind57": {"recall": 0.99, "precision": 0.99, "core_precision": 0.83, "core_recall": 0.73, "kind": 0.99, "kind_other": 0.99},
    "blind58": {"recall": 0.99, "precision": 0.99, "core_precision": 0.81, "core_recall": 0.72, "kind": 0.98, "kind_other": 0.89},
    "blind59": {"recall": 0.93, "precision": 0.99, "core_precision": 0.82, "core_recall": 0.63, "kind": 0.99, "kind_other": 0.99},
    "blind60": {"recall": 0.94, "precision": 0.99, "core_precision": 0.95, "core_recall": 0.61, "kind": 0.99, "kind_other": 0.99},
    "blind61": {"recall": 0.99, "precision": 0.99, "core_precision": 0.99, "core_recall": 0.73, "kind": 0.99, "kind_other": 0.0},
    "blind62": {"recall": 0.96, "precision": 0.98, "core_precision": 0.83, "core_recall": 0.68, "kind": 0.99, "kind_other": 0.99},
    "blind63": {"recall": 0.99, "precision": 0.99, "core_precision": 0.84, "core_recall": 0.73, "kind": 0.95, "kind_other": 0.5},
    "blind64": {"recall": 0.97, "precision": 0.99, "core_precision": 0.75, "core_recall": 0.6, "kind": 0.91, "kind_other": 0.6},
    "blind65": {"recall": 0.99, "precision": 0.94, "core_precision": 0.84, "core_recall": 0.59, "kind": 0.96, "kind_other": 0.9},
    "blind66": {"recall": 0.99, "precision": 0.99, "core_precision": 0.94, "core_recall": 0.82, "kind": 0.96, "kind_other": 0.75},
    "blind67": {"recall": 0.99, "precision": 0.95, "core_precision": 0.92, "core_recall": 0.72, "kind": 0.95, "kind_other": 0.77},
    "blind68": {"recall": 0.99, "precision": 0.94, "core_precision": 0.71, "core_recall": 0.57, "kind": 0.98, "kind_other": 0.99},
    "blind69": {"recall": 0.99, "precision": 0.98, "core_precision": 0.88, "core_recall": 0.72, "kind": 0.96, "kind_other": 0.5},
    "blind70": {"recall": 0.99, "precision": 0.99, "core_precision": 0.81, "core_recall": 0.65, "kind": 0.9, "kind_other": 0.33},
    "blind71": {"recall": 0.9, "precision": 0.99, "core_precision": 0.78, "core_recall": 0.39, "kind": 0.99, "kind_other": 0.99},
    "blind72": {"recall": 0.97, "precision": 0.93, "core_precision": 0.99, "core_recall": 0.72, "kind": 0.99, "kind_other": 0.99},
    "blind73": {"recall": 0.99, "precision": 0.98, "core_precision": 0.42, "core_recall": 0.31, "kind": 0.99, "kind_other": 0.99},
}


@pytest.mark.parametrize(
    "name",
    ["seeds", "seen", "unseen", "heldout", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13", "blind14", "blind15", "blind16", "blind17", "blind18", "blind19", "blind20", "blind21", "blind22", "blind23", "blind24", "blind25", "blind26", "blind27", "blind28", "blind29", "blind30", "blind31", "blind32", "blind33", "blind34", "blind35", "blind36", "blind37", "blind38", "blind39", "blind40", "blind41", "blind42", "blind43", "blind44", "blind45", "blind46", "blind47", "blind48", "blind49", "blind50", "blind51", "blind52", "blind53", "blind54", "blind55", "blind56", "blind57", "blind58", "blind59", "blind60", "blind61", "blind62", "blind63", "blind64", "blind65", "blind66", "blind67", "blind68", "blind69", "blind70", "blind71", "blind72", "blind73"],
    ids=["seeds", "devset_seen", "devset_unseen", "devset_heldout", "devset_blind2", "devset_blind3", "devset_blind4", "devset_blind5", "devset_blind6", "devset_blind7", "devset_blind8", "devset_blind9", "devset_blind10", "devset_blind11", "devset_blind12", "devset_blind13", "devset_blind14", "devset_blind15", "devset_blind16", "devset_blind17", "devset_blind18", "devset_blind19", "devset_blind20", "devset_blind21", "devset_blind22", "devset_blind23", "devset_blind24", "devset_blind25", "devset_blind26", "devset_blind27", "devset_blind28", "devset_blind29", "devset_blind30", "devset_blind31", "devset_blind32", "devset_blind33", "devset_blind34", "devset_blind35", "devset_blind36", "devset_blind37", "devset_blind38", "devset_blind39", "devset_blind40", "devset_blind41", "devset_blind42", "devset_blind43", "devset_blind44", "devset_blind45", "devset_blind46", "devset_blind47", "devset_blind48", "devset_blind49", "devset_blind50", "devset_blind51", "devset_blind52", "devset_blind53", "devset_blind54", "devset_blind55", "devset_blind56", "devset_blind57", "devset_blind58", "devset_blind59", "devset_blind60", "devset_blind61", "devset_blind62", "devset_blind63", "devset_blind64", "devset_blind65", "devset_blind66", "devset_blind67", "devset_blind68", "devset_blind69", "devset_blind70", "devset_blind71", "devset_blind72", "devset_blind73"],
)
def test_scores_of_the_hand_labelled_sets(name, tmp_path):
    if name != "seeds" and not (DEVSET / "metadata.csv").is_file():
        pytest.skip("no development set in tests/devset/")
    blind = name in _score_sets().BLIND
    try:
        figures = _score_sets().score_set(name, tmp_path, show=0 if blind else 20)
    except LookupError as error:
        pytest.skip(str(error))
    print(f"{name}: " + ", ".join(f"{key} {figures[key]:.3f}" for key in THRESHOLDS[name]))
    failed = {key: figures[key] for key, minimum in THRESHOLDS[name].items() if figures[key] < minimum}
    assert not failed, f"{name}: below the thresholds {THRESHOLDS[name]}: {failed}\n{figures['reports'] if not blind else ''}"


def _table(text: str):
    return extract(process_document(Document("case", Path("case.txt"), text, "utf-8")))


#: (passage, surface, a part of the subject, core id, kind). The passage is one document; the
#: surface is the first quantity written so (its clean text).
CASES: list[tuple[str, str, str, str, str]] = [
    ("截至2023年12月31日，全县共有党员21356名，比上年净增312名。", "21356名", "党员", "members_total", "amount"),
    ("截至2023年12月31日，全县共有党员21356名，比上年净增312名。", "312名", "党员", "members_total", "change"),
    ("全县共有党员21356名。其中，女党员5432名，占党员总数的25.4%。", "25.4%", "女党员", "members_female", "share"),
    ("少数民族党员1206名，占5.6%；大专及以上学历党员9875名，占46.2%。", "5.6%", "少数民族党员", "members_minority", "share"),
    ("少数民族党员1206名，占5.6%；大专及以上学历党员9875名，占46.2%。", "9875名", "大专及以上学历党员", "members_college", "amount"),
    ("35岁及以下党员3012名，占14.1%；61岁及以上党员6821名，占31.9%。", "3012名", "35岁", "members_young", "amount"),
    ("35岁及以下党员3012名，占14.1%；61岁及以上党员6821名，占31.9%。", "31.9%", "61岁", "members_old", "share"),
    ("全县共有基层党组织1136个，其中党委52个、党总支38个、党支部1046个。", "1136个", "党组织", "orgs_total", "amount"),
    ("全县共有基层党组织1136个，其中党委52个、党总支38个、党支部1046个。", "38个", "党总支", "orgs_by_type", "amount"),
    ("全年共发展党员418名，其中35岁及以下的326名，占78.0%；女性党员155名。", "418名", "发展党员", "members_recruited", "amount"),
    ("全年共发展党员418名，其中35岁及以下的326名，占78.0%；女性党员155名。", "326名", "35岁", "recruits_profile", "amount"),
    ("全年共发展党员418名，其中35岁及以下的326名，占78.0%；女性党员155名。", "78.0%", "35岁", "recruits_profile", "share"),
    ("全年共发展党员418名，其中35岁及以下的326名，占78.0%；女性党员155名。", "155名", "女性党员", "recruits_profile", "amount"),
    ("全县现有入党申请人2310名、入党积极分子1546名、发展对象402名。", "1546名", "积极分子", "applicants_activists", "amount"),
    ("全县现有入党申请人2310名、入党积极分子1546名、发展对象402名。", "402名", "发展对象", "applicants_activists", "amount"),
    ("全市1328个行政村、216个社区均已建立党组织，实现党的组织全覆盖。", "216个", "社区", "org_coverage", "amount"),
    ("全市非公有制企业党组织覆盖率达到87.6%，比上年提高2.3个百分点。", "87.6%", "覆盖率", "org_coverage", "share"),
    ("全市非公有制企业党组织覆盖率达到87.6%，比上年提高2.3个百分点。", "2.3个百分点", "覆盖率", "org_coverage", "change"),
    ("新建非公企业党组织86个，选派党建指导员215名。", "86个", "党组织", "orgs_founded", "amount"),
    ("新建非公企业党组织86个，选派党建指导员215名。", "215名", "党建指导员", "party_instructors", "amount"),
    ("排查整顿软弱涣散村党组织34个，已全部完成整顿转化。", "34个", "软弱涣散", "weak_orgs", "amount"),
    ("全县选派驻村第一书记189名、驻村工作队员512名。", "512名", "驻村", "first_secretaries", "amount"),
    ("举办村党组织书记示范培训班6期，培训村党组织书记420人次。", "6期", "培训班", "training_sessions", "amount"),
    ("举办村党组织书记示范培训班6期，培训村党组织书记420人次。", "420人次", "培训", "training_participants", "amount"),
    ("全县村党组织书记中，大专及以上学历的占42.5%，平均年龄47.3岁。", "42.5%", "村党组织书记", "village_secretaries", "share"),
    ("全县村党组织书记中，大专及以上学历的占42.5%，平均年龄47.3岁。", "47.3岁", "村党组织书记", "village_secretaries", "amount"),
    ("储备村级后备力量1024名，每村平均3.2名。", "1024名", "后备力量", "reserve_cadres", "amount"),
    ("全县村级集体经济总收入达到5860万元，村均收入24.6万元，同比增长12.5%。", "5860万元", "集体经济", "collective_income", "amount"),
    ("全县村级集体经济总收入达到5860万元，村均收入24.6万元，同比增长12.5%。", "24.6万元", "村均", "collective_income", "amount"),
    ("全县村级集体经济总收入达到5860万元，村均收入24.6万元，同比增长12.5%。", "12.5%", "村均", "collective_income", "change"),
    ("集体经济收入10万元以上的村达到186个，占比76.2%，全面消除集体经济“空壳村”。", "186个", "村", "villages_by_income", "amount"),
    ("集体经济收入10万元以上的村达到186个，占比76.2%，全面消除集体经济“空壳村”。", "76.2%", "村", "villages_by_income", "share"),
    ("投入党建工作经费1.2亿元，新建改建党群服务中心132个。", "1.2亿元", "经费", "funds", "amount"),
    ("投入党建工作经费1.2亿元，新建改建党群服务中心132个。", "132个", "党群服务中心", "service_centres", "amount"),
    ("全年收缴党费863.5万元。", "863.5万元", "党费", "party_dues", "amount"),
    ("全区划分网格2150个，配备专兼职网格员3260名。", "3260名", "网格员", "grids", "amount"),
    ("累计排查化解矛盾纠纷3268件，化解率达97.3%。", "3268件", "矛盾纠纷", "disputes", "amount"),
    ("累计排查化解矛盾纠纷3268件，化解率达97.3%。", "97.3%", "化解率", "disputes", "share"),
    ("开展“我为群众办实事”实践活动，为群众办实事1.2万件。", "1.2万件", "实事", "practical_matters", "amount"),
    ("全市注册党员志愿者8.6万名，开展志愿服务活动3200余场次。", "8.6万名", "志愿者", "volunteers", "amount"),
    ("组织开展主题党日活动1.5万场次。", "1.5万场次", "主题党日", "study_activities", "amount"),
    ("走访慰问困难党员和老党员3260名。", "3260名", "慰问", "members_cared_for", "amount"),
    ("全县共有流动党员2361名。", "2361名", "流动党员", "floating_members", "amount"),
    ("力争到2025年，村级集体经济收入全部达到10万元以上。", "10万元", "收入", "collective_income", "target"),
    ("计划发展党员200名。", "200名", "发展党员", "members_recruited", "target"),
    ("上半年新发展党员86名，比去年同期多12名。", "12名", "发展党员", "members_recruited", "change"),
    ("全市党员中，农民党员占38.2%，工人党员占8.6%。", "38.2%", "农民党员", "members_by_occupation", "share"),
    ("新发展党员中，农民占52.3%，学生占15.1%。", "15.1%", "学生", "recruits_profile", "share"),
    ("全县1280个党支部全部完成换届。", "1280个", "换届", "org_elections", "amount"),
    ("建成标准化规范化党支部856个，占党支部总数的72.4%。", "72.4%", "标准化", "model_orgs", "share"),
    ("全县村干部基本报酬每人每年不低于3.6万元。", "3.6万元", "报酬", "cadre_pay", "amount"),
    # written after the unseen part was studied (one or more per rule added then; none from a scored text)
    # the items of a list of counted units share the predicate after the last item; a unit that has
    # set up an organisation is coverage, not a founding
    ("全省1362个乡镇、2.4万个行政村、4320个社区已全部建立党组织。", "1362个", "乡镇", "org_coverage", "amount"),
    ("全省1362个乡镇、2.4万个行政村、4320个社区已全部建立党组织。", "4320个", "社区", "org_coverage", "amount"),
    ("全街道23个社区均成立了社区党委。", "23个", "社区", "org_coverage", "amount"),
    ("在458家规模以上民营企业中，建立党组织的有451家。", "451家", "建立党组织", "org_coverage", "amount"),
    # a share whose whole is long is still a share of what was just counted
    ("1260家民营企业建立了党组织，占具备单独建立党组织条件的规模以上民营企业总数的96.8%。", "96.8%", "民营企业", "org_coverage", "share"),
    # a topic opening a statement (从…看，在…部分，…上，) frames its items, in the next sentences too
    ("从党员的职业看，农牧渔民党员4.6万名，工人党员1.1万名，离退休人员3.2万名。", "3.2万名", "离退休", "members_by_occupation", "amount"),
    ("在党员职业方面，以农民为主。其余，专业技术人员1.2万名，机关工作人员0.6万名。", "0.6万名", "机关工作人员", "members_by_occupation", "amount"),
    ("从党员的职业看，工人704名。全年发展党员326名，其中女性120名。", "120名", "发展党员中女性", "recruits_profile", "amount"),
    ("党员的年龄。30岁及以下的1.5万名；61岁及以上的4.2万名。", "4.2万名", "61岁", "members_old", "amount"),
    # a causative verb counts the people it sets to act; what they do is the rest of the clause
    ("组织860名党员到纪念馆重温入党誓词。", "860名", "入党誓词", "training_participants", "amount"),
    ("组织全镇1200余名党员参加党史知识竞赛。", "1200余名", "知识竞赛", "training_participants", "amount"),
    # events of study and education, and the people they reach
    ("各村开展“我为家乡发展献一策”大讨论126场次。", "126场次", "大讨论", "study_activities", "amount"),
    ("宣讲团深入基层开展巡回报告36场。", "36场", "巡回报告", "study_activities", "amount"),
    ("将党史故事编成情景党课，在各社区循环展播48场，覆盖党员群众6000余人次。", "48场", "展播", "study_activities", "amount"),
    ("将党史故事编成情景党课，在各社区循环展播48场，覆盖党员群众6000余人次。", "6000余人次", "覆盖", "training_participants", "amount"),
    ("组织党员参观红色教育基地3200余人次。", "3200余人次", "参观", "training_participants", "amount"),
    ("开展主题教育活动560余场次。", "560余场次", "主题教育", "study_activities", "amount"),
    ("全年共开展集中学习96场次。", "96场次", "学习", "study_activities", "amount"),
    # a lone verb (with its result) acts on the object just counted; a rate named by its verb
    ("反馈问题286个，已整改到位271个。", "271个", "问题", "problems_found_solved", "amount"),
    ("累计受理群众诉求3.2万件，按期办结3.1万件。", "3.1万件", "诉求", "practical_matters", "amount"),
    ("全年调处矛盾纠纷1562起，调处成功率98.6%。", "98.6%", "调处成功率", "disputes", "share"),
    ("针对查摆出的问题，制定整改措施420条。", "420条", "整改措施", "problems_found_solved", "amount"),
    ("党员中工人、农民分别占8.2%和36.5%。", "36.5%", "党员中农民", "members_by_occupation", "share"),
    # per-unit words, years and comparisons are not what is measured
    ("将村干部基本报酬标准提高至每人每年3.6万元。", "3.6万元", "报酬", "cadre_pay", "amount"),
    ("全县村级集体经济总收入3860万元，村均16.5万元。", "16.5万元", "集体经济", "collective_income", "amount"),
    ("村集体经济收入由2019年的86万元增至2022年的235万元。", "235万元", "集体经济收入", "collective_income", "amount"),
    ("全县党员总数达到2.3万名。与上年相比，增加了560名。", "560名", "党员", "members_total", "change"),
    # a trait after a threshold is a trait of the group, not the next item of a list
    ("储备村级后备干部2300名，35岁以下的占68%。", "68%", "后备干部", "reserve_cadres", "share"),
    # a total is a stock a unit has, never the object of an act
    ("全年整顿软弱涣散村党组织41个。", "41个", "软弱涣散", "weak_orgs", "amount"),
    ("村党支部现有党员46名，其中女党员8名。", "46名", "党员", "members_total", "amount"),
    ("集团公司党委所属各级党组织296个，其中党委18个、党总支26个、党支部252个。", "296个", "党组织", "orgs_total", "amount"),
    ("公司现有员工3260人，党员826名，占员工总数的25.3%。", "25.3%", "党员", "members_total", "share"),
    # words of the genre the first taxonomy lacked
    ("全市有312个村党组织被评为“五星级”党组织。", "312个", "村党组织", "model_orgs", "amount"),
    ("为1260名党龄满50年的老党员颁发纪念章。", "1260名", "老党员", "members_cared_for", "amount"),
    ("经营性收入10万元以上的村占62%。", "62%", "村", "villages_by_income", "share"),
    ("全县社区工作者平均月收入达到4200元。", "4200元", "收入", "cadre_pay", "amount"),
    ("组织党员志愿者开展服务1.2万人次。", "1.2万人次", "服务", "volunteers", "amount"),
    ("全年为党员群众提供服务3.6万人次。", "3.6万人次", "服务", "people_served", "amount"),
    # kinds: 将 + verb and 争取 + verb are plans; 争取 + a noun is money obtained
    ("今年全县将新建党群服务中心20个。", "20个", "党群服务中心", "service_centres", "target"),
    ("争取全年发展党员不少于300名。", "300名", "发展党员", "members_recruited", "target"),
    ("全年计划培训500人，实际培训620人。", "500人", "培训", "training_participants", "target"),
    ("全年计划培训500人，实际培训620人。", "620人", "培训", "training_participants", "amount"),
    ("争取上级党建经费120万元。", "120万元", "经费", "funds", "amount"),
    ("将发展党员工作纳入年度考核，全年发展党员326名。", "326名", "发展党员", "members_recruited", "amount"),
    # a village secretary's report gives their own age before their post
    ("本人现年52岁，中共党员，大专学历，现任村党支部书记。", "52岁", "现年", "village_secretaries", "amount"),
    ("村民李某今年63岁，是一名老党员。", "63岁", "今年", "", "amount"),
    # measured, but no core indicator: left unmapped rather than forced
    ("全镇总人口48185人，耕地面积1.38万亩。", "48185人", "人口", "", "amount"),
    ("村“两委”成员中，女性占比22.6%。", "22.6%", "女性", "", "share"),
    ("组建强村公司12家，实现营业收入860万元。", "860万元", "营业收入", "", "amount"),
    ("全村共有农户326户、人口1260人。", "1260人", "人口", "", "amount"),
    ("全年接待游客12万人次，实现旅游收入860万元。", "12万人次", "游客", "", "amount"),
    ("在党员职业部分，以从事农牧渔民业的党员为主，约有2607万名党员。", "2607万名", "党员职业", "members_by_occupation", "amount"),
    ("全年处分党员干部56人，表彰优秀共产党员200名。", "200名", "优秀共产党员", "", "amount"),
    # written after the held-out and second blind parts were measured and studied (one or more per
    # rule added then; none from a scored text)
    # the party's own words for a total, and time words without a year (年末, 今年)
    ("全镇有共产党员1562名、预备党员48名。", "1562名", "共产党员", "members_total", "amount"),
    ("年末有党员1814名，设1个总支，35个支部。", "1814名", "党员", "members_total", "amount"),
    ("年末有党员1814名，设1个总支，35个支部。", "1个", "总支", "orgs_by_type", "amount"),
    # members of a school or a unit by their occupation (教职工党员, 在岗职工党员)
    ("全校共有党员2310名，其中教职工党员860人，学生党员1450人。", "860人", "教职工党员", "members_by_occupation", "amount"),
    ("公有制单位在岗职工党员9.6万名，占党员总数28.6%。", "9.6万名", "职工党员", "members_by_occupation", "amount"),
    # a share of a whole written without 的, and 所占比例 + a change, refer back to the group counted
    ("全市女党员近11万名，占党员总数32.5%。", "32.5%", "女党员", "members_female", "share"),
    ("全区现有女党员8500名，占党员总数的27.6%，所占比例较上年提高0.2个百分点。", "0.2个百分点", "女党员", "members_female", "change"),
    ("党员总数比上年增长3.7%，比党的十八大召开时增长22.3%。", "22.3%", "党员总数", "members_total", "change"),
    # 成功率 is a rate of the group's object; a verb with its result (调处成功) acts on it
    ("共调处矛盾纠纷188件，调处成功160件，成功率85%。", "85%", "成功率", "disputes", "share"),
    # a note in brackets with a number of its own is a breakdown, not the noun counted
    ("今年发展党员3名（35岁以下2名），培养入党积极分子5名。", "3名", "发展党员", "members_recruited", "amount"),
    # a nested heading (一、…1、…情况) names its last part; a total opening a sentence frames the next sentences
    ("一、基本情况1、党组织情况。全县共有党员5222名，其中女党员592名。35岁以下1182名，占22.6%。", "5222名", "党员", "members_total", "amount"),
    ("一、基本情况1、党组织情况。全县共有党员5222名，其中女党员592名。35岁以下1182名，占22.6%。", "1182名", "党员中35岁", "members_young", "amount"),
    ("一、基本情况1、党组织情况。全县共有党员5222名，其中女党员592名。35岁以下1182名，占22.6%。", "22.6%", "党员中35岁", "members_young", "share"),
    # a space inside a quantity (86 个) or before it does not end the clause
    ("全县共有党委 25 个、党总支 12 个、党支部 86 个。", "86 个", "党支部", "orgs_by_type", "amount"),
    # households visited or served, daily receptions, money raised, hazards and hard problems
    ("“连心”工程走访农户1117户，收集意见建议230条。", "1117户", "走访农户", "people_served", "amount"),
    ("开展空巢老人帮扶11期，服务空巢老人538户。", "538户", "服务空巢老人", "people_served", "amount"),
    ("党群服务中心日接待量最高达600余人次。", "600余人次", "接待量", "people_served", "amount"),
    ("村委会多方筹资55万元，用于村道硬底化。", "55万元", "筹资", "funds", "amount"),
    ("组织网格员摸排各类安全隐患23起，全部整改到位。", "23起", "隐患", "problems_found_solved", "amount"),
    ("破解产业发展难、群众增收慢等12项重点难点问题。", "12项", "问题", "problems_found_solved", "amount"),
    # study organised in a body, party-building events, volunteer events
    ("镇党委组织学习上级会议精神6次，开展廉政谈话34次。", "6次", "组织学习", "study_activities", "amount"),
    ("全年开展党建活动116场，志愿活动168场。", "116场", "党建活动", "study_activities", "amount"),
    ("全年开展党建活动116场，志愿活动168场。", "168场", "志愿活动", "volunteers", "amount"),
    # the firms a breakdown is of are not a party-building count; the share of their members is
    ("在全市6000多家民营企业中，已建立党组织的有3200家。", "6000多家", "民营企业", "", "amount"),
    ("非公有制企业和社会组织在岗职工党员3.6万名，占党员总数10.8%。", "10.8%", "非公有制企业", "new_sector_orgs", "share"),
    # members recruited into a role are the role's persons; cadres chosen from the reserve are selected
    ("全区发展党员网格信息员1825名。", "1825名", "网格信息员", "grids", "amount"),
    ("换届中从后备干部和致富能手中选任5名村干部。", "5名", "选任", "cadres_selected", "amount"),
    ("乡镇中发展新党员960名，占61.4%。", "960名", "乡镇中发展新党员", "recruits_profile", "amount"),
    ("全年群众递交入党申请书35份。", "35份", "入党申请书", "applicants_activists", "amount"),
    ("目前有49个支部完成网上支委改选。", "49个", "改选", "org_elections", "amount"),
    # members among another group, or of one sector, are not the unit's total; 共建立 is not 共建
    ("全校获评优秀教学成果奖的教师70名，其中党员44人，占63%。", "44人", "党员", "", "amount"),
    ("全镇设农村支部22个、农村党员1184名；社区支部3个，社区党员341名。", "341名", "社区党员", "", "amount"),
    ("党群服务站共建立微信居民群6个。", "6个", "微信居民群", "", "amount"),
    # a growth rate per mille is a change
    ("全镇人口自然增长率5.3‰。", "5.3‰", "人口", "", "change"),
    # probationary members who became full members; a venue of party-building events; visitors received
    ("全年预备党员按期转正56名，延长预备期2名。", "56名", "转正", "members_probationary", "amount"),
    ("新建党建活动室12个，改造提升党群服务中心5个。", "12个", "党建活动室", "service_centres", "amount"),
    ("全年共接待来访群众1200人次，受理诉求860件。", "1200人次", "接待来访群众", "people_served", "amount"),
    # a growth rate stated with 为 is a change; persons selected to be trained are trainees
    ("全镇人口自然增长率为5.3‰，农民人均纯收入1791元。", "5.3‰", "人口", "", "change"),
    ("选派32名村干部到先进地区跟岗学习。", "32名", "村干部", "training_participants", "amount"),
    ("爱心课堂已开课28期，服务累计12600人次。", "12600人次", "服务", "people_served", "amount"),
    # written after the third blind part was studied (one or more per rule added then; none from a
    # scored text)
    # a line of running text cut by the wrap of a printed page goes on in the next line
    ("党员发展工作稳步推进。\n至2007年底，全区发展新党员5690人，其中女党员1801人，占31.7%；35岁以下年轻党\n员3210人，占56.4%。", "3210人", "35", "recruits_profile", "amount"),
    ("党员发展工作稳步推进。\n至2007年底，全区发展新党员5690人，其中女党员1801人，占31.7%；35岁以下年轻党\n员3210人，占56.4%。", "56.4%", "35", "recruits_profile", "share"),
    # bare numbers listed before a unit share it; the noun ending the last item of a 分别 list is every item's
    ("女党员、少数民族党员占比分别比上年提高0.8、0.2个百分点。", "0.8", "女党员", "members_female", "change"),
    ("大专及以上学历、女性党员占比分别提高3.1、1.2个百分点。", "3.1", "大专及以上学历党员", "members_college", "change"),
    # recruits from the Youth League; full members when no probationary ones are counted; the whole of a 中
    ("全年发展党员86名，其中共青团员入党52名。", "52名", "共青团员", "recruits_profile", "amount"),
    ("第三党支部现有正式党员23名，平均年龄38岁。", "23名", "正式党员", "members_total", "amount"),
    ("全村42名党员中，有15人常年外出务工。", "42名", "党员", "members_total", "amount"),
    # members working away from home (外出务工经商党员) are floating members
    ("全镇外出务工经商党员126名，占党员总数的18.5%。", "126名", "外出务工经商党员", "floating_members", "amount"),
    ("全镇外出务工经商党员126名，占党员总数的18.5%。", "18.5%", "外出务工经商党员", "floating_members", "share"),
    # a village committee's members, and their share of the population
    ("该村委会共有党员52人，占全村人口的2.6%。", "52人", "党员", "members_total", "amount"),
    ("该村委会共有党员52人，占全村人口的2.6%。", "2.6%", "党员", "members_total", "share"),
    # a class of branches the text defined before is not a type of organisation
    ("这类党支部共有86个，占35.2%。", "86个", "这类", "", "amount"),
    # units a selection of party building names (入选, 示范点, 红旗单位, 示范高校)
    ("全区有8个党支部入选全省示范党支部。", "8个", "入选", "model_orgs", "amount"),
    ("全县建成党建示范点45个。", "45个", "党建示范点", "model_orgs", "amount"),
    ("评选出红旗单位26个。", "26个", "红旗单位", "model_orgs", "amount"),
    ("全县有党建工作示范高校3个、标杆院系12个。", "3个", "示范高校", "model_orgs", "amount"),
    # firms an organisation covers are coverage; the firms themselves are no party-building count
    ("已建党组织96个，覆盖非公企业210家。", "210家", "覆盖非公企业", "org_coverage", "amount"),
    ("全县规模以上非公企业320家，党组织覆盖率96%。", "320家", "非公企业", "", "amount"),
    # income bands of the villages' collective economy, the band before or after the villages
    ("村级集体经济中，5万元以下的46个，占12.3%。", "46个", "5万元以下", "villages_by_income", "amount"),
    ("村级集体经济收入5万元以下的村有12个，10万元以上的村32个。", "32个", "10万元以上的村", "villages_by_income", "amount"),
    # a branch's youth-league lectures, lectures by invited experts and study visits are study events
    ("各支部开展主题团日活动320次，团委书记讲团课46场。", "46场", "团课", "study_activities", "amount"),
    ("年均邀请专家学者来校授课12次。", "12次", "授课", "study_activities", "amount"),
    ("组织村干部外出考察学习3次。", "3次", "考察学习", "study_activities", "amount"),
    # rules about training are not sessions; 以…为目标 is a purpose, not a target; a sum's purpose names the pay
    ("出台包括培训经费、村干部待遇、政策性规定9个。", "9个", "规定", "", "amount"),
    ("以助力企业发展为目标，打造了党建示范点23个。", "23个", "党建示范点", "model_orgs", "amount"),
    ("为每名村副职干部安排3000元用于养老保险补贴。", "3000元", "", "cadre_pay", "amount"),
    ("镇党委投入50万元用于困难群众生活补助，村干部带头捐款。", "50万元", "投入", "funds", "amount"),
    # written after the fourth blind part was studied (one or more per rule added then; none from a
    # scored text)
    # a note in brackets with numbers of its own is a breakdown of the number before it (【】 as （）)
    ("全镇共有党员856名【其中女党员213名】，设党总支3个。", "856名", "党员", "members_total", "amount"),
    ("全镇共有党员856名【其中女党员213名】，设党总支3个。", "213名", "女党员", "members_female", "amount"),
    ("街道党工委下设党委9个【社区党委6个，企业党委3个】。", "6个", "社区党委", "orgs_by_type", "amount"),
    # the organisations a committee has under it (所辖) are its total; a host sector's are a type
    ("镇党委所辖基层党组织58个，其中党总支4个。", "58个", "基层党组织", "orgs_total", "amount"),
    ("全县共有村党组织186个，社区党组织15个。", "15个", "社区党组织", "orgs_by_type", "amount"),
    # the parts of a whole that names an activity take its verb (在新发展的党员中，…)
    ("在新发展的党员中，女性党员占36.2%，具有大专以上学历的占45.1%。", "36.2%", "女性党员", "recruits_profile", "share"),
    # a 中 frame holds over the ； of its sentence for the parts of its group (parallel items)
    ("在新发展党员中，女党员2.4万名；少数民族党员0.3万名；大专及以上学历的3.9万名。", "0.3万名", "少数民族党员", "recruits_profile", "amount"),
    ("在新发展党员中，女党员2.4万名；少数民族党员0.3万名；大专及以上学历的3.9万名。", "3.9万名", "大专", "recruits_profile", "amount"),
    # a whole with what it has (N名…书记中有…); a share reached (占到)
    ("156名村党组织书记中有大专学历的62名，致富带头人88名。", "156名", "村党组织书记", "village_secretaries", "amount"),
    ("156名村党组织书记中有大专学历的62名，致富带头人88名。", "88名", "致富带头人", "village_secretaries", "amount"),
    ("全乡党员中，女党员128名，占到21.3%。", "21.3%", "女党员", "members_female", "share"),
    # members by the time they joined; technical experts sent to villages; a secretary's assistant
    ("全村有1949年以前入党的老党员2名。", "2名", "入党", "", "amount"),
    ("全县选派科技特派员86名深入村组。", "86名", "科技特派员", "", "amount"),
    ("全县大学生村官156名，其中担任村党组织书记助理的98名。", "98名", "助理", "", "amount"),
    ("全县有党员创业致富带头人126名。", "126名", "带头人", "", "amount"),
    ("教师党支部书记“双带头人”比例达到100%。", "100%", "双带头人", "", "share"),
    # new members admitted (纳新); student members by the level they study at, in a 其中 list too
    ("全年纳新党员42名。", "42名", "纳新", "members_recruited", "amount"),
    ("全校研究生党员1860人，占研究生总数的31.2%。", "31.2%", "研究生党员", "members_by_occupation", "share"),
    ("全年发展学生党员86名，其中本科生52名、研究生34名。", "52名", "本科生", "recruits_profile", "amount"),
    # a net growth rate (净增率) and a total's growth (总数增长) are changes of the total
    ("全区党员总数8.6万名，比上年净增1200名，净增率为1.4%。", "1.4%", "党员", "members_total", "change"),
    ("全省党员总数比上年增长2.1%，基层党组织总数增长1.8%。", "1.8%", "基层党组织总数", "orgs_total", "change"),
    # the rest of a breakdown by occupation; a community's committee members are its workers
    ("从职业分布看，工人党员占8.2%，其他党员占6.1%。", "6.1%", "其他", "members_by_occupation", "share"),
    ("全区社区“两委”成员326名，社区专职工作者580名。", "326名", "两委", "community_workers", "amount"),
    # a class of people is a part of a party group only
    ("辖区有志愿者服务队5支120人，离退休人员860人。", "860人", "离退休人员", "", "amount"),
    # organisations set up by the units just counted, and the members counted after a sector's organisations
    ("全区社会组织85家，已建党组织41个。", "41个", "社会组织", "new_sector_orgs", "amount"),
    ("全市共有非公企业党组织6823个，党员8.6万名。", "8.6万名", "非公企业党员", "new_sector_orgs", "amount"),
    # the venues of organisations are not organisations founded; a rate of rectifying
    ("全县新建村级党组织活动场所32个。", "32个", "活动场所", "service_centres", "amount"),
    ("整顿转化软弱涣散村党组织18个，转化率100%。", "100%", "转化率", "weak_orgs", "share"),
    # the share of dues collected is a measure of party dues
    ("全县党费收缴率达到100%。", "100%", "党费收缴率", "party_dues", "share"),
    # a band of ages with its count right after it is the middle band, not the youngest before it
    ("全区党员中，30岁及以下5.1万名，占21.4%；31至55岁12.6万名，占52.9%；56岁以上6.1万名，占25.7%。", "12.6万名", "31至55岁", "", "amount"),
    ("全区党员中，30岁及以下5.1万名，占21.4%；31至55岁12.6万名，占52.9%；56岁以上6.1万名，占25.7%。", "52.9%", "31至55岁", "", "share"),
    # the committees of a city's districts and counties are not grassroots organisations, nor are
    # committees counted for what they set up
    ("全市共有区县党委9个，基层党委320个。", "9个", "区县党委", "", "amount"),
    ("全市共有区县党委9个，基层党委320个。", "320个", "基层党委", "orgs_by_type", "amount"),
    ("全县8个乡镇党委均建立了党建工作领导小组。", "8个", "乡镇党委", "", "amount"),
    # units that qualify for an organisation are its base, not organisations founded; branches grown
    # out of other units are founded
    ("全区符合条件的非公企业1320家，具备建立党组织条件的社会组织260家。", "260家", "条件", "", "amount"),
    ("通过选派党员骨干，在园区企业中孵化党支部36个。", "36个", "孵化党支部", "orgs_founded", "amount"),
    # members among the employees placed in firms; a joint branch named without 党 and the firms it covers
    ("全市向民营企业输送党员职工620人。", "620人", "党员职工", "new_sector_orgs", "amount"),
    ("园区组建联合支部12个，覆盖小微企业230家。", "230家", "覆盖小微企业", "org_coverage", "amount"),
    # leaders or units paired with townships and villages (联系挂钩)
    ("全县26名县级领导分别联系挂钩14个乡镇。", "14个", "乡镇", "joint_building", "amount"),
    # cadres sent to live in villages: new-countryside instructors, the villages receiving cadres, a
    # post of first secretary; units given an instructor stay a party-building instructor's
    ("全州下派乡村振兴指导员530名。", "530名", "乡村振兴指导员", "first_secretaries", "amount"),
    ("市县两级向86个脱贫村增派帮扶干部172名。", "86个", "脱贫村", "first_secretaries", "amount"),
    ("市县两级向86个脱贫村增派帮扶干部172名。", "172名", "帮扶干部", "first_secretaries", "amount"),
    ("从机关选派45名干部到村担任第一书记。", "45名", "干部", "first_secretaries", "amount"),
    ("向160个软弱涣散村派驻工作队160支。", "160个", "软弱涣散村", "first_secretaries", "amount"),
    # graduates and public servants placed at the grassroots; a verb alone does not say who
    ("全区有8名机关干部到村任职，6名高校毕业生参加“三支一扶”。", "8名", "到村任职", "cadres_selected", "amount"),
    ("全区有8名机关干部到村任职，6名高校毕业生参加“三支一扶”。", "6名", "高校毕业生", "cadres_selected", "amount"),
    ("全市第一书记实现重点村全覆盖，共选派210名。", "210名", "选派", "", "amount"),
    # villages that reach an income, said in a long clause or as a band of two bounds
    ("全乡9个村（社区）今年上半年村集体经济经营性收入全部突破8万元。", "9个", "村", "villages_by_income", "amount"),
    ("全县集体经济收入20万元至50万元的村有35个。", "35个", "万元的村", "villages_by_income", "amount"),
    # members found by a search are floating members (口袋党员)
    ("全区在商务楼宇中找到口袋党员48名。", "48名", "口袋党员", "floating_members", "amount"),
    # branch meetings and party lectures are study activities; money given to members in need is funds (the
    # members it reaches are cared for: 走访慰问生活困难党员50名)
    ("全镇各党支部落实“三会一课”460次。", "460次", "三会一课", "study_activities", "amount"),
    ("春节期间为生活困难党员发放慰问金12.6万元。", "12.6万元", "慰问金", "funds", "amount"),
    # a trait of the secretaries just counted; venues of other services are not the party's
    ("全市有社区党组织书记312名，其中女性书记126名。", "126名", "女性书记", "village_secretaries", "amount"),
    ("全县有宗教活动场所42处，老年活动中心8个。", "42处", "宗教", "", "amount"),
    # a clause naming only another kind of unit says the same of it (社区…万元 after 每村…万元)
    ("村级组织运转经费每村每年4万元，社区每年6万元。", "6万元", "社区", "funds", "amount"),
    # a completion rate of a plan is a share; a change verb before numbers listed with 和; an
    # average growth and a bare measure word refer back to their group
    ("全年发展党员计划完成率为98%。", "98%", "发展党员", "members_recruited", "share"),
    ("全区共有党组织812个、党员1.6万名，分别比上年增加9个和310名。", "310名", "党员", "members_total", "change"),
    ("全乡共有党员418名，近五年年均增长2.1%。", "2.1%", "党员", "members_total", "change"),
    ("全市六成以上党员为农民，人数达4.2万名。", "4.2万名", "农民", "members_by_occupation", "amount"),
    ("全镇共有党员612名。冬训工作扎实开展，人数达到540名。", "540名", "人数", "", "amount"),
    # the cadres' pay per head (not the villagers' income per head); projects under a party-building brand
    ("全镇村干部报酬由镇财政统筹，人均年报酬2.8万元。", "2.8万元", "报酬", "cadre_pay", "amount"),
    ("全县村民人均可支配收入1.6万元，村干部人均报酬2.4万元。", "1.6万元", "人均", "", "amount"),
    ("全市推进党建惠民项目112个。", "112个", "党建惠民项目", "party_projects", "amount"),
    # villages named one by one with their collective income
    ("全乡村集体经济收入居前的是：石桥村42万元、柳湾村31万元。", "31万元", "柳湾村", "collective_income", "amount"),
    ("石桥村投入资金42万元建设冷库，柳湾村31万元。", "42万元", "石桥村", "funds", "amount"),
    # traits listed before 分别 are parts of the whole a 中 clause names
    ("今年新吸收的党员中，妇女和少数民族分别为41名和12名。", "12名", "少数民族", "recruits_profile", "amount"),
    # the villages of an income band counted, not the income, also in a change of their share
    ("集体经营性收入20万元以上的村占比提高了9个百分点。", "9个百分点", "的村", "villages_by_income", "change"),
    # internet and platform firms are of the new sectors; pairs formed (结成对子); cadres transferred
    # down (选调); an allowance per head of the cadres; the hours of the volunteers just counted
    ("全市平台企业党组织达到73个。", "73个", "平台企业党组织", "new_sector_orgs", "amount"),
    ("全县推行机关联村，58个部门与96个村结成对子。", "58个", "部门", "joint_building", "amount"),
    ("今年从县直单位选调干部26名充实乡镇一线。", "26名", "选调干部", "cadres_selected", "amount"),
    ("全县为社区干部缴纳医疗保险，人均每年补贴900元。", "900元", "补贴", "cadre_pay", "amount"),
    ("全镇注册党员志愿者860名，服务时长累计1.5万小时。", "1.5万小时", "服务时长", "volunteers", "amount"),
    # the joint branches small firms share are of the new sectors; founding new ones is founding
    ("全区已建立小微企业联合党支部140个，覆盖企业1100家。", "140个", "联合党支部", "new_sector_orgs", "amount"),
    ("今年全区新建个体工商户联合党支部18个。", "18个", "新建", "orgs_founded", "amount"),
    # what reached a level is the noun before 实现 (a share of units having a venue)
    ("通过新建和改造，全镇各村党员活动室已实现100%全覆盖。", "100%", "党员活动室", "service_centres", "share"),
    # an age written with 年龄在 is a trait of the group; a short quoted word does not end the phrase
    ("全乡有村党组织书记24名，年龄在40岁以下的9名。", "9名", "40岁以下", "village_secretaries", "amount"),
    ("全县146个村全部完成“两委”换届。", "146个", "换届", "org_elections", "amount"),
    # 申请人 is a noun, not the verb 申请; the coverage of a programme is not of organisations;
    # front-line members are an occupation; members' projects of tackling problems are party projects
    ("全院研究生中入党申请人占比为37%。", "37%", "入党申请人", "applicants_activists", "share"),
    ("村党组织书记“头雁”培育工程覆盖率100%。", "100%", "覆盖率", "", "share"),
    ("全厂有生产一线党员216名。", "216名", "一线党员", "members_by_occupation", "amount"),
    ("各支部共实施党员技术攻关项目27项。", "27项", "攻关项目", "party_projects", "amount"),
    # members confirmed said by the verb alone; 截止 as 截至; a host sector's organisations after 全…共有;
    # households lifted out of poverty are households served
    ("全乡今年发展党员14名，按期转正12名。", "12名", "转正", "members_probationary", "amount"),
    ("截止2023年6月底，全旗共有嘎查村党组织72个，机关党组织35个。", "35个", "机关党组织", "orgs_by_type", "amount"),
    ("全市党员干部结对帮扶监测户1600户。", "1600户", "监测户", "people_served", "amount"),
    # written after the sixth blind part was studied (one or more per rule added then; none from a
    # scored text)
    # the recruits of a year frame the breakdown after them, in the next sentences of the paragraph too
    ("今年，全镇发展党员18人。女党员7人，占38.9%；35周岁以下11人。", "7人", "发展女党员", "recruits_profile", "amount"),
    ("今年，全镇发展党员18人。女党员7人，占38.9%；35周岁以下11人。", "11人", "发展党员中35周岁以下", "recruits_profile", "amount"),
    # 文化 as the word of schooling; 国中 (junior high, Taiwan usage); able men and women recruited
    ("全乡发展党员16人，高中及以上文化9人，国中及以下文化7人。其中致富能手4人。", "9人", "发展党员中高中及以上文化", "recruits_profile", "amount"),
    ("全乡发展党员16人，高中及以上文化9人，国中及以下文化7人。其中致富能手4人。", "7人", "发展党员中国中及以下文化", "recruits_profile", "amount"),
    ("全乡发展党员16人，高中及以上文化9人，国中及以下文化7人。其中致富能手4人。", "4人", "发展致富能手", "recruits_profile", "amount"),
    # a count of units of another kind ends the frame; organisations have no sex
    ("全年发展党员25名，其中35岁以下18名。全县有基层党组织312个，其中党委15个、党支部297个。女性89名，占41.2%。", "15个", "党委", "orgs_by_type", "amount"),
    ("全年发展党员25名，其中35岁以下18名。全县有基层党组织312个，其中党委15个、党支部297个。女性89名，占41.2%。", "41.2%", "女性", "", "share"),
    # an item marker and 我局 before a total; 具有 as 有; the members of one kind of branch
    ("（二）我局共有党组织46个，局现有党员390名。", "46个", "我局共有党组织", "orgs_total", "amount"),
    ("（二）我局共有党组织46个，局现有党员390名。", "390名", "局现有党员", "members_total", "amount"),
    ("全镇具有党员520名，农村党支部党员430名。", "520名", "具有党员", "members_total", "amount"),
    ("全镇具有党员520名，农村党支部党员430名。", "430名", "农村党支部党员", "", "amount"),
    # 个 next to the organisation counts organisations, not the units that have one
    ("在全区3200多家民营企业中，共建立了210个基层党支部。", "210个", "民营企业建立基层党支部", "new_sector_orgs", "amount"),
    ("全区民营企业建立党支部120个，全区1260个行政村建立了党组织。", "1260个", "行政村建立了党组织", "org_coverage", "amount"),
    ("全区民营企业建立党支部120个，全区1260个行政村建立了党组织。", "120个", "民营企业建立党支部", "orgs_founded", "amount"),
    # 这一比例: the share of the group before at another time
    ("全市少数民族党员3.2万名，占党员总数的7.5%，十年前这一比例仅为5.1%。", "5.1%", "少数民族党员", "members_minority", "share"),
    # recruits counted in people with 党员 elided: more than last year, a plan, a quota set above
    ("2022年，全省发展党员6.8万名，比上年多发展1200名。", "1200名", "比上年多发展", "members_recruited", "change"),
    ("县委下达指导数15人，我镇计划发展17人。", "15人", "指导数", "members_recruited", "target"),
    ("县委下达指导数15人，我镇计划发展17人。", "17人", "计划发展", "members_recruited", "target"),
    # a goal named as a noun before a comma does not make the later numbers targets
    ("工作队围绕脱贫总目标，帮助320户1100人实现脱贫。", "320户", "", "", "amount"),
    # the members among a village's population are its members
    ("全村有农户412户，人口1530人，其中党员52人。", "52人", "党员", "members_total", "amount"),
    ("评出先进个人70名，其中党员41人。", "41人", "党员", "", "amount"),
    # villages a work team settles in; cadres stationed; members admitted on the front line
    ("某公司第三批驻村工作队一行15人，陆续入驻某县6个村。", "6个", "村", "first_secretaries", "amount"),
    ("多年来共派驻干部职工95名到村工作。", "95名", "派驻干部", "first_secretaries", "amount"),
    ("抗洪期间，86名群众火线入党。", "86名", "火线入党", "members_recruited", "amount"),
    # the organisations and members of a place named as acting together are all of them
    ("全市1.2万个基层党组织迅速行动、30万名党员紧急动员。", "1.2万个", "基层党组织迅速行动", "orgs_total", "amount"),
    ("全市1.2万个基层党组织迅速行动、30万名党员紧急动员。", "30万名", "党员紧急动员", "members_total", "amount"),
    ("320名党员开展志愿服务活动。", "320名", "志愿服务", "volunteers", "amount"),
    # a list of named sums that breaks off takes its measure from the sentence after it
    ("石桥村32万元、柳湾村18万元……在合作社大会上，镇党委书记宣布全镇各村集体经济收入均达到10万元以上。", "18万元", "柳湾村", "collective_income", "amount"),
    ("石桥村32万元、柳湾村18万元。全镇各村集体经济收入均达到10万元以上。", "32万元", "石桥村", "", "amount"),
    # a branch is the party's, whether or not its sentence says 党
    ("其中：12个村支部、3个非公企业支部。", "3个", "非公企业支部", "new_sector_orgs", "amount"),
    # the members who visit are not what a count of households visited is about; units in 家 that set
    # up an organisation are covered, not organisations founded
    ("党员干部走访群众1.2万户。", "1.2万户", "走访群众", "people_served", "amount"),
    ("走访困难党员家庭36户。", "36户", "困难党员", "members_cared_for", "amount"),
    ("在86家非公企业中建立了党组织。", "86家", "非公企业中建立了党组织", "org_coverage", "amount"),
    ("今年新建非公企业党组织24个。", "24个", "新建", "orgs_founded", "amount"),
    # a level reached after a clause saying that a measure grows is that measure's
    ("多年来，全县申请入党人数持续增长，2023年达到5860人。", "5860人", "申请入党人数", "applicants_activists", "amount"),
    # members on the register are the total; the firms the party-building instructors guide are
    # of the new sectors
    ("全镇现有在册党员412名。", "412名", "在册党员", "members_total", "amount"),
    ("全市已选派860名党建工作指导员，指导联系2100家企业。", "2100家", "指导联系企业", "new_sector_orgs", "amount"),
    # the reference point of a comparison: the measure is elided, a change verb after it opens no noun
    ("全县党员总数增幅比上年下降0.1个百分点，比2018年最高值2.4%下降1.3个百分点。", "1.3个百分点", "党员总", "members_total", "change"),
    # a bare number before 和 in a list that 分别 opens takes the unit of the last; a bare unit listed
    # before the last item has the same measure
    ("村、社区党群服务中心面积比上年分别提高3.2和4.5个百分点。", "3.2", "村党群服务中心面积", "service_centres", "change"),
    ("村、社区党群服务中心面积比上年分别提高3.2和4.5个百分点。", "4.5个百分点", "社区党群服务中心面积", "service_centres", "change"),
    # organisations of a host sector, a parenthesis after it or their change; those a place has are no total
    ("其中，机关党组织增加120个，国有企业党组织增加36个。", "36个", "国有企业党组织增加", "orgs_by_type", "change"),
    ("全县1500个基层党组织中，有农村党组织310个，社区（居委会）党组织42个。", "310个", "农村党组织", "orgs_by_type", "amount"),
    ("全县1500个基层党组织中，有农村党组织310个，社区（居委会）党组织42个。", "42个", "社区（居委会）党组织", "orgs_by_type", "amount"),
    # secretaries of villages and communities together (村社)
    ("全县共有村社党组织书记412名。", "412名", "村社党组织书记", "village_secretaries", "amount"),
    # the rate of organisations reaching the standard
    ("全年基层党组织达标率提升到92.5%。", "92.5%", "达标率", "model_orgs", "share"),
    # villages that recruited no one; members transferred to villages: neither recruits nor young members
    ("全镇连续三年以上未发展党员的村占比为8%。", "8%", "未发展党员", "", "share"),
    ("将56名40岁以下党员转入村级党组织。", "56名", "", "", "amount"),
    # firms brought into party work are covered
    ("园区党委已将80余家企业纳入党建工作体系。", "80余家", "纳入党建", "org_coverage", "amount"),
    # the income the village runs is its collective income
    ("全村村营收入达到85万元。", "85万元", "村营收入", "collective_income", "amount"),
    # 党（工）委 names committees and working committees together; a count next to them counts them
    ("全区21个党（工）委所辖党组织全部参加。", "21个", "党（工）委", "orgs_by_type", "amount"),
    # joint committees of neighbouring villages: the villages one holds, and the townships that set them up
    ("东山联合党委辖东山、西岭、南坪3个村。", "3个", "联合党委辖", "joint_building", "amount"),
    ("全县15个乡镇均成立了由相邻村组建的村级联合党委。", "15个", "", "joint_building", "amount"),
    # the members a study campaign reaches, all of them
    ("开展党员大学习活动，实现全市8200名党员全覆盖。", "8200名", "党员全覆盖", "training_participants", "amount"),
    # units counted before a verb with 了, then the count of its object: the object is what the verb
    # acts on, and the units take it too
    ("全年有12个村发展了35名党员，15个支部组织了60次政治学习。", "35名", "发展党员", "members_recruited", "amount"),
    ("全年有12个村发展了35名党员，15个支部组织了60次政治学习。", "15个", "支部组织政治学习", "study_activities", "amount"),
    ("全年有12个村发展了35名党员，15个支部组织了60次政治学习。", "60次", "政治学习", "study_activities", "amount"),
    # a level reached now, of the measure before
    ("全县女党员占比从2015年的22.4%提高到目前的27.1%。", "27.1%", "女党员", "members_female", "share"),
    # the members among students or teachers; laid-off members
    ("全校本科生中党员的比例为9.3%，教师中党员比例达到52.6%。", "9.3%", "本科生中党员", "members_by_occupation", "share"),
    ("全校本科生中党员的比例为9.3%，教师中党员比例达到52.6%。", "52.6%", "教师中党员", "members_by_occupation", "share"),
    ("全公司共有党员820名，其中在岗党员510名，下岗党员96名。", "96名", "下岗党员", "members_by_occupation", "amount"),
    # organisations whose activities are not normal are lax ones; those functioning normally are not
    ("全区有6个党组织活动不正常，40个党组织活动正常。", "6个", "活动不正常", "weak_orgs", "amount"),
    ("全区有6个党组织活动不正常，40个党组织活动正常。", "40个", "活动正常", "", "amount"),
    # villages whose income all exceeds a sum (超)
    ("全县208个行政村（含涉农社区）村级集体经济收入全部超10万元。", "208个", "行政村", "villages_by_income", "amount"),
    # members counted with 个 in a list of the organisations
    ("全乡下设3个党总支、28个党支部、960个党员。", "960个", "党员", "members_total", "amount"),
    # service teams set up where volunteers are named
    ("社区组建党员志愿者队伍，共成立了8支服务队伍。", "8支", "服务队伍", "volunteers", "amount"),
    # an increase of new units counts them: an amount (with a comparison, a change)
    ("三年间全市增加了45个新网格，比上年增加3个新党支部。", "45个", "新网格", "grids", "amount"),
    ("三年间全市增加了45个新网格，比上年增加3个新党支部。", "3个", "新党支部", "orgs_by_type", "change"),
    # communities or villages of a star rating of their party work, the unrated ones too
    ("经评定，全区共评出五星级社区23个，占12.1%；无星社区9个。", "23个", "五星级社区", "model_orgs", "amount"),
    ("经评定，全区共评出五星级社区23个，占12.1%；无星社区9个。", "9个", "无星社区", "model_orgs", "amount"),
    # a quota of delegates: 不应超过, 应有…以上
    ("本届代表大会中，机关干部代表不应超过40人，一线职工代表应有60人以上。", "40人", "机关干部代表", "", "target"),
    ("本届代表大会中，机关干部代表不应超过40人，一线职工代表应有60人以上。", "60人", "一线职工代表", "", "target"),
    # shares listed after the counts they are of: 分别占 with its whole takes the items counted before
    ("支部现有党员150人，其中女党员36人，退休党员70人，分别占党员总数的24%、46.7%。", "24%", "女党员", "members_female", "share"),
    # (retired members are members by occupation, as the set labels 离退休党员 and 离休党员)
    ("支部现有党员150人，其中女党员36人，退休党员70人，分别占党员总数的24%、46.7%。", "46.7%", "退休党员", "members_by_occupation", "share"),
    # items joined by 和 before 分别 share the measure that ends the last (覆盖率), not only its noun
    ("全区学校和医院党组织覆盖率分别提高3.1%、2.4%。", "3.1%", "学校党组织覆盖率", "org_coverage", "change"),
    # the types listed under a sector's organisations, or under the hosted units', are theirs; 两新 is no 新
    ("全街道有两新党组织22个，其中独立党支部9个，联合党支部13个，党员310名。", "9个", "两新", "new_sector_orgs", "amount"),
    ("全街道有两新党组织22个，其中独立党支部9个，联合党支部13个，党员310名。", "310名", "两新", "new_sector_orgs", "amount"),
    ("社区联系驻区单位党组织25家，其中党委4家，党支部21家。", "4家", "驻区单位党委", "joint_building", "amount"),
    # the members of the residential areas are a part of a street's members
    ("街道有居民区党组织20个，居民区党员2150名。", "2150名", "居民区党员", "", "amount"),
    # a subject opening with 新增 counts organisations added; 新增 naming the units keeps them covered
    ("本年度新增党支部12个。", "12个", "新增党支部", "orgs_founded", "amount"),
    ("全市新增的58个社区全部建立了党组织。", "58个", "社区全部建立", "org_coverage", "amount"),
    # cooperatives' party units; a subsidy from the treasury; the share of units that have the funds
    ("全县共有农民专业合作社党支部46个。", "46个", "合作社党支部", "new_sector_orgs", "amount"),
    ("去年市财政补助1200万元用于村级组织运转。", "1200万元", "补助", "funds", "amount"),
    ("全省86.4%的村落实了党组织服务群众专项经费。", "86.4%", "经费", "funds", "share"),
    # a long name of a class keeps its head (培训班)
    ("全年举办18期村党组织书记乡村振兴能力提升专题培训班。", "18期", "培训班", "training_sessions", "amount"),
    # the groups listed before 分别 right after a count of recruits are parts of the recruits, unless
    # they name their own whole; 新党员中 names the recruits too
    ("今年全区共发展党员960名，女党员、35岁及以下党员分别占33.5%、80.2%。", "33.5%", "发展女党员", "recruits_profile", "share"),
    ("今年全区共发展党员960名，全区党员中女党员、少数民族党员分别占27%、4%。", "27%", "党员中女党员", "members_female", "share"),
    ("发展质量稳步提高，新党员中研究生学历占11%。", "11%", "新党员中研究生学历", "recruits_profile", "share"),
    # the venues of organisations are service sites, whatever standard they are built to
    ("年内改造提升标准化村党支部活动室54个。", "54个", "活动室", "service_centres", "amount"),
    # a quoted word inside a phrase read after one number is not left over for the next
    ("全镇9个村党组织书记、村委会主任“一肩挑”比例为100%。", "100%", "一肩挑", "village_secretaries", "share"),
    # a trait listed after a group named by another trait is of the whole, not of that group
    ("全市大专及以上学历党员3.6万名，占41.2%；高中及以下学历5.1万名，占58.8%。", "58.8%", "党员中高中及以下", "", "share"),
    # the organisations and members of a host sector with a qualifier (公立, 城市) are a part, not the total
    ("全省公立医院党组织2860个，国有企业党组织1.2万个。", "2860个", "公立医院党组织", "orgs_by_type", "amount"),
    ("全区城市社区党组织86个。", "86个", "城市社区党组织", "orgs_by_type", "amount"),
    ("全县共有党组织826个，党员1.8万名。", "826个", "党组织", "orgs_total", "amount"),
    # an age a change leaves is a level, not the bound of a group
    ("村党组织书记平均年龄由51.6岁下降到44.2岁。", "51.6岁", "村党组织书记平均年龄", "village_secretaries", "amount"),
    # a lone verb with an adverb (实际完成) acts on what the plan before it counts
    ("今年计划培训村干部1500人次，实际完成1680人次。", "1680人次", "培训村干部", "training_participants", "amount"),
    # 各 with its verb opens a list of numbers as 分别 does; 个 before 和 and N个百分点 is a percentage point
    ("换届后村“两委”成员中女性420人、35岁以下310人，各占21.4%和15.8%。", "21.4%", "女性", "", "share"),
    ("女性成员和女性正职比例分别比上届提高1.6个和0.4个百分点。", "1.6个", "女性成员", "", "change"),
    # a part of the members as a share of the members is no density of members in a population
    ("全村党员212名，其中农村党员180名，占党员总数的84.9%。", "84.9%", "农村党员", "", "share"),
    ("全村户籍人口2300人，党员86名，占人口总数的3.7%。", "3.7%", "党员", "members_total", "share"),
    # what party building spends; the monthly wage per head of the village's staff
    ("每年党建支出约3万元。", "3万元", "党建支出", "funds", "amount"),
    ("村工作人员报酬由镇财政统一发放，人均月工资1800元。", "1800元", "工资", "cadre_pay", "amount"),
    # 由原有 before an earlier level and a month before a clause are not in the subject
    ("机关党支部总数由原有9个增加至14个。", "9个", "机关党支部总数", "orgs_by_type", "amount"),
    # the share that follows a count of cadres selected is theirs too
    ("全村党员48名，其中大学生村官党员2名，占4.2%。", "4.2%", "大学生村官", "cadres_selected", "share"),
    # a period of joining is what members are counted by; a comma inside a short note breaks no clause
    ("从入党时间看，1978年-2002年入党的41人，2002年以后入党的27人。", "41人", "1978年-2002年入党", "", "amount"),
    ("新一届村级（社区，下同）党组织书记平均年龄43.6岁。", "43.6岁", "村级（社区）党组织书记平均年龄", "village_secretaries", "amount"),
    # a year of birth stays too; a range of years before an act is a time adverbial and goes
    ("全村1990年以后出生的党员30名。", "30名", "1990年以后出生的党员", "", "amount"),
    ("2021年至2023年累计发展党员1200名。", "1200名", "发展党员", "members_recruited", "amount"),
    # 各 before one number says each, not respectively; a trait under 其中 is of the group just counted
    ("东村和西村集体经济收入各达50万元。", "50万元", "东村和西村集体经济收入", "collective_income", "amount"),
    ("全县女党员1200名，其中35岁以下300名。", "300名", "女党员中35岁以下", "members_young", "amount"),
]


@pytest.mark.parametrize(("passage", "surface", "subject", "core_id", "kind"), CASES, ids=[f"{i:02d}" for i in range(len(CASES))])
def test_sentences_of_the_genre(passage, surface, subject, core_id, kind):
    table = _table(passage)
    rows = table[table["surface"] == surface]
    assert len(rows) >= 1, f"{surface} not found in {passage}: {table['surface'].tolist()}"
    row = rows.iloc[0]
    assert (subject in row["subject"], row["core_id"], row["kind"]) == (True, core_id, kind), (
        f"{passage}\n{surface}: subject {row['subject']!r}, core {row['core_id']!r} ({row['confidence']}), kind {row['kind']!r}"
    )


#: Probe sentences of the genre (passage | surface | core id | kind), written in batches after the
#: unseen part was studied, across the core indicators and kinds, the levels (province … village,
#: school, company) and the genres (bulletin, summary, 述职报告, news): each batch was run before any
#: rule was changed for it. 238 of the 269 probes kept passed as written; the 31 others led to the
#: rules of this round (none fitted to one sentence; probes whose expectation was arguable were
#: dropped, not forced). Pages, headings and vocabulary are varied; what is not mapped must stay so.
PROBES = [tuple(line.split(" | ")) for line in """
截至2022年底，全市党员总数为15.8万名，较上年增加3120名，增长2.0%。 | 15.8万名 | members_total | amount
截至2022年底，全市党员总数为15.8万名，较上年增加3120名，增长2.0%。 | 3120名 | members_total | change
截至2022年底，全市党员总数为15.8万名，较上年增加3120名，增长2.0%。 | 2.0% | members_total | change
全区共有中共党员8326名，其中预备党员215名。 | 215名 | members_probationary | amount
全区共有中共党员8326名，其中预备党员215名。 | 8326名 | members_total | amount
在党员中，女党员2.3万名，占27.1%；少数民族党员4120名，占4.8%。 | 2.3万名 | members_female | amount
在党员中，女党员2.3万名，占27.1%；少数民族党员4120名，占4.8%。 | 4.8% | members_minority | share
从学历看，大专及以上学历党员6.2万名，占39.4%，比上年提高1.1个百分点。 | 6.2万名 | members_college | amount
从学历看，大专及以上学历党员6.2万名，占39.4%，比上年提高1.1个百分点。 | 1.1个百分点 | members_college | change
从年龄看，35岁及以下党员2.8万名，占17.6%；61岁及以上党员5.1万名，占32.3%。 | 17.6% | members_young | share
从年龄看，35岁及以下党员2.8万名，占17.6%；61岁及以上党员5.1万名，占32.3%。 | 5.1万名 | members_old | amount
从职业看，农牧渔民党员4.6万名，工人党员1.1万名，离退休人员党员3.2万名。 | 1.1万名 | members_by_occupation | amount
从职业看，农牧渔民党员4.6万名，工人党员1.1万名，离退休人员党员3.2万名。 | 3.2万名 | members_by_occupation | amount
2022年，全市共发展党员3218名，其中女性1290名，占40.1%；35岁及以下2705名，占84.1%。 | 3218名 | members_recruited | amount
2022年，全市共发展党员3218名，其中女性1290名，占40.1%；35岁及以下2705名，占84.1%。 | 1290名 | recruits_profile | amount
2022年，全市共发展党员3218名，其中女性1290名，占40.1%；35岁及以下2705名，占84.1%。 | 84.1% | recruits_profile | share
全市现有入党申请人1.2万名，入党积极分子8600名。 | 8600名 | applicants_activists | amount
全市共有党的基层组织8812个，比上年增加156个。其中，基层党委426个，党总支312个，党支部8074个。 | 8812个 | orgs_total | amount
全市共有党的基层组织8812个，比上年增加156个。其中，基层党委426个，党总支312个，党支部8074个。 | 156个 | orgs_total | change
全市共有党的基层组织8812个，比上年增加156个。其中，基层党委426个，党总支312个，党支部8074个。 | 426个 | orgs_by_type | amount
全市共有党的基层组织8812个，比上年增加156个。其中，基层党委426个，党总支312个，党支部8074个。 | 8074个 | orgs_by_type | amount
全市156个乡镇（街道）、2130个村（社区）均建立了党组织，党组织覆盖率保持100%。 | 2130个 | org_coverage | amount
全市156个乡镇（街道）、2130个村（社区）均建立了党组织，党组织覆盖率保持100%。 | 156个 | org_coverage | amount
全市1.3万家非公有制企业中，已建立党组织的有4800家，覆盖率为36.9%。 | 4800家 | org_coverage | amount
全市1.3万家非公有制企业中，已建立党组织的有4800家，覆盖率为36.9%。 | 36.9% | org_coverage | share
今年新组建非公企业党组织58个、社会组织党组织23个。 | 58个 | orgs_founded | amount
今年新组建非公企业党组织58个、社会组织党组织23个。 | 23个 | orgs_founded | amount
全年培训党员4.2万人次，举办各类培训班186期。 | 4.2万人次 | training_participants | amount
全年培训党员4.2万人次，举办各类培训班186期。 | 186期 | training_sessions | amount
全校共有教职工党员1260名，学生党员2310名。 | 2310名 | members_by_occupation | amount
校党委下设二级党委18个、直属党总支3个、党支部296个。 | 296个 | orgs_by_type | amount
公司党委下辖基层党支部42个，共有党员1086名。 | 42个 | orgs_by_type | amount
公司党委下辖基层党支部42个，共有党员1086名。 | 1086名 | members_total | amount
村党支部现有党员46名，其中女党员8名，60岁以上党员19名。 | 46名 | members_total | amount
村党支部现有党员46名，其中女党员8名，60岁以上党员19名。 | 19名 | members_old | amount
全县选派第一书记126名，驻村工作队员378名，实现脱贫村全覆盖。 | 126名 | first_secretaries | amount
全县326名村党组织书记中，高中及以上学历占68.4%，平均年龄46.5岁。 | 46.5岁 | village_secretaries | amount
全县326名村党组织书记中，高中及以上学历占68.4%，平均年龄46.5岁。 | 68.4% | village_secretaries | share
全县326名村党组织书记中，高中及以上学历占68.4%，平均年龄46.5岁。 | 326名 | village_secretaries | amount
全年整顿软弱涣散村党组织41个，转化提升率100%。 | 41个 | weak_orgs | amount
创建五星级党支部120个、四星级党支部210个。 | 120个 | model_orgs | amount
全区1236个党组织按期完成换届，换届率100%。 | 1236个 | org_elections | amount
全区1236个党组织按期完成换届，换届率100%。 | 100% | org_elections | share
新建党群服务中心38个，改造提升村级活动场所126个。 | 126个 | service_centres | amount
开展志愿服务活动5600余次，参与党员志愿者2.1万人次。 | 5600余次 | volunteers | amount
开展志愿服务活动5600余次，参与党员志愿者2.1万人次。 | 2.1万人次 | volunteers | amount
为群众办实事好事3.2万件，解决群众急难愁盼问题1800余个。 | 3.2万件 | practical_matters | amount
全年调处矛盾纠纷1562起，调处成功率98.6%。 | 1562起 | disputes | amount
全年调处矛盾纠纷1562起，调处成功率98.6%。 | 98.6% | disputes | share
全区村级集体经济收入总额达1.86亿元，较上年增长18.3%。 | 1.86亿元 | collective_income | amount
全区村级集体经济收入总额达1.86亿元，较上年增长18.3%。 | 18.3% | collective_income | change
集体经济收入50万元以上的村达到45个。 | 45个 | villages_by_income | amount
全年共收缴党费1268万元。 | 1268万元 | party_dues | amount
市财政安排党建专项经费2300万元。 | 2300万元 | funds | amount
村干部基本报酬提高到每月3000元。 | 3000元 | cadre_pay | amount
全市划分网格4320个，配备网格员5100名。 | 4320个 | grids | amount
与126家驻区单位签订共建协议。 | 126家 | joint_building | amount
选派党建指导员460名，实现非公企业党建指导全覆盖。 | 460名 | party_instructors | amount
全市有流动党员1.1万名，已全部纳入管理。 | 1.1万名 | floating_members | amount
走访慰问老党员、困难党员1.6万人。 | 1.6万人 | members_cared_for | amount
储备村级后备力量5200名，平均每村2.4名。 | 5200名 | reserve_cadres | amount
招聘社区工作者850名。 | 850名 | community_workers | amount
全年招录大学生村官120名。 | 120名 | cadres_selected | amount
查摆问题2360个，已整改2210个，整改率93.6%。 | 2360个 | problems_found_solved | amount
查摆问题2360个，已整改2210个，整改率93.6%。 | 2210个 | problems_found_solved | amount
查摆问题2360个，已整改2210个，整改率93.6%。 | 93.6% | problems_found_solved | share
书记领办项目312个，带动群众增收1.2亿元。 | 312个 | party_projects | amount
服务群众12.6万人次。 | 12.6万人次 | people_served | amount
截至6月底，全区党员总数达到12436名，党组织总数为568个。 | 568个 | orgs_total | amount
全区党员总量为12436名，比2021年底净增218名，年均增长1.8%。 | 218名 | members_total | change
女党员3412名，占党员总数的27.4%，比上年末提高0.6个百分点。 | 0.6个百分点 | members_female | change
少数民族党员占党员总数的比例为12.3%。 | 12.3% | members_minority | share
具有大学本科及以上学历的党员1.8万名。 | 1.8万名 | members_college | amount
学生党员412名，离退休党员1860名。 | 1860名 | members_by_occupation | amount
党员队伍中，30岁及以下的有2140名，占16.2%。 | 2140名 | members_young | amount
今年上半年发展党员126名，完成年度计划的63%。 | 126名 | members_recruited | amount
新发展的党员中，生产、工作一线的有318名，占71.6%。 | 318名 | recruits_profile | amount
新发展的党员中，生产、工作一线的有318名，占71.6%。 | 71.6% | recruits_profile | share
确定发展对象186名，培养入党积极分子523名。 | 186名 | applicants_activists | amount
确定发展对象186名，培养入党积极分子523名。 | 523名 | applicants_activists | amount
全镇现有党员658名，其中农村党员512名，流动党员43名。 | 43名 | floating_members | amount
全镇现有党员658名，其中农村党员512名，流动党员43名。 | 658名 | members_total | amount
全镇辖12个行政村、2个社区，共有党支部18个。 | 18个 | orgs_by_type | amount
目前，全县共有基层党委56个、党总支41个、党支部1382个。 | 56个 | orgs_by_type | amount
全县机关单位基层党组织覆盖率达100%，非公有制企业党组织覆盖率达82.5%。 | 82.5% | org_coverage | share
全市规模以上非公企业党组织组建率为96.3%。 | 96.3% | org_coverage | share
新成立小区党支部46个，楼栋党小组320个。 | 46个 | orgs_founded | amount
全市有312个村党组织被评为“五星级”党组织。 | 312个 | model_orgs | amount
倒排软弱涣散村党组织86个，已全部完成整顿。 | 86个 | weak_orgs | amount
对37个后进党支部进行集中整顿。 | 37个 | weak_orgs | amount
为全县208个贫困村选派第一书记208名。 | 208名 | first_secretaries | amount
全市“一肩挑”比例达到95.2%。 | 95.2% | village_secretaries | share
共培训村（社区）党组织书记2160人次。 | 2160人次 | training_participants | amount
举办党务干部培训班12期，培训1200余人。 | 12期 | training_sessions | amount
举办党务干部培训班12期，培训1200余人。 | 1200余人 | training_participants | amount
各级党组织书记讲党课2860次。 | 2860次 | study_activities | amount
开展主题党日活动526次，参与党员1.1万人次。 | 526次 | study_activities | amount
全区党员志愿者注册人数达1.6万人，累计服务时长28万小时。 | 1.6万人 | volunteers | amount
设立党员示范岗320个、党员责任区460个。 | 320个 | volunteers | amount
建成村级党群服务中心286个，实现全覆盖。 | 286个 | service_centres | amount
累计办理群众诉求2.6万件，办结率98.2%。 | 2.6万件 | practical_matters | amount
累计办理群众诉求2.6万件，办结率98.2%。 | 98.2% | practical_matters | share
排查化解各类矛盾纠纷826件，化解成功率97.5%。 | 97.5% | disputes | share
全县村级集体经济总收入3860万元，村均16.5万元。 | 16.5万元 | collective_income | amount
经营性收入10万元以上的村占62%。 | 62% | villages_by_income | share
全面消除集体经济收入5万元以下的薄弱村58个。 | 58个 | villages_by_income | amount
下拨党建工作经费860万元。 | 860万元 | funds | amount
划拨党费320万元用于慰问困难党员。 | 320万元 | party_dues | amount
全县社区工作者平均月收入达到4200元。 | 4200元 | cadre_pay | amount
全市共有网格党支部1280个。 | 1280个 | grids | amount
组建区域化党建联盟36个。 | 36个 | joint_building | amount
向非公企业选派党建工作指导员326名。 | 326名 | party_instructors | amount
全市共慰问生活困难党员、老党员4800余人，发放慰问金260万元。 | 4800余人 | members_cared_for | amount
为1260名党龄满50年的老党员颁发“光荣在党50年”纪念章。 | 1260名 | members_cared_for | amount
招录社区专职工作者160名。 | 160名 | community_workers | amount
面向优秀村干部定向招录乡镇公务员42名。 | 42名 | cadres_selected | amount
反馈问题286个，已整改到位271个。 | 271个 | problems_found_solved | amount
实施书记领办项目186个，带动村集体增收2300万元。 | 186个 | party_projects | amount
党群服务中心全年接待群众3.2万人次。 | 3.2万人次 | people_served | amount
储备村级后备干部2300名，35岁以下的占68%。 | 2300名 | reserve_cadres | amount
储备村级后备干部2300名，35岁以下的占68%。 | 68% | reserve_cadres | share
全县总人口52.3万人，辖18个乡镇。 | 52.3万人 |  | amount
全年实现地区生产总值386亿元，同比增长6.5%。 | 386亿元 |  | amount
全年实现地区生产总值386亿元，同比增长6.5%。 | 6.5% |  | change
计划到2025年，培育示范党支部100个。 | 100个 | model_orgs | target
力争年底前村级集体经济收入全部达到20万元以上。 | 20万元 | collective_income | target
今年全县将新建党群服务中心20个。 | 20个 | service_centres | target
全县党员中，农民党员5120名，占41.2%；工人党员860名，占6.9%。 | 41.2% | members_by_occupation | share
全县党员中，农民党员5120名，占41.2%；工人党员860名，占6.9%。 | 860名 | members_by_occupation | amount
全县共有党员1.24万名，其中女党员3260名、少数民族党员1820名。 | 1820名 | members_minority | amount
党员的学历。大专及以上学历的4.6万名，占38.5%；高中、中专学历的3.2万名。 | 4.6万名 | members_college | amount
党员的年龄。30岁及以下的1.5万名；31至35岁的1.1万名；61岁及以上的4.2万名。 | 4.2万名 | members_old | amount
党员的年龄。30岁及以下的1.5万名；31至35岁的1.1万名；61岁及以上的4.2万名。 | 1.5万名 | members_young | amount
全市各级党组织共发展党员2613名，比上年减少187名。 | 187名 | members_recruited | change
发展党员工作中，共发展农民党员826名，占发展总数的58.2%。 | 826名 | recruits_profile | amount
年内吸收预备党员43名，按期转正38名。 | 43名 | members_recruited | amount
全校共有党员3260名，其中教职工党员1120名，学生党员2140名。 | 3260名 | members_total | amount
全校共有党员3260名，其中教职工党员1120名，学生党员2140名。 | 2140名 | members_by_occupation | amount
学校党委下设党总支12个、直属党支部8个，共有基层党支部186个。 | 12个 | orgs_by_type | amount
集团公司党委所属各级党组织296个，其中党委18个、党总支26个、党支部252个。 | 296个 | orgs_total | amount
集团公司党委所属各级党组织296个，其中党委18个、党总支26个、党支部252个。 | 26个 | orgs_by_type | amount
村党总支下设4个党支部，共有党员132名，预备党员3名。 | 3名 | members_probationary | amount
全街道23个社区均成立了社区党委，辖区内286家非公企业建立党组织216个。 | 23个 | org_coverage | amount
全区已建立党组织的社会组织186家，党的工作覆盖率达到100%。 | 186家 | org_coverage | amount
开展“星级评定”，评定五星级党支部56个，四星级党支部128个。 | 128个 | model_orgs | amount
全年共有126个村（社区）党组织完成换届选举。 | 126个 | org_elections | amount
全县各级党组织排查出软弱涣散党组织23个，其中村级17个、社区6个。 | 23个 | weak_orgs | amount
全县选派驻村工作队286支、队员856名。 | 286支 | first_secretaries | amount
全县选派驻村工作队286支、队员856名。 | 856名 | first_secretaries | amount
村党组织书记中，45岁以下的占38.2%，高中以上文化程度的占76.5%。 | 38.2% | village_secretaries | share
村党组织书记中，45岁以下的占38.2%，高中以上文化程度的占76.5%。 | 76.5% | village_secretaries | share
全市村党组织书记和村委会主任“一肩挑”的村达到1368个，占92.6%。 | 92.6% | village_secretaries | share
建立村级后备人才库，储备后备人才3260名。 | 3260名 | reserve_cadres | amount
全年选聘专职党务工作者260名。 | 260名 | cadres_selected | amount
全年对党员开展集中轮训，共轮训党员2.6万名，实现全覆盖。 | 2.6万名 | training_participants | amount
依托党校、党员教育基地举办培训班320期，培训党员干部3.6万人次。 | 320期 | training_sessions | amount
依托党校、党员教育基地举办培训班320期，培训党员干部3.6万人次。 | 3.6万人次 | training_participants | amount
全市组织开展宣讲活动2200余场，受众20余万人次。 | 2200余场 | study_activities | amount
全市组织开展宣讲活动2200余场，受众20余万人次。 | 20余万人次 | training_participants | amount
组织党员志愿者开展服务1.2万人次，服务时长超5万小时。 | 1.2万人次 | volunteers | amount
全市8600余名在职党员到社区报到，认领服务岗位1.2万个。 | 8600余名 |  | amount
建成“党员之家”126个，新建、改扩建党群服务中心46个。 | 46个 | service_centres | amount
帮助群众解决实际困难1860件。 | 1860件 | practical_matters | amount
累计受理群众诉求3.2万件，按期办结3.1万件，办结率96.9%。 | 3.1万件 | practical_matters | amount
全区建成网格党小组860个，网格员2100名。 | 2100名 | grids | amount
开展联建共建活动320余次，签约共建项目86个。 | 86个 | joint_building | amount
全县村集体经济收入超过100万元的村有12个。 | 12个 | villages_by_income | amount
实现村集体经营性收入全部超过5万元，其中超过20万元的村68个。 | 68个 | villages_by_income | amount
全镇村集体经济收入总额同比增长21.6%。 | 21.6% | collective_income | change
市县两级财政投入村级组织运转经费1.6亿元。 | 1.6亿元 | funds | amount
全县下拨党费65万元，用于困难党员帮扶。 | 65万元 | party_dues | amount
将村干部基本报酬标准提高至每人每年3.6万元。 | 3.6万元 | cadre_pay | amount
全年新招录社区工作者126人，社区工作者总数达到1860人。 | 1860人 | community_workers | amount
为非公企业和社会组织选派党建指导员1260名。 | 1260名 | party_instructors | amount
流动党员纳入管理率达到98%。 | 98% | floating_members | share
查摆问题1.2万个，整改完成率95.3%。 | 95.3% | problems_found_solved | share
全区共有党员9860名，较上年末增加1.6%。 | 1.6% | members_total | change
党组织数量比上年增加23个，增长3.1%。 | 23个 | orgs_total | change
党组织数量比上年增加23个，增长3.1%。 | 3.1% | orgs_total | change
全市党员人数较2021年底增加4260名。 | 4260名 | members_total | change
全市党员人数同比增长2.3%。 | 2.3% | members_total | change
发展党员数同比下降12.5%。 | 12.5% | members_recruited | change
新发展党员中35岁及以下占比较上年提高3.2个百分点。 | 3.2个百分点 | recruits_profile | change
村集体经济收入由2019年的860万元增至2022年的2350万元。 | 2350万元 | collective_income | amount
女党员比例由24.1%提高到26.8%。 | 26.8% | members_female | share
到2025年，全县村级集体经济收入10万元以上的村要达到100%。 | 100% | villages_by_income | target
确保每个村集体经济收入不低于5万元。 | 5万元 | collective_income | target
争取全年发展党员不少于300名。 | 300名 | members_recruited | target
目标是建成标准化党支部500个。 | 500个 | model_orgs | target
预计全年培训党员2万人次。 | 2万人次 | training_participants | target
要求每个党支部每年至少开展4次主题党日活动。 | 4次 | study_activities | target
已累计建成党群服务中心136个，超额完成年度计划。 | 136个 | service_centres | amount
全年计划培训500人，实际培训620人。 | 620人 | training_participants | amount
全年计划培训500人，实际培训620人。 | 500人 | training_participants | target
平均每个党支部有党员18名。 | 18名 | members_total | amount
村党组织书记平均年龄由52.6岁下降到47.8岁。 | 47.8岁 | village_secretaries | amount
全县党员中，60岁以上的占35.6%。 | 35.6% | members_old | share
全村共有农户326户、人口1260人，耕地面积3200亩。 | 1260人 |  | amount
全村共有农户326户、人口1260人，耕地面积3200亩。 | 326户 |  | amount
2022年村民人均可支配收入达到1.8万元。 | 1.8万元 |  | amount
全年接待游客12万人次，实现旅游收入860万元。 | 12万人次 |  | amount
全年接待游客12万人次，实现旅游收入860万元。 | 860万元 |  | amount
为群众发放小额贷款2000万元。 | 2000万元 |  | amount
新修通村道路12公里，安装路灯360盏。 | 360盏 |  | amount
党员群众自愿捐款12.6万元。 | 12.6万元 |  | amount
引进企业8家，新增就业岗位560个。 | 560个 |  | amount
全镇有小学3所、卫生院1个。 | 3所 |  | amount
全县共有各类市场主体2.6万户。 | 2.6万户 |  | amount
全年共受理各类案件320件。 | 320件 |  | amount
全市共有离休干部326名。 | 326名 |  | amount
村“两委”班子成员平均年龄42岁。 | 42岁 |  | amount
全市共有1.2万名村（社区）“两委”成员。 | 1.2万名 |  | amount
全年处分党员干部56人。 | 56人 |  | amount
全年共处置不合格党员12名。 | 12名 |  | amount
表彰优秀共产党员200名、优秀党务工作者50名、先进基层党组织80个。 | 200名 |  | amount
表彰优秀共产党员200名、优秀党务工作者50名、先进基层党组织80个。 | 80个 | model_orgs | amount
开展谈心谈话1200余人次。 | 1200余人次 |  | amount
召开民主生活会36场。 | 36场 |  | amount
共发放宣传资料3万余份。 | 3万余份 |  | amount
二、党员队伍结构。全区党员中，女党员2316名，占28.6%；35岁及以下党员1502名，占18.5%；大专及以上学历党员4120名，占50.9%。 | 2316名 | members_female | amount
二、党员队伍结构。全区党员中，女党员2316名，占28.6%；35岁及以下党员1502名，占18.5%；大专及以上学历党员4120名，占50.9%。 | 50.9% | members_college | share
三、党组织情况。全区共有基层党组织612个，其中党委35个，党总支28个，党支部549个。 | 612个 | orgs_total | amount
三、党组织情况。全区共有基层党组织612个，其中党委35个，党总支28个，党支部549个。 | 28个 | orgs_by_type | amount
党员发展情况。全年发展党员356名，其中女性148名，35岁及以下的301名，大专及以上学历的226名。 | 226名 | recruits_profile | amount
党员发展情况。全年发展党员356名，其中女性148名，35岁及以下的301名，大专及以上学历的226名。 | 301名 | recruits_profile | amount
本村现有党员36名，其中预备党员2名，女党员5名，流动党员4名。 | 4名 | floating_members | amount
本村现有党员36名，其中预备党员2名，女党员5名，流动党员4名。 | 5名 | members_female | amount
学院党委现有党员682名，其中学生党员526名，教职工党员156名，下设党支部21个。 | 21个 | orgs_by_type | amount
学院党委现有党员682名，其中学生党员526名，教职工党员156名，下设党支部21个。 | 682名 | members_total | amount
全年学生入党积极分子培训班共培训学员860人。 | 860人 | training_participants | amount
公司现有员工3260人，党员826名，占员工总数的25.3%。 | 826名 | members_total | amount
公司现有员工3260人，党员826名，占员工总数的25.3%。 | 25.3% | members_total | share
公司现有员工3260人，党员826名，占员工总数的25.3%。 | 3260人 |  | amount
本报讯 截至2022年12月31日，全省党员总数为389.6万名，比上年净增6.8万名。党的基层组织总数为15.2万个，比上年增加0.3万个。 | 6.8万名 | members_total | change
本报讯 截至2022年12月31日，全省党员总数为389.6万名，比上年净增6.8万名。党的基层组织总数为15.2万个，比上年增加0.3万个。 | 0.3万个 | orgs_total | change
2022年全省发展党员11.8万名。发展的党员中，女性5.3万名，占44.9%；35岁及以下的9.6万名，占81.4%。 | 44.9% | recruits_profile | share
2022年全省发展党员11.8万名。发展的党员中，女性5.3万名，占44.9%；35岁及以下的9.6万名，占81.4%。 | 9.6万名 | recruits_profile | amount
全省1362个乡镇、2.4万个行政村、4320个社区已全部建立党组织。 | 2.4万个 | org_coverage | amount
全省1362个乡镇、2.4万个行政村、4320个社区已全部建立党组织。 | 4320个 | org_coverage | amount
党员总数 1086  党支部数 26  入党积极分子 58 | 58 | applicants_activists | amount
本人任职以来，共发展党员6名，培养入党积极分子12名，带领村集体经济收入从2万元增加到15万元。 | 15万元 | collective_income | amount
本人任职以来，共发展党员6名，培养入党积极分子12名，带领村集体经济收入从2万元增加到15万元。 | 6名 | members_recruited | amount
今年以来，镇党委共召开党建工作专题会议12次，开展专题党课8场。 | 12次 |  | amount
全县党员总数达到2.3万名。与上年相比，增加了560名。 | 560名 | members_total | change
全县新发展党员312名，同比增长5.1%。 | 5.1% | members_recruited | change
今年共发展党员86名，较去年同期增加12名。 | 12名 | members_recruited | change
全市党员志愿者总数达到3.6万名，比上年增长15.2%。 | 15.2% | volunteers | change
党校全年举办主体班次16期，培训学员1820名。 | 1820名 | training_participants | amount
全年为党员群众提供服务3.6万人次。 | 3.6万人次 | people_served | amount
开展主题教育活动560余场次。 | 560余场次 | study_activities | amount
组织党员参观红色教育基地126批次、3200余人次。 | 3200余人次 | training_participants | amount
共对56名不胜任的村党组织书记进行了调整。 | 56名 | village_secretaries | amount
全市机关、事业单位党组织覆盖率均为100%。 | 100% | org_coverage | share
在458家规模以上民营企业中，建立党组织的有451家。 | 451家 | org_coverage | amount
社区“大党委”吸纳兼职委员236名。 | 236名 |  | amount
女党员、少数民族党员分别为3260名、860名。 | 860名 | members_minority | amount
党员中工人、农民分别占8.2%和36.5%。 | 36.5% | members_by_occupation | share
全县党员总数和党组织总数分别比上年增长2.1%和1.6%。 | 1.6% | orgs_total | change
新发展党员中，大专以上学历和35岁以下的分别占42.6%和81.3%。 | 81.3% | recruits_profile | share
党员总数：2860名；党组织数：126个；入党积极分子：215名。 | 126个 | orgs_total | amount
党员总数：2860名；党组织数：126个；入党积极分子：215名。 | 215名 | applicants_activists | amount
预备党员：36名 | 36名 | members_probationary | amount
全县现有村（社区）党组织书记326名，平均年龄46岁，大专以上学历的占41.2%。 | 46岁 | village_secretaries | amount
全县现有村（社区）党组织书记326名，平均年龄46岁，大专以上学历的占41.2%。 | 41.2% | village_secretaries | share
选优配强村（社区）党组织书记，新选任村党组织书记86名，其中35岁以下的23名。 | 86名 | village_secretaries | amount
建立“红色物业”党组织58个，覆盖小区312个。 | 58个 | orgs_founded | amount
全市7.6万名在职党员到社区报到，认领岗位2.3万个。 | 7.6万名 |  | amount
全市各级党组织共为党员过“政治生日”1.2万人次。 | 1.2万人次 |  | amount
开展党员积分制管理的村达到326个，占比91.2%。 | 91.2% |  | share
""".strip().splitlines()]
#: Probe sentences written while the fifth blind part was studied, across the core indicators, the
#: kinds and the grammar of lists (其中, 分别, 占, elided subjects), and numbers that must stay
#: unmapped (population, area, output, local committees, other services' venues, age bands in the
#: middle). Those whose expectation proved arguable were dropped, not forced.
PROBES += [tuple(line.split(" | ")) for line in """
截至2022年底，全区共有党员3.2万名，其中预备党员860名，女党员9800名。 | 860名 | members_probationary | amount
截至2022年底，全区共有党员3.2万名，其中预备党员860名，女党员9800名。 | 9800名 | members_female | amount
全县党员中，女党员、少数民族党员、大专以上学历党员分别占28.1%、12.4%和39.6%。 | 39.6% | members_college | share
全县党员中，女党员、少数民族党员、大专以上学历党员分别占28.1%、12.4%和39.6%。 | 12.4% | members_minority | share
全市党员总数较上年增加1860名，增长2.3%。 | 2.3% | members_total | change
全市党员总数较上年增加1860名，增长2.3%。 | 1860名 | members_total | change
今年计划发展党员120名，力争35岁以下的占60%以上。 | 120名 | members_recruited | target
今年计划发展党员120名，力争35岁以下的占60%以上。 | 60% | recruits_profile | target
全镇12个村集体经济收入均超过10万元，村均收入18.6万元。 | 12个 | villages_by_income | amount
全镇12个村集体经济收入均超过10万元，村均收入18.6万元。 | 18.6万元 | collective_income | amount
全年村级集体经济总收入达到860万元，同比增长15.2%。 | 15.2% | collective_income | change
选派32名优秀干部到村担任第一书记。 | 32名 | first_secretaries | amount
全县共有村党组织书记216名，其中女性书记18名，平均年龄45.3岁。 | 18名 | village_secretaries | amount
全县共有村党组织书记216名，其中女性书记18名，平均年龄45.3岁。 | 45.3岁 | village_secretaries | amount
全市共有两新组织党组织1260个，覆盖企业和社会组织3580家。 | 1260个 | new_sector_orgs | amount
全区有流动党员1320名，纳入管理1286名，纳管率97.4%。 | 97.4% | floating_members | share
全年共收缴党费286.5万元。 | 286.5万元 | party_dues | amount
全县投入村级组织运转经费1200万元。 | 1200万元 | funds | amount
村干部基本报酬每人每月2800元。 | 2800元 | cadre_pay | amount
全县有5名公务员到村任职，3名选调生到乡镇任职。 | 5名 | cadres_selected | amount
全县有5名公务员到村任职，3名选调生到乡镇任职。 | 3名 | cadres_selected | amount
县直32个部门分别联系挂钩18个贫困村。 | 32个 | joint_building | amount
县直32个部门分别联系挂钩18个贫困村。 | 18个 | joint_building | amount
全市共排查出口袋党员56名，全部转接组织关系。 | 56名 | floating_members | amount
在企业中找到隐形党员230名。 | 230名 | floating_members | amount
全省党员中，30岁及以下的15.2万名，31至45岁的28.6万名，46至60岁31.0万名，61岁及以上的22.1万名。 | 31.0万名 |  | amount
全省党员中，30岁及以下的15.2万名，31至45岁的28.6万名，46至60岁31.0万名，61岁及以上的22.1万名。 | 22.1万名 | members_old | amount
全省党员中，30岁及以下的15.2万名，31至45岁的28.6万名，46至60岁31.0万名，61岁及以上的22.1万名。 | 28.6万名 |  | amount
全市共有市辖区党委6个，街道党工委42个，社区党委120个。 | 6个 |  | amount
全市共有市辖区党委6个，街道党工委42个，社区党委120个。 | 120个 | orgs_by_type | amount
具备建立党组织条件的非公有制企业1860家，已建立党组织1802家，占96.9%。 | 1860家 |  | amount
具备建立党组织条件的非公有制企业1860家，已建立党组织1802家，占96.9%。 | 1802家 | org_coverage | amount
向全市120家非公企业派驻党建指导员150名。 | 150名 | party_instructors | amount
下派新农村建设指导员300名进驻行政村。 | 300名 | first_secretaries | amount
向46个软弱涣散村选派驻村工作队46支。 | 46个 | first_secretaries | amount
向全县各村选派大学生村官120名。 | 120名 | cadres_selected | amount
全年新发展党员320名，比上年减少15名。 | 15名 | members_recruited | change
全区各级党组织开展“三会一课”2.6万次。 | 2.6万次 | study_activities | amount
全区共有社区工作者1230名，其中持证社工420名。 | 1230名 | community_workers | amount
全县234个村全部建立了便民服务站。 | 234个 | service_centres | amount
2022年，全市党员志愿者参与志愿服务12.3万人次。 | 12.3万人次 | volunteers | amount
共调解矛盾纠纷860起，调解成功率98.5%。 | 98.5% | disputes | share
全市共有网格1860个，配备网格员2100名。 | 1860个 | grids | amount
全县培养村级后备力量人选620名。 | 620名 | reserve_cadres | amount
全市共评选出五星级党支部120个。 | 120个 | model_orgs | amount
整顿软弱涣散基层党组织42个。 | 42个 | weak_orgs | amount
全县新成立党组织32个，其中非公企业党组织18个。 | 32个 | orgs_founded | amount
全区共有入党积极分子860名，发展对象320名。 | 320名 | applicants_activists | amount
预计年底前党组织覆盖率达到98%。 | 98% | org_coverage | target
全市共有党员25.3万名，比上年底增加0.8万名，增幅3.3%。 | 3.3% | members_total | change
其中，村办公经费每村每年3万元，社区每年5万元。 | 5万元 | funds | amount
2022年共培训党员干部1.2万人次，举办培训班86期。 | 86期 | training_sessions | amount
2022年共培训党员干部1.2万人次，举办培训班86期。 | 1.2万人次 | training_participants | amount
全校学生党员1260名，占学生总数的6.2%。 | 6.2% | members_by_occupation | share
在册党员180名，其中外出务工党员42名。 | 42名 | floating_members | amount
全县为困难党员发放慰问金36万元。 | 36万元 | funds | amount
全县为困难党员发放慰问金36万元，慰问困难党员1200名。 | 1200名 | members_cared_for | amount
新建党群服务中心26个。 | 26个 | service_centres | amount
2022年，全市基层党组织达到1.2万个，增长3.1%。 | 3.1% | orgs_total | change
全市非公企业党组织覆盖率由65%提高到86%。 | 86% | org_coverage | share
全市非公企业党组织覆盖率由65%提高到86%。 | 65% | org_coverage | share
全乡共有党员486名，其中女党员72名、少数民族党员35名，分别占14.8%和7.2%。 | 7.2% | members_minority | share
全乡共有党员486名，其中女党员72名、少数民族党员35名，分别占14.8%和7.2%。 | 14.8% | members_female | share
全市新发展党员2860名，其中女性1120名，占39.2%；35岁及以下2310名，占80.8%。 | 80.8% | recruits_profile | share
全市新发展党员2860名，其中女性1120名，占39.2%；35岁及以下2310名，占80.8%。 | 1120名 | recruits_profile | amount
全县党员总数达到1.86万名，比2021年底增加426名。 | 426名 | members_total | change
全县党员总数达到1.86万名，比2021年底增加426名。 | 1.86万名 | members_total | amount
全区基层党组织总数为926个，较上年减少12个。 | 12个 | orgs_total | change
全区现有党支部812个，比上年增加21个。 | 21个 | orgs_by_type | change
全镇党员平均年龄56.2岁，比上年下降1.3岁。 | 56.2岁 |  | amount
村级集体经济收入10万元以上的村达到86个，占全县行政村的42.6%。 | 86个 | villages_by_income | amount
村级集体经济收入10万元以上的村达到86个，占全县行政村的42.6%。 | 42.6% | villages_by_income | share
全面消除集体经济收入5万元以下的村，薄弱村由32个减少到6个。 | 6个 | villages_by_income | amount
全县共选派第一书记126名、驻村工作队员378名。 | 378名 | first_secretaries | amount
全县村党组织书记中，具有大专以上学历的占38.6%，致富能手占61.2%。 | 38.6% | village_secretaries | share
全县村党组织书记中，具有大专以上学历的占38.6%，致富能手占61.2%。 | 61.2% | village_secretaries | share
全县实现村党组织书记、村委会主任“一肩挑”的村186个，占92.1%。 | 92.1% | village_secretaries | share
全年共查摆问题1260个，已整改1198个，整改率95.1%。 | 95.1% | problems_found_solved | share
全年共查摆问题1260个，已整改1198个，整改率95.1%。 | 1198个 | problems_found_solved | amount
全县有非公有制企业2360家，其中已建立党组织的1780家，覆盖率75.4%。 | 1780家 | org_coverage | amount
全县有非公有制企业2360家，其中已建立党组织的1780家，覆盖率75.4%。 | 75.4% | org_coverage | share
全县社会组织党组织覆盖率达到100%。 | 100% | org_coverage | share
共接收大学毕业生党员组织关系236个。 | 236个 |  | amount
全年处置不合格党员12名。 | 12名 |  | amount
各级财政投入党建经费3600万元，比上年增长12%。 | 12% | funds | change
全区累计投入党群服务中心建设资金2.3亿元。 | 2.3亿元 | funds | amount
村集体经济收入平均达到15.6万元，同比增长8.3%。 | 8.3% | collective_income | change
全县共有村（社区）“两委”干部1860名，平均年龄42岁。 | 42岁 |  | amount
全县35岁以下村（社区）“两委”干部占比达到28.5%。 | 28.5% |  | share
培训农村党员2.3万人次，占农村党员总数的93%。 | 93% | training_participants | share
全县举办各类培训班126期，培训党员干部8600人次。 | 126期 | training_sessions | amount
截至目前，全市共建成党群服务中心1230个，实现村（社区）全覆盖。 | 1230个 | service_centres | amount
全市共有在职党员到社区报到3.2万名，认领服务项目5600个。 | 3.2万名 |  | amount
全省民营企业党组织数量比上年增长6.2%。 | 6.2% | new_sector_orgs | change
全县党员中，农牧民党员5620名，占46.3%；工人党员860名，占7.1%。 | 7.1% | members_by_occupation | share
全县党员中，农牧民党员5620名，占46.3%；工人党员860名，占7.1%。 | 5620名 | members_by_occupation | amount
全年共慰问老党员、困难党员1260人次，发放慰问金金额86万元。 | 1260人次 | members_cared_for | amount
今年全县计划新建党群服务中心20个，新建党组织15个。 | 15个 | orgs_founded | target
到2025年，全县党组织覆盖率要达到95%以上。 | 95% | org_coverage | target
全县村集体经济收入预计达到3200万元。 | 3200万元 | collective_income | target
全县共有退役军人担任村党组织书记的38名。 | 38名 | village_secretaries | amount
全区共有流动党员820名，其中省外流动党员310名。 | 310名 | floating_members | amount
全年处分党员28名，其中开除党籍6名。 | 28名 |  | amount
全县共有党员队伍3.6万人，基层党组织1620个，其中党委68个、党总支52个、党支部1500个。 | 1620个 | orgs_total | amount
全县共有党员队伍3.6万人，基层党组织1620个，其中党委68个、党总支52个、党支部1500个。 | 1500个 | orgs_by_type | amount
全县共有党员队伍3.6万人，基层党组织1620个，其中党委68个、党总支52个、党支部1500个。 | 3.6万人 | members_total | amount
2022年全市新增党员3200名，党员总数净增1.1%。 | 1.1% | members_total | change
全县有农村党员1.2万名，占党员总数的65%。 | 65% |  | share
全镇现有预备党员46名，正式党员1236名。 | 46名 | members_probationary | amount
全县有党员的非公企业860家，全部建立了党组织。 | 860家 | org_coverage | amount
全县发展党员任务完成率100%。 | 100% | members_recruited | share
全县3个乡镇、28个村完成换届选举。 | 28个 | org_elections | amount
全县党员人数较2020年增长了5.6%。 | 5.6% | members_total | change
党组织覆盖率同比提高3.2个百分点。 | 3.2个百分点 | org_coverage | change
全市村集体经济收入超过10万元的村比上年增加42个。 | 42个 | villages_by_income | change
全县女党员比例提高到26.3%。 | 26.3% | members_female | share
全县女党员比例由22.1%提高到26.3%。 | 22.1% | members_female | share
计划到2024年底前实现党组织全覆盖，覆盖率100%。 | 100% | org_coverage | target
拟发展党员85名。 | 85名 | members_recruited | target
全年发展党员计划完成率达到102%。 | 102% | members_recruited | share
党员队伍中大专及以上学历的比重上升至48.2%。 | 48.2% | members_college | share
全镇共有党员632名，比上年净减8名。 | 8名 | members_total | change
全镇共有党员632名，年均增长1.2%。 | 1.2% | members_total | change
全省流动党员数量下降了12.6%。 | 12.6% | floating_members | change
截至6月底，已完成全年目标任务的65%。 | 65% |  | share
全县共有党员5222名，较上年增加106名，其中新发展党员128名。 | 128名 | members_recruited | amount
全年共争取上级资金860万元，用于村级活动场所建设。 | 860万元 | funds | amount
全县村干部报酬平均每人每年3.6万元，比上年提高0.5万元。 | 0.5万元 | cadre_pay | change
2023年计划培训党员1.5万人次。 | 1.5万人次 | training_participants | target
全县共有党员8620名。其中，女党员1560名，占18.1%。 | 18.1% | members_female | share
全县共有党员8620名。比上年增加120名。 | 120名 | members_total | change
全县共有基层党组织426个，党员8620名，分别比上年增加12个和230名。 | 230名 | members_total | change
全县共有基层党组织426个，党员8620名，分别比上年增加12个和230名。 | 12个 | orgs_total | change
全市社区党组织书记、主任“一肩挑”比例达到96.5%。 | 96.5% | village_secretaries | share
全市选聘社区专职工作者860名。 | 860名 | community_workers | amount
共有1260名党员到社区报到，开展志愿服务3600余次。 | 3600余次 | volunteers | amount
全市共设立流动党员服务站32个。 | 32个 | floating_members | amount
全县有村级党组织活动场所186个，面积均在200平方米以上。 | 186个 | service_centres | amount
全县12个乡镇党委均建立了党建工作领导小组。 | 12个 |  | amount
全镇村党组织书记平均年龄从52岁下降到46岁。 | 46岁 | village_secretaries | amount
全县建立党员中心户860户，每户联系群众10户左右。 | 860户 |  | amount
全区共建立区域化党建联盟26个，吸纳成员单位320家。 | 26个 | joint_building | amount
全年为群众办实事1260件。 | 1260件 | practical_matters | amount
开展“我为群众办实事”实践活动，解决群众急难愁盼问题3200个。 | 3200个 | problems_found_solved | amount
全县共评定四星级以上党支部86个，占比21%。 | 86个 | model_orgs | amount
全县共评定四星级以上党支部86个，占比21%。 | 21% | model_orgs | share
各级党组织共排查软弱涣散村党组织38个，已全部完成整顿。 | 38个 | weak_orgs | amount
全县村集体经济收入超过50万元的村有12个，10万元至50万元的村有86个。 | 86个 | villages_by_income | amount
全县村集体经济收入超过50万元的村有12个，10万元至50万元的村有86个。 | 12个 | villages_by_income | amount
县财政每年安排党建专项经费500万元。 | 500万元 | funds | amount
社区工作者月平均工资4200元。 | 4200元 | cadre_pay | amount
全县共储备村级后备干部560名，其中35岁以下的320名。 | 320名 | reserve_cadres | amount
全年新发展党员中，农民党员占42.1%。 | 42.1% | recruits_profile | share
全市累计培训党务工作者3.2万人次。 | 3.2万人次 | training_participants | amount
全县共有网格员1230名，其中专职网格员320名。 | 320名 | grids | amount
全市共有入党申请人3.2万名，比上年增加0.2万名。 | 0.2万名 | applicants_activists | change
全年确定发展对象560名，列为入党积极分子1230名。 | 1230名 | applicants_activists | amount
全年接收预备党员486名，按期转正412名。 | 486名 | members_recruited | amount
全年共有412名预备党员按期转为正式党员。 | 412名 | members_probationary | amount
全县共有大学本科学历党员2360名。 | 2360名 | members_college | amount
全县党员中具有高中以下学历的占52.3%。 | 52.3% |  | share
全县党员平均年龄51.6岁。 | 51.6岁 |  | amount
全省共评选表彰先进基层党组织320个、优秀共产党员860名。 | 320个 | model_orgs | amount
全省共评选表彰先进基层党组织320个、优秀共产党员860名。 | 860名 |  | amount
全区创建星级党组织126个，其中五星级32个。 | 32个 | model_orgs | amount
全县174个村党组织按期完成换届，换届率100%。 | 174个 | org_elections | amount
全县共储备村级后备力量1120人，平均年龄36岁。 | 36岁 | reserve_cadres | amount
全县村干部报酬全部纳入财政预算，人均年报酬3.2万元。 | 3.2万元 | cadre_pay | amount
举办村（社区）党组织书记示范培训班6期，培训320人。 | 320人 | training_participants | amount
举办村（社区）党组织书记示范培训班6期，培训320人。 | 6期 | training_sessions | amount
全县开展党史宣讲860场次，受众5.6万人次。 | 860场次 | study_activities | amount
全县党员志愿服务队达到312支，注册志愿者1.2万名。 | 312支 | volunteers | amount
全县划分网格1260个，配备专兼职网格员1500名。 | 1260个 | grids | amount
全年排查化解矛盾纠纷1860件，化解率97.8%。 | 97.8% | disputes | share
全年梳理问题清单320项，整改完成312项。 | 312项 | problems_found_solved | amount
全区实施党建引领项目86个，投入资金2300万元。 | 86个 | party_projects | amount
全区实施党建引领项目86个，投入资金2300万元。 | 2300万元 | funds | amount
全县186个村集体经济收入全部达到5万元以上，其中超过20万元的村42个。 | 42个 | villages_by_income | amount
全县村级集体经济总收入1.2亿元，村均64.5万元。 | 64.5万元 | collective_income | amount
全年党费收入860万元，下拨基层党组织党费320万元。 | 320万元 | party_dues | amount
全县建成标准化党群服务中心186个，覆盖率100%。 | 186个 | service_centres | amount
全市已建立党组织的社会组织1260家，社会组织党组织覆盖率达到78.6%。 | 78.6% | org_coverage | share
全市社会组织党的工作覆盖率100%。 | 100% | org_coverage | share
全县共有两新组织党员3200名。 | 3200名 | new_sector_orgs | amount
全县共整顿提升后进村党组织26个。 | 26个 | weak_orgs | amount
2022年全区共发展党员520名，其中女性185名，少数民族62名，大专及以上学历298名。 | 298名 | recruits_profile | amount
全区共有在职党员3.6万名、离退休党员1.2万名。 | 1.2万名 | members_by_occupation | amount
全县选派第一书记和驻村工作队员共360名。 | 360名 | first_secretaries | amount
全县社区工作者队伍达到1860人，持证率42%。 | 1860人 | community_workers | amount
全县共选派党建工作指导员320名进驻非公企业。 | 320名 | party_instructors | amount
全年为群众办实事好事3200余件。 | 3200余件 | practical_matters | amount
全县党员服务群众8.6万人次。 | 8.6万人次 | people_served | amount
全市联建共建单位达到860个。 | 860个 | joint_building | amount
全市流动党员中，省外流动党员3200名，占41%。 | 41% | floating_members | share
全县60岁以上党员占党员总数的38.2%。 | 38.2% | members_old | share
全县35岁以下的党员有2300名。 | 2300名 | members_young | amount
全县女党员所占比例达26.1%，少数民族党员所占比例为8.2%。 | 8.2% | members_minority | share
一年来，我镇新发展党员18名，转正预备党员15名。 | 15名 | members_probationary | amount
本人2022年走访困难党员36人次，为群众解决实际问题42件。 | 36人次 | members_cared_for | amount
我村现有党员46名，其中女党员8名，60岁以上党员22名。 | 22名 | members_old | amount
我村现有党员46名，其中女党员8名，60岁以上党员22名。 | 46名 | members_total | amount
学院现有学生党员326名，占学生总数的9.8%；入党积极分子612名。 | 612名 | applicants_activists | amount
学院现有学生党员326名，占学生总数的9.8%；入党积极分子612名。 | 326名 | members_by_occupation | amount
学院党委下设教工党支部8个、学生党支部12个。 | 12个 | orgs_by_type | amount
公司党委下辖基层党支部26个，共有党员1120名。 | 1120名 | members_total | amount
公司党委下辖基层党支部26个，共有党员1120名。 | 26个 | orgs_by_type | amount
全市共有快递、外卖等新就业群体党员2300名。 | 2300名 | new_sector_orgs | amount
全市规模以上非公企业党组织覆盖率达到92%。 | 92% | org_coverage | share
全市共向非公企业选派党建指导员1260名，实现有党员企业全覆盖。 | 1260名 | party_instructors | amount
全市累计建成“红色驿站”320个。 | 320个 | service_centres | amount
全县各级党组织共开展主题党日活动3600余次。 | 3600余次 | study_activities | amount
全县共有乡镇党委12个、村党支部186个、社区党支部9个。 | 186个 | orgs_by_type | amount
全区党员总量达到6.2万名，同比增长1.8%。 | 1.8% | members_total | change
全区党员总量达到6.2万名，同比增长1.8%。 | 6.2万名 | members_total | amount
全省农村党员占党员总数的31.6%。 | 31.6% |  | share
全市第一书记共争取项目资金3.2亿元。 | 3.2亿元 | funds | amount
全县党组织书记平均年龄由49.8岁下降到45.6岁。 | 45.6岁 |  | amount
全县共有机关党组织326个，事业单位党组织512个。 | 512个 | orgs_by_type | amount
截至2023年6月，全省党员总数为365.2万名。 | 365.2万名 | members_total | amount
全省基层党组织总数为15.6万个，比上年增加0.3万个。 | 0.3万个 | orgs_total | change
全县党员中，男党员4200名、女党员1300名，分别占76.4%、23.6%。 | 23.6% | members_female | share
全县党员中，男党员4200名、女党员1300名，分别占76.4%、23.6%。 | 1300名 | members_female | amount
全年发展党员中，女性和少数民族分别为86名和23名。 | 23名 | recruits_profile | amount
全县共有党组织386个。其中，党委21个，党总支18个，党支部347个。 | 347个 | orgs_by_type | amount
全县有党员3200名，其中农村党员2100名、城镇党员1100名；女党员680名，占21.3%。 | 21.3% | members_female | share
全县流动党员326名，占党员总数的6.8%，比上年下降0.5个百分点。 | 0.5个百分点 | floating_members | change
全县流动党员326名，占党员总数的6.8%，比上年下降0.5个百分点。 | 6.8% | floating_members | share
村集体经济收入10万元以上的村占比由35%提高到62%，提高27个百分点。 | 27个百分点 | villages_by_income | change
全市共有党员12.6万名，其中，预备党员0.3万名，占2.4%。 | 2.4% | members_probationary | share
截至年底，全区已建立党组织的非公企业占比为86.2%。 | 86.2% | org_coverage | share
全县大专以上学历的村党组织书记126名，占书记总数的58%。 | 58% | village_secretaries | share
全县党员队伍中，35岁及以下的占18.6%，60岁以上的占36.2%。 | 36.2% | members_old | share
全县党员队伍中，35岁及以下的占18.6%，60岁以上的占36.2%。 | 18.6% | members_young | share
新发展党员中，35岁以下的占85%，大专以上学历的占46%，女性占38%。 | 38% | recruits_profile | share
全市非公企业中，已有3260家建立了党组织，占应建企业的95%。 | 3260家 | org_coverage | amount
全区新组建社会组织党组织46个，新增党员人数120名。 | 46个 | orgs_founded | amount
全区在商圈、市场建立功能型党支部28个。 | 28个 | orgs_founded | amount
全区28个商务楼宇全部建立了党组织。 | 28个 | org_coverage | amount
依托产业链建立联合党委12个，覆盖上下游企业180家。 | 180家 | org_coverage | amount
全省共有互联网企业党组织860个。 | 860个 | new_sector_orgs | amount
全县与驻地单位签订共建协议56份。 | 56份 | joint_building | amount
全市开展村企结对共建，326家企业与412个村结成对子。 | 326家 | joint_building | amount
全县选调优秀年轻干部32名到乡镇工作。 | 32名 | cadres_selected | amount
县里为每个村配备1名专职党务工作者，共186名。 | 186名 |  | amount
全县公开招聘社区专职网格员260名。 | 260名 | grids | amount
全县选聘了大学生村官86名，其中进入村“两委”班子的32名。 | 86名 | cadres_selected | amount
各级财政累计投入村级阵地建设资金1.6亿元。 | 1.6亿元 | funds | amount
全县为村干部购买养老保险，人均每年补贴1200元。 | 1200元 | cadre_pay | amount
全县组织党员干部开展“联户帮扶”，结对帮扶困难群众2300户。 | 2300户 | people_served | amount
全市村级党组织书记中，致富带头人占68.5%。 | 68.5% | village_secretaries | share
全县12名乡镇党委书记全部完成述职。 | 12名 |  | amount
全年新建、改扩建村级党群服务中心42个。 | 42个 | service_centres | amount
今年一季度，全市村集体经济收入达到1.2亿元，同比增长18%。 | 18% | collective_income | change
全区共有党员志愿者2.6万名，累计服务时长超过30万小时。 | 2.6万名 | volunteers | amount
全区共有党员志愿者2.6万名，累计服务时长超过30万小时。 | 30万小时 | volunteers | amount
全村共有户籍人口1260户4380人，耕地面积3600亩。 | 1260户 |  | amount
全村共有户籍人口1260户4380人，耕地面积3600亩。 | 4380人 |  | amount
全镇辖12个行政村、2个社区，总人口3.2万人。 | 12个 |  | amount
全镇辖12个行政村、2个社区，总人口3.2万人。 | 2个 |  | amount
2022年全县地区生产总值完成186亿元，同比增长6.5%。 | 6.5% |  | change
农民人均可支配收入1.86万元，增长7.2%。 | 1.86万元 |  | amount
全县有非公有制企业3260家，从业人员4.6万人。 | 3260家 |  | amount
全县有非公有制企业3260家，从业人员4.6万人。 | 4.6万人 |  | amount
全市共有县（市、区）委12个，乡镇党委126个。 | 12个 |  | amount
全村党员中，36至55岁的42名，占46%。 | 42名 |  | amount
全村党员中，36至55岁的42名，占46%。 | 46% |  | share
全市31至50岁党员3.6万名，占41%。 | 3.6万名 |  | amount
全市共有市直机关单位86个，事业单位320个。 | 86个 |  | amount
全县共有中小学校126所，在校学生3.6万人。 | 126所 |  | amount
全县建成高标准农田2.3万亩，新修道路32公里。 | 32公里 |  | amount
合作社年分红36万元，带动农户420户增收。 | 36万元 |  | amount
全县共有规模以上工业企业86家。 | 86家 |  | amount
全区有社会组织420家，其中民办非企业单位260家。 | 420家 |  | amount
市委常委会先后16次专题研究党建工作。 | 16次 |  | amount
全县共有乡镇12个，行政村186个，社区23个。 | 186个 |  | amount
该企业现有职工1860人，其中党员326人。 | 1860人 |  | amount
省委书记带头到32个县开展调研。 | 32个 |  | amount
全县选派科技特派员120名，服务农户3200户。 | 120名 |  | amount
全县共有退役军人8600人。 | 8600人 |  | amount
村里有贫困户126户，已全部脱贫。 | 126户 |  | amount
新修村级道路12公里，安装路灯300盏。 | 300盏 |  | amount
全县共有宗教活动场所36处。 | 36处 |  | amount
全市共有律师事务所86家，律师1260人。 | 1260人 |  | amount
全县开展文化下乡演出120场。 | 120场 |  | amount
全县有离退休干部3200人。 | 3200人 |  | amount
全县实有市场主体4.6万户，其中个体工商户3.2万户。 | 4.6万户 |  | amount
全省14个市委、126个县委书记参加述职评议。 | 126个 |  | amount
全县有党员的村民小组320个。 | 320个 |  | amount
全市机关党员干部下沉社区2.1万人次。 | 2.1万人次 |  | amount
全县党员干部捐款86万元。 | 86万元 |  | amount
村党支部共有委员5名。 | 5名 |  | amount
全县乡镇党委书记平均年龄42岁。 | 42岁 |  | amount
全县有乡镇机关干部1260人。 | 1260人 |  | amount
全镇共有村民小组86个，户数6200户。 | 86个 |  | amount
该公司有员工3200人，党组织6个。 | 3200人 |  | amount
全县有老党员320名，其中80岁以上的56名。 | 56名 | members_old | amount
全县有1.2万名党员群众参加了义务植树。 | 1.2万名 |  | amount
党校建筑面积1.2万平方米。 | 1.2万平方米 |  | amount
全县共有人大代表320名，其中党员代表210名。 | 210名 |  | amount
全年接待游客120万人次，旅游收入3.6亿元。 | 120万人次 |  | amount
全市共有城市社区426个，农村社区1200个。 | 426个 |  | amount
该村建成光伏电站1座，年收益12万元。 | 12万元 |  | amount
全县共有乡镇（街道）党委（党工委）18个。 | 18个 | orgs_by_type | amount
全县各级党组织共处置不合格党员6名。 | 6名 |  | amount
全县共召开村民代表会议320次。 | 320次 |  | amount
二、党组织情况。全县共有基层党组织386个，其中党委21个。 | 21个 | orgs_by_type | amount
全县共有党员5600名。其中：农牧民党员2300名，占41.1%；工人党员420名，占7.5%。 | 41.1% | members_by_occupation | share
截至年底，全镇党员总数达到826名，比上年净增14名，其中新发展党员16名，死亡2名。 | 16名 | members_recruited | amount
全县有村党组织书记186名，年龄在45岁以下的78名，占41.9%。 | 78名 | village_secretaries | amount
全县有村党组织书记186名，年龄在45岁以下的78名，占41.9%。 | 41.9% | village_secretaries | share
全县共有后备干部420名，其中女性126名。 | 126名 | reserve_cadres | amount
全县共有社区工作者560名，平均年龄38岁，本科以上学历的占46%。 | 46% | community_workers | share
全县共有网格党支部126个、楼栋党小组420个。 | 126个 | grids | amount
全县共有流动党员420名，已全部纳入管理。 | 420名 | floating_members | amount
全年党员参加集中培训达3.6万人次，人均学时32学时。 | 3.6万人次 | training_participants | amount
全县有入党申请人1260名，入党积极分子680名，分别比上年增加8.2%和5.1%。 | 5.1% | applicants_activists | change
全镇18个村全部完成“两委”换届，选举产生村“两委”成员126名。 | 18个 | org_elections | amount
全县党组织书记和村委会主任“一肩挑”比例达到95%以上。 | 95% | village_secretaries | share
学校党委下设二级党组织32个，党支部286个，其中教师党支部142个、学生党支部144个。 | 144个 | orgs_by_type | amount
学校现有党员4860名，其中教职工党员1620名，学生党员3240名。 | 3240名 | members_by_occupation | amount
学校现有党员4860名，其中教职工党员1620名，学生党员3240名。 | 4860名 | members_total | amount
全校本科生中入党申请人占比达到42%。 | 42% | applicants_activists | share
2022年学校共发展学生党员620名，其中研究生210名。 | 210名 | recruits_profile | amount
教师党支部书记“双带头人”培育工程覆盖率达到100%。 | 100% |  | share
学院获评全国党建工作样板支部2个。 | 2个 | model_orgs | amount
集团公司党委所属基层党组织386个，党员8620名。 | 8620名 | members_total | amount
公司共有一线党员3200名，占党员总数的62%。 | 62% | members_by_occupation | share
公司设立党员责任区126个、党员示范岗320个。 | 126个 | volunteers | amount
公司党委开展党员创新攻关项目48项，创造效益3600万元。 | 48项 | party_projects | amount
公司党委开展党员创新攻关项目48项，创造效益3600万元。 | 3600万元 |  | amount
全年公司党委理论学习中心组集中学习12次。 | 12次 | study_activities | amount
全縣共有黨員6820名。比上年增加156名，增長2.3%。 | 156名 | members_total | change
全縣共有黨員6820名。比上年增加156名，增長2.3%。 | 2.3% | members_total | change
全县发展党员132名。其中，女性48名，占36.4%。 | 36.4% | recruits_profile | share
截至2023年底，全县共有基层党组织586个。较上年增加8个。 | 8个 | orgs_total | change
到2025年，全县村集体经济收入10万元以上的村要达到80%以上。 | 80% | villages_by_income | target
力争三年内培养村级后备力量500名。 | 500名 | reserve_cadres | target
全县计划选派第一书记60名。 | 60名 | first_secretaries | target
全县预计全年发展党员150名左右。 | 150名 | members_recruited | target
全县女党员占全县党员总数的比例为24.6%。 | 24.6% | members_female | share
少数民族党员占比提升1.2个百分点。 | 1.2个百分点 | members_minority | change
党员队伍中，具有大专及以上学历的党员达到3260名，占42%。 | 3260名 | members_college | amount
党员队伍中，具有大专及以上学历的党员达到3260名，占42%。 | 42% | members_college | share
全乡共有党员368名：其中男党员301名，女党员67名。 | 67名 | members_female | amount
流动党员：126名。 | 126名 | floating_members | amount
女党员人数：1860人 | 1860人 | members_female | amount
全镇党支部数：32个 | 32个 | orgs_by_type | amount
全县基层党组织书记大专以上学历占比由38%提高到56%。 | 56% |  | share
全县3200名党员干部投身疫情防控一线。 | 3200名 |  | amount
全市2.6万名党员亮身份、作表率。 | 2.6万名 |  | amount
全县386个基层党组织全部参与了评星定级。 | 386个 |  | amount
全镇1200余名党员群众观看了专题片。 | 1200余名 |  | amount
全县126个村党组织书记参加述职评议。 | 126个 |  | amount
村里86名党员每人联系10户群众。 | 86名 |  | amount
全县共有党员代表426名。 | 426名 |  | amount
近5年全县共处分党员干部126人。 | 126人 |  | amount
全县2300余名党员参加了无偿献血。 | 2300余名 |  | amount
近年来，该县累计投入1.2亿元，新建和改扩建村级活动场所216个。 | 1.2亿元 | funds | amount
近年来，该县累计投入1.2亿元，新建和改扩建村级活动场所216个。 | 216个 | service_centres | amount
该县从县直机关选派86名优秀干部担任贫困村第一书记，实现贫困村全覆盖。 | 86名 | first_secretaries | amount
目前，全县已组建党员服务队326支，开展服务活动1.8万余次。 | 326支 | volunteers | amount
全县308名村党组织书记中，高中以上学历的有246名。 | 246名 | village_secretaries | amount
全县308名村党组织书记中，高中以上学历的有246名。 | 308名 | village_secretaries | amount
该区建立“两新”组织党建工作站12个，配备专职党务工作者48名。 | 12个 | new_sector_orgs | amount
全市1.6万个基层党组织、32万名党员参与“双报到”活动。 | 32万名 |  | amount
去年以来，全县共排查整顿软弱涣散村党组织23个，目前已全部转化。 | 23个 | weak_orgs | amount
全市村级集体经济收入全部超过5万元，其中超过50万元的村达到126个。 | 126个 | villages_by_income | amount
全县共发放村干部报酬2860万元。 | 2860万元 | cadre_pay | amount
市委组织部举办专题培训班12期，培训村党组织书记1260人次。 | 1260人次 | training_participants | amount
本人任职以来，带领村“两委”争取项目资金320万元，新修道路8公里。 | 320万元 | funds | amount
本人任职以来，带领村“两委”争取项目资金320万元，新修道路8公里。 | 8公里 |  | amount
我镇今年共发展党员21名，转正19名，培养入党积极分子36名。 | 36名 | applicants_activists | amount
我镇今年共发展党员21名，转正19名，培养入党积极分子36名。 | 19名 | members_probationary | amount
全村现有党员52名，其中流动党员11名，外出务工党员占21%。 | 11名 | floating_members | amount
截止2022年底，全街道共有社区党组织18个，两新组织党组织46个。 | 46个 | new_sector_orgs | amount
截止2022年底，全街道共有社区党组织18个，两新组织党组织46个。 | 18个 | orgs_by_type | amount
全镇村级集体经济收入总计386万元，比上年增长21.6%，其中经营性收入152万元。 | 152万元 | collective_income | amount
全镇村级集体经济收入总计386万元，比上年增长21.6%，其中经营性收入152万元。 | 21.6% | collective_income | change
全区共建成新时代文明实践站126个。 | 126个 | service_centres | amount
全县党员干部结对帮扶脱贫户3200户。 | 3200户 | people_served | amount
全县选派126名科级干部到村任第一书记。 | 126名 | first_secretaries | amount
全镇村集体收入由平均不足3万元，提高到去年的12.6万元。 | 12.6万元 | collective_income | amount
全县有疫情防控任务的86个社区全部选派了“第一书记”。 | 86个 | first_secretaries | amount
全市各级公立医院有215个基层党组织参与志愿服务。 | 215个 | orgs_by_type | amount
全区获评“五个好”党支部88个，占比40.2%。 | 40.2% | model_orgs | share
“三星”及以下党支部进位升级率达60%。 | 60% | weak_orgs | share
省级示范点增至12个，市级示范点30个。 | 12个 | model_orgs | amount
全乡储备后备村干部45人。 | 45人 | reserve_cadres | amount
全镇村（社区）党组织班子成员中，党组织书记大专及以上学历占65%。 | 65% | village_secretaries | share
全县村级党组织班子成员1200人，其中女性正职25人。 | 25人 | village_secretaries | amount
选派驻村第一书记和工作队员2300人次。 | 2300人次 | first_secretaries | amount
全场干部党员141人，占76.2%；工人党员43人。 | 141人 | members_by_occupation | amount
从党员职业看，农民党员占46%，从事其他职业的党员占9%。 | 9% | members_by_occupation | share
全市党员中，36-45岁的占25%，61岁以上的占15%。 | 15% | members_old | share
全镇一类党支部12个，二类党支部5个。 | 12个 |  | amount
全村有党员58名，预备党员2名，积极分子3名。 | 3名 | applicants_activists | amount
社区“两委”班子成员7名，其中书记主任1名。 | 1名 | village_secretaries | amount
选派的36名第一书记中，本科以上学历的30人，占83.3%。 | 83.3% | first_secretaries | share
根据党员分布设立党小组85个。 | 85个 |  | amount
全县210个村，64个村换了书记。 | 64个 | village_secretaries | amount
累计发现资金管理、资产处置、工程建设等方面问题36条。 | 36条 | problems_found_solved | amount
为群众解决实际问题230件。 | 230件 | practical_matters | amount
全县有回族党员320名，占党员总数的12.5%。 | 320名 | members_minority | amount
学院党委有教工党员86人，学生党员412人。 | 86人 | members_by_occupation | amount
全区共有党员5200名，其中科技界680名，教育界530名。 | 680名 | members_by_occupation | amount
全乡共有党员826名（正式党员801名，预备党员25名），其中女党员168名。 | 168名 | members_female | amount
截至2023年底，全市党员总数达到38.6万名，建立基层党组织1.6万个。 | 1.6万个 | orgs_total | amount
全县村集体经济收入稳步增长，42个村全部达到10万元以上。 | 42个 | villages_by_income | amount
村党支部下设党小组6个。 | 6个 |  | amount
社区志愿者队伍发展到1200人，其中党员260人。 | 1200人 | volunteers | amount
举办市委党校主体班次32期。 | 32期 | training_sessions | amount
共有18人报名参加了本科学历进修班。 | 18人 | training_participants | amount
村干部为群众代办社保、医保等事项260余件。 | 260余件 | practical_matters | amount
全县426个村（社区）书记主任全部实现“一肩挑”。 | 426个 | village_secretaries | amount
全市有120个扶贫工作组驻村帮扶。 | 120个 | first_secretaries | amount
社区有离退休老党员86名。 | 86名 | members_by_occupation | amount
村“两委”成员中女性人数增加146人。 | 146人 |  | change
全村党员中，40岁以下年青党员占四分之一。 | 四分之一 | members_young | share
围绕“最后一公里”目标任务，全县建成村级快递站点82个。 | 82个 |  | amount
村党组织书记平均年龄41.6岁，较上届年轻5.2岁。 | 5.2岁 | village_secretaries | change
选派36名村干部到县直部门跟班学习。 | 36名 | training_participants | amount
全乡12个村党支部今年届满，均已完成选举。 | 12个 | org_elections | amount
""".strip().splitlines()]

#: Probe sentences written when the misses left in all studied parts were read together: cadres sent
#: to serve as secretaries are secretaries (a first secretary, an assistant or a deputy is not), a
#: community's social workers are its staff (the party's 社工部 is no one), the items of a list named by
#: the level that sent them are parts of what was sent. Members employed elsewhere who report to a
#: community (在职党员到社区报到, 双报到) count no occupation, as every label of the set has it (three
#: earlier probes that expected ``members_by_occupation`` for them now expect no core id).
PROBES += [tuple(line.split(" | ")) for line in """
全州下派27个机关干部担任安置点党组织书记。 | 27个 | village_secretaries | amount
全市选派120名机关干部到村任党组织书记。 | 120名 | village_secretaries | amount
全县选派45名优秀干部到村任第一书记。 | 45名 | first_secretaries | amount
选派32名优秀年轻干部到村任书记助理。 | 32名 | cadres_selected | amount
全市选派机关干部120名到村任党支部副书记。 | 120名 | cadres_selected | amount
社区居委会下设社工站，有社工8人。 | 8人 | community_workers | amount
区委社工部牵头，组织社工12次活动。 | 12次 |  | amount
全县选派第一书记45名，其中自治区选派9名，市级11名，县级25名。 | 9名 | first_secretaries | amount
全县选派第一书记45名，其中自治区选派9名，市级11名，县级25名。 | 25名 | first_secretaries | amount
各党支部“双带头人”达100%。 | 100% |  | share
综保区现有66个基层党组织。 | 66个 | orgs_total | amount
科学划分了51个网格，配备53名综合网格员，120余名网格志愿者。 | 120余名 | volunteers | amount
106名优秀年轻党员担任的村网格员，承担信息采集。 | 106名 | grids | amount
4个联建村的村集体经济收入总额已达550万余元，平均增幅超过10%。 | 10% | collective_income | change
全县目前仍有19个村部条件较差。 | 19个 | service_centres | amount
围绕基层党建“六个一”工作要求安排部署：开展党委理论学习17次。 | 17次 | study_activities | amount
到2015年，村党组织书记大专以上学历比例力争提升到50%；村级班子成员平均年龄下降到40岁左右。 | 40岁 |  | target
到2015年，新发展的党员中35岁以下的比例提升到85%以上。 | 85% | recruits_profile | target
截至2015年底，全县共有党员5222名。 | 5222名 | members_total | amount
力争到2015年，村党组织分类定级为“好”和“较好”的比例提升到80%。 | 80% | model_orgs | target
推动辖区10家单位党组织与社区党委协同共建。 | 10家 | joint_building | amount
现有社区干部30名。 | 30名 | community_workers | amount
全市共有112名在职党员到社区报到。 | 112名 |  | amount
社区有在职党员280名。 | 280名 | members_by_occupation | amount
今年村集体经济收入稳步增长，6个村有望超50万元。 | 6个 | villages_by_income | amount
镇机关事业单位党员干部中选派3人。全力支持村两委班子成员进行学历提升，大专及以上学历63人。 | 63人 |  | amount
组建以党员为骨干的“巾帼妇女志愿者”服务队，18名固定队员活跃在民生服务一线。 | 18名 | volunteers | amount
组建篮球队，队员15名。 | 15名 |  | amount
其中，市直72个帮扶单位、64名工作队员进驻50个市级贫困村。 | 72个 | joint_building | amount
结对帮扶困难群众320户。 | 320户 | people_served | amount
全市3464个行政村经营性收入均过10万元，107个村过百万，4个村过千万。 | 107个 | villages_by_income | amount
近3年从村（社区）干部中选拔乡镇班子成员53人、选聘乡镇事业干部222人。 | 53人 | cadres_selected | amount
4个教工党支部按照“双带头人”标准选拔，完成率为100%。 | 100% |  | share
共整顿提升软弱涣散村党组织12个，创建示范乡镇35个、示范村390个。 | 390个 | model_orgs | amount
全县建成农业示范村15个。 | 15个 |  | amount
拉萨市现有基层党组织3605个，各行各业党员数量达到5.7万余名。 | 5.7万余名 | members_total | amount
第一书记帮助解决民生难题2527件。 | 2527件 | problems_found_solved | amount
截至目前，上海共有1569幢商务楼宇，共组建楼宇党组织2700多个。 | 1569幢 |  | amount
全县网格长共负责全县78903户农户，平均每个四级网格长负责农户13户。 | 78903户 |  | amount
组建498个楼栋（小区）党小组。 | 498个 | grids | amount
目前累计培育65个党支部和60名党员。 | 65个 | model_orgs | amount
研究生党员标兵“种子”20人。 | 20人 |  | amount
大庆油田在确保完成4000万吨原油生产任务的前提下，两年少钻井2574口。 | 4000万吨 |  | amount
组织129名村干部开展高频次小班制集训17次。 | 17次 | training_sessions | amount
组织129名村干部开展高频次小班制集训17次。 | 129名 | training_participants | amount
全省建制村中有党组织5.0万个，城市街道中有党组织5.2万个。 | 5.2万个 | orgs_by_type | amount
以统一的样式整理整顿了6个村的“三室两栏”。 | 6个 |  | amount
全县整顿软弱涣散村党组织12个。 | 12个 | weak_orgs | amount
在浦江全县15个乡镇街道中率先建立企业服务中心。 | 15个 |  | amount
54.4万名村党组织书记中，大专及以上学历占17.4%。其中，致富带头人占46.1%，大学生村官占0.5%。 | 46.1% | village_secretaries | share
54.4万名村党组织书记中，大专及以上学历占17.4%。其中，致富带头人占46.1%，大学生村官占0.5%。 | 0.5% | village_secretaries | share
自网格化工作开展以来，选聘了51名熟悉社区情况的人担任网格员。 | 51名 | grids | amount
经过一年努力，村民人均可支配收入从2019年11000元提高到2020年14000元，村集体经济收入从2019年25万元增长到2020年40万元。 | 40万元 | collective_income | amount
撬动各方投入1.5亿元提档升级村级阵地161个。 | 161个 | service_centres | amount
重点帮扶全镇困难群众700多户，惠及人口达8万余人。 | 8万余人 | people_served | amount
制定村级阵地建设措施8条。 | 8条 |  | amount
离休党员人数仅4人。 | 4人 | members_by_occupation | amount
机关党委所属部门23个，教职工300余人。 | 23个 |  | amount
""".strip().splitlines()]

#: Probe sentences written when the twenty-sixth part (plans with targets) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
力求3年培育1个以上集体经济年收入超过500万元的村、8个以上集体经济年收入超过100万元的村。 | 8个 | villages_by_income | target
选派200名以上优秀干部到村任职。 | 200名 | cadres_selected | amount
力争经营性收入达50万元以上的强村数达53个，占比60%。 | 60% | villages_by_income | target
新增1个村村经营性收入达50万元以上的典型示范镇。 | 1个 |  | amount
到 2019 年底，全市欠发达村消除 60%。 | 60% | villages_by_income | target
全县有10名以上员工的非公企业120家。 | 10名 |  | amount
其中，公有制企业党组织增加1.8万个，建制村和社区党组织增加2.2万个。 | 2.2万个 | orgs_by_type | change
党员中男的34人、女4人。 | 4人 | members_female | amount
""".strip().splitlines()]

#: Probe sentences written when the twenty-seventh part (communities, non-public firms, couriers) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
其中176名被编入社区“移动网格员”队伍，参与反诈宣传。 | 176名 | grids | amount
利用“随手拍”和微信群向社区报告设施损毁、道路安全等问题4000余条。 | 4000余条 | problems_found_solved | amount
组建1.2万余个楼院党小组。 | 1.2万余个 | grids | amount
""".strip().splitlines()]

#: Probe sentences written when the twenty-eighth part (plans, township reviews) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
高标准新建6个党群服务中心，整修23个，逐村划分功能区。 | 23个 | service_centres | amount
计划发展党员490名左右，35岁以下的330名左右，具有高中学历以上文化程度的280名左右。 | 280名 | recruits_profile | target
目前我州还有104个活动阵地需要新建或重建，其中新建47个、重建57个。 | 47个 | service_centres | amount
""".strip().splitlines()]

#: Probe sentences written when the twenty-ninth part (elections, a university, communities) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
县委派出8个换届工作指导组，全县112个村党组织完成换届。 | 8个 |  | amount
县委派出8个换届工作指导组，全县112个村党组织完成换届。 | 112个 | org_elections | amount
全镇15个村级股份经济合作社完成换届。 | 15个 |  | amount
学校培育省级标杆院系3个。 | 3个 | model_orgs | amount
党委全年学习“第一议题”45次。 | 45次 | study_activities | amount
社区举办邻里节等服务活动30场，受众2000余人次。 | 2000余人次 | people_served | amount
全年开展党史宣讲20场，受众3000人次。 | 3000人次 | training_participants | amount
与辖区单位开展联建活动12次。 | 12次 | joint_building | amount
""".strip().splitlines()]

#: Probe sentences written when the thirtieth part (first secretaries, a hospital, couriers) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
累计排查安全隐患80个，推动整改解决75个，处置率达93.8%。 | 93.8% | problems_found_solved | share
为辖区老人提供助餐等服务1200余人次。 | 1200余人次 | people_served | amount
开展送医下乡活动，义诊群众2600人次。 | 2600人次 | people_served | amount
便民服务中心全年办理各类服务事项5600件，办结率98%。 | 5600件 | people_served | amount
便民服务中心全年办理各类服务事项5600件，办结率98%。 | 98% | people_served | share
全村党员42名，常年在外打工党员11名。 | 11名 | floating_members | amount
村里每年靠上级转移支付5万元维持运转。 | 5万元 | funds | amount
扶贫车间每年为村集体带来租金4.5万元。 | 4.5万元 | collective_income | amount
全镇党员作出承诺320项，已兑现298项，兑现率93.1%。 | 320项 |  | amount
全镇党员作出承诺320项，已兑现298项，兑现率93.1%。 | 298项 | practical_matters | amount
全镇党员作出承诺320项，已兑现298项，兑现率93.1%。 | 93.1% | practical_matters | share
排查矛盾纠纷120件，化解115件，化解率95.8%。 | 95.8% | disputes | share
""".strip().splitlines()]

#: Probe sentences written when the thirty-first part (cooperatives, 红色物业, organisation work) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
2022年全镇党组织领办合作社试点村集体经济收入共320万元，同比增长35%。 | 320万元 | collective_income | amount
2022年全镇党组织领办合作社试点村集体经济收入共320万元，同比增长35%。 | 35% | collective_income | change
全县86个村经营性收入达1.2亿元，村均经营性收入139万元、收益96万元。 | 1.2亿元 | collective_income | amount
全县86个村经营性收入达1.2亿元，村均经营性收入139万元、收益96万元。 | 96万元 | collective_income | amount
从县直单位选派15名干部到后进村担任党组织第一书记。 | 15名 | first_secretaries | amount
全县60岁以上的村支部书记由换届前52名减少到21名。 | 52名 | village_secretaries | amount
城区共成立物业服务企业党支部18个，占应成立数20个的90%。 | 18个 | orgs_founded | amount
城区共成立物业服务企业党支部18个，占应成立数20个的90%。 | 90% | org_coverage | share
该合作社注册资金500万元。 | 500万元 |  | amount
与200余名村干部和80%以上的村支部书记谈心谈话。 | 200余名 |  | amount
""".strip().splitlines()]

#: Probe sentences written when the thirty-second part (care for members, floating members, party dues) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
第一批200名发放对象共6万元的补助金已发放完毕。 | 200名 | members_cared_for | amount
县里筹资5万元对80名生活困难党员进行了走访慰问。 | 80名 | members_cared_for | amount
为全县500名农村老党员发放每年300元的定额生活补助。 | 300元 | funds | amount
全县组建外卖行业流动党员党支部4个。 | 4个 | orgs_founded | amount
项目建成后可增加村集体经济收入60万元。 | 60万元 | collective_income | target
争资35万元建设了村级活动场所。 | 35万元 | funds | amount
""".strip().splitlines()]

#: Probe sentences written when the thirty-third part (villages, committee elections) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
全镇共有党员班子成员96名，其中，12名村党组织书记平均年龄41.5岁，大专及以上学历占比58.3%，女性占比25%。 | 58.3% | village_secretaries | share
全镇共有党员班子成员96名，其中，12名村党组织书记平均年龄41.5岁，大专及以上学历占比58.3%，女性占比25%。 | 25% | village_secretaries | share
全县一次性选举成功率100%。 | 100% | org_elections | share
确保在本年度完善5公里基础路建设；完成3个村级活动场所的改造；建设好500亩产业基地。 | 500亩 |  | target
2019年全旗嘎查集体经济收入1402万元。其中，10万元以上嘎查数量占比达到68.8%。 | 68.8% | villages_by_income | share
目前，全县收益10万元以上的村达83%。 | 83% | villages_by_income | share
鼓励引导村党组织领办创办农民专业合作社2246个。 | 2246个 | party_projects | amount
结合企业改革重组，新设党委20个、党支部349个。 | 349个 | orgs_founded | amount
238名驻村工作队员驻扎在全县60个脱贫村、31个乡村振兴重点村。 | 60个 | first_secretaries | amount
争取280万元实施扶持发展壮大村集体经济项目4个。 | 280万元 | funds | amount
县直机关党支部与软弱涣散村党支部开展结对帮扶活动70余次。 | 70余次 |  | amount
深入全县13个乡镇对软弱涣散村级党组织进行全面摸排。 | 13个 |  | amount
市管党费使用情况。全年拨给市纪委140万元、市委宣传部200万元、市委组织部200万元。 | 200万元 | party_dues | amount
""".strip().splitlines()]

#: Probe sentences written when the thirty-seventh part (townships, social organisations, office buildings) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
全区非公企业共建立党组织86个，其中单独组建61个，联合组建25个。 | 61个 | orgs_founded | amount
全市行业协会已成立党支部30个，其中26个单独建，4个联合建，共有党员512名。 | 512名 | new_sector_orgs | amount
集中整治问题线索立案21件。 | 21件 |  | amount
全村现有党员45名，另有新社会组织1个。 | 45名 | members_total | amount
投资80万元硬化村内道路3公里。 | 80万元 | funds | amount
村民文化广场投资45万元。 | 45万元 | funds | amount
引进项目总投资额3.2亿元。 | 3.2亿元 |  | amount
全年国有企业完成投资12亿元。 | 12亿元 |  | amount
""".strip().splitlines()]


#: Probe sentences written when the thirty-eighth part (retired cadres, organs, training, schools, a hospital) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
经综合评定，从18个先锋机关党支部中评出3个五星级、5个四星级。 | 3个 | model_orgs | amount
机关工委深化模范机关创建，推动机关党建提质增效，在系统内选树先进示范单位12家。 | 12家 | model_orgs | amount
组织党员赴红色教育基地开展现场教学4场次。 | 4场次 | study_activities | amount
全年共有860余名党员参与“云课堂”线上学习。 | 860余名 | training_participants | amount
下一步，县委组织部将在全县评出10个五星级党支部。 | 10个 | model_orgs | target
全局共有党支部9个，其中在职党支部6个，党员210名，离退休党支部3个，党员64名。 | 64名 | members_by_occupation | amount
""".strip().splitlines()]


#: Probe sentences written when the thirty-ninth part (congress delegates, commendations, members reporting to
#: communities, volunteers) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
县委将表彰80名优秀共产党员、50名优秀党务工作者。 | 80名 |  | target
全县有3名省级优秀共产党员拟表彰对象。 | 3名 |  | amount
今年，市委准备表彰100个先进基层党组织。 | 100个 | model_orgs | target
党代表工作室全年受理群众意见260余条。 | 260余条 | problems_found_solved | amount
依托社区8个志愿服务站点，全年志愿服务总时长达1.5万小时。 | 8个 | service_centres | amount
依托社区8个志愿服务站点，全年志愿服务总时长达1.5万小时。 | 1.5万小时 | volunteers | amount
""".strip().splitlines()]


#: Probe sentences written when the fortieth part (points and posts of rural members; the police, a court, a tax
#: bureau, a bank) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
对1200个基层党支部开展标准化规范化建设。 | 1200个 | model_orgs | amount
全县已选聘党员中心户长860名，联系群众8000多户。 | 860名 |  | amount
组织机关120余名干部深入基层宣讲。 | 120余名 |  | amount
各村设置政策宣传岗、流动党员联系岗等12个岗位。 | 12个 |  | amount
围绕理论学习、志愿服务等5类细化为20条积分项目。 | 20条 |  | amount
""".strip().splitlines()]


#: Probe sentences written when the forty-first part (secretaries' projects and assessments; border and minority
#: regions) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
全区共划分联户单位5200个，推选联户户长5200名。 | 5200个 | grids | amount
开展农牧民技能培训1200场次。 | 1200场次 |  | amount
驻村工作队共帮助基层实施各类项目860个。 | 860个 |  | amount
""".strip().splitlines()]


#: Probe sentences written when the forty-second part (the party-history study of 2021; education campaigns) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
全县组织党员干部征求意见建议3200条。 | 3200条 | problems_found_solved | amount
收集群众反映的问题850条及120条对县委县政府的工作意见及建议，目前已办结760条，办结率78%。 | 760条 | problems_found_solved | amount
收集群众反映的问题850条及120条对县委县政府的工作意见及建议，目前已办结760条，办结率78%。 | 78% | problems_found_solved | share
全市共谋划重点民生项目150个，其中80个已完成。 | 150个 | practical_matters | amount
开展体验式教学60余场次，举办党史流动课堂20场。 | 20场 | study_activities | amount
直接参与学习近3万人次。 | 3万人次 | training_participants | amount
开展各类职业技能培训900人次，招聘公益性岗位300人。 | 300人 |  | amount
宣传办实事典型案例100余条。 | 100余条 |  | amount
组织安全生产专项行动，查改隐患560条。 | 560条 | problems_found_solved | amount
""".strip().splitlines()]


#: Probe sentences written when the forty-third part (community workers, street offices; village cadres' pay and the
#: running funds of village organisations) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
此次专项招聘将提供800个社区工作者岗位。 | 800个 | community_workers | target
村主职干部基本报酬2022年原则上不低于3万元，村副职干部基本报酬不低于主职的70%。 | 3万元 | cadre_pay | target
村主职干部基本报酬2022年原则上不低于3万元，村副职干部基本报酬不低于主职的70%。 | 70% | cadre_pay | target
全市社区工作者平均年龄38周岁。 | 38周岁 | community_workers | amount
对取得社会工作师证书的社工给予每月300元职业津贴。 | 300元 | cadre_pay | amount
""".strip().splitlines()]


#: Probe sentences written when the forty-fourth part (care for old and needy members; floating and unqualified
#: members) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
全县累计接受流动党员电话咨询服务900余次，流出党员620人，流入党员45人。 | 900余次 | floating_members | amount
全县累计接受流动党员电话咨询服务900余次，流出党员620人，流入党员45人。 | 620人 | floating_members | amount
全区农村老党员得到关爱1200人次，对70岁以上老党员每人每月给予30元补助。 | 1200人次 | members_cared_for | amount
全区农村老党员得到关爱1200人次，对70岁以上老党员每人每月给予30元补助。 | 30元 | funds | amount
""".strip().splitlines()]


#: Probe sentences written when the forty-fifth part (civilisation-practice stations and volunteers; branches'
#: organisational life) was studied.
PROBES += [tuple(line.split(" | ")) for line in """
全镇设立实践所10个、实践站128个。 | 128个 | service_centres | amount
开展培训等各类志愿服务活动500余场次。 | 500余场次 | volunteers | amount
学院党委下设党支部8个，学院党员231名。 | 231名 | members_total | amount
""".strip().splitlines()]


#: Probe sentences written when the forty-sixth part (lawyers, couriers and internet firms; hospitals, a
#: state-owned group and party dues) and the forty-seventh (county statistics and gazetteers; inspections of
#: villages) were studied.
PROBES += [tuple(line.split(" | ")) for line in """
全市共有会计师事务所党支部26个。 | 26个 | new_sector_orgs | amount
目前全市有310家会计师事务所，已建立党组织的280家，接近会计师事务所总数的90%。 | 90% | org_coverage | share
目前全市有310家会计师事务所，已建立党组织的280家，接近会计师事务所总数的90%。 | 310家 |  | amount
全市快递行业从业人员约1.2万人，其中党员860人。 | 860人 | new_sector_orgs | amount
公司共有2个市级最强党支部。 | 2个 | model_orgs | amount
各项慰问支出120万元，占党费支出总额的40.5%。 | 40.5% | party_dues | share
医院选派骨干医生6名，与护士一起参加义诊。 | 6名 |  | amount
全额保障社区党组织书记每月500元工作补助。 | 500元 | cadre_pay | amount
1950年，甲县党员总数为2300人，乙县1800人。 | 1800人 | members_total | amount
全县党员人数迅速增加，已发展到3200名。 | 3200名 | members_total | amount
巡察组共巡察12个村党组织，走访群众300多户。 | 12个 |  | amount
巡察组共巡察12个村党组织，走访群众300多户。 | 300多户 |  | amount
区财政为每名农村老党员每年安排200元关爱资金。 | 200元 | funds | amount
社区注册志愿者达到860人，占居民总数的12%。 | 12% | volunteers | share
通过3年左右的努力，全县发展农村党员500名。 | 500名 | members_recruited | target
利用3年时间，省市县三级分别选树100、800、5000个过硬党支部。 | 800 | model_orgs | target
到2025年底，在确保集体收入10万元以上村占比达到80%以上基础上，力争消除薄弱村。 | 80% | villages_by_income | target
今年，全县设立村级集体经济发展基金200万元。 | 200万元 | funds | amount
坚持边学边改，完成23个问题逐项销号。 | 23个 | problems_found_solved | amount
全年增加村级集体经济收入210万元。 | 210万元 | collective_income | change
至年底，全市机关事业单位干部5200人，其中公务员1400人。 | 1400人 |  | amount
今年面向优秀村党组织书记考试录用乡镇公务员12人。 | 12人 | cadres_selected | amount
分两批组织全市1.2万余名党员干部开展了学习实践活动。 | 1.2万余名 | training_participants | amount
去年，县委在发改委、计划局等6个单位开展试点。 | 6个 |  | amount
围绕村年均集体经济收入超过30万元的目标，创办合作社120个。 | 30万元 | collective_income | target
到1950年统计，全县党员八百一十二名。 | 八百一十二名 | members_total | amount
村支书说：“总共才5名村干部，人均就要分担20项。” | 5名 |  | amount
3家物流公司入驻村便民服务中心。 | 3家 |  | amount
全区15个行政村自建远程教育终端接收站点。 | 15个 |  | amount
全县800多名农村党员通过远程教育系统平台接受了培训。 | 800多名 | training_participants | amount
全市党员累计在线学习2.3亿人次。 | 2.3亿人次 | training_participants | amount
今年查处形式主义等问题12个。 | 12个 | problems_found_solved | amount
考核指标从原先的300余个精简到40余个，减幅达86.7%。 | 86.7% |  | change
2019年，该县共发展党员210名，其中妇女党员80名。 | 80名 | recruits_profile | amount
此次培训共设置了1个主会场和12个分会场。 | 12个 |  | amount
本次换届选举参选率达97.5%。 | 97.5% |  | share
新当选的居委会成员中，35岁以下人员64人。 | 64人 |  | amount
三年来，全县共把农村致富能手发展成为党员420名。 | 420名 | recruits_profile | amount
全区四类产业园区已建党组织86个。 | 86个 | new_sector_orgs | amount
园区打造党群共享阵地5处，年均服务1.5万人次。 | 5处 | service_centres | amount
园区打造党群共享阵地5处，年均服务1.5万人次。 | 1.5万人次 | people_served | amount
全区街道大工委委员单位共42家。 | 42家 | joint_building | amount
东关社区联合党委成员单位11家。 | 11家 | joint_building | amount
全县现有兵支书15人。 | 15人 | village_secretaries | amount
全市退役军人服务站党组织120个。 | 120个 |  | amount
""".strip().splitlines()]


#: Probe sentences written when the fifty-fourth part (party dues; the pay of village cadres and the funds of village
#: organisations) and the fifty-fifth (state-owned firms; red property and grid branches) were studied.
PROBES += [tuple(line.split(" | ")) for line in """
村干部每月基本报酬标准调整为：村党组织书记1800元，村委会主任1700元。 | 1700元 | cadre_pay | amount
离任村干部生活补贴标准为：任职满10年的，每人每年600元。 | 600元 | cadre_pay | amount
今年全县每个村干部报酬平均每月提高300元。 | 300元 | cadre_pay | change
全县共有400多名党员交纳“特殊党费”12万元。 | 400多名 | party_dues | amount
市财政每年安排500万元用于村级活动场所建设。 | 500万元 | funds | amount
全市共成立小区党组织56个（东城区30个，西城区26个）。 | 26个 | orgs_founded | amount
全县共有党员5000名（城关镇1200名，新城镇800名）。 | 1200名 | members_total | amount
国有企业党委书记、董事长“一肩挑”比例达到100%。 | 100% |  | share
督导5个公司党组织完成换届选举。 | 5个 | org_elections | amount
建成网格党群服务站45个。 | 45个 | service_centres | amount
两家公司的党委与溪口村党支部结对帮扶。 | 两家 |  | amount
""".strip().splitlines()]


#: Probe sentences written when the fifty-sixth part (public hospitals; the winter training of rural members) and the
#: fifty-seventh (cooperatives run by village branches; the organs' party building) were studied.
PROBES += [tuple(line.split(" | ")) for line in """
举办农村党员冬训班12场。 | 12场 | training_sessions | amount
培育选树特色党支部品牌6个。 | 6个 | party_projects | amount
实现了全县156个基层医疗机构党的组织全覆盖。 | 156个 | org_coverage | amount
在5个片区中心镇打造教学阵地，截至目前已开展培训120余期。 | 120余期 | training_sessions | amount
全市有党支部945个和党员17782人。 | 17782人 | members_total | amount
全县120个村成立了党支部领办的合作社。 | 120个 | party_projects | amount
领办合作社的村支部有300多个，占行政村总数的三分之一。 | 三分之一 | party_projects | share
表彰先进职工之家12个、共青团工作示范单位8个。 | 8个 |  | amount
共有2000余名机关在职党员到全县16个城市社区报到。 | 2000余名 |  | amount
村集体增加收益2亿元，村民增加收入3亿元。 | 3亿元 |  | change
市财政每年列支500万元，县级财政再配套800万元。 | 800万元 | funds | amount
""".strip().splitlines()]


#: Probe sentences written when the fifty-eighth to sixty-first parts (the supervision of village affairs; posts for
#: members without office; flood and earthquake relief; online study; the medals for fifty years in the party; young
#: cadres; red education bases; the theme education of 2023) were studied.
PROBES += [tuple(line.split(" | ")) for line in """
完成重点村审计1200个，占计划数的120.5%。 | 120.5% |  | share
全市农村集体资产较上年增加20.1%，占全省农村集体资产增加总量的15.2%。 | 15.2% |  | share
全县320个基层党组织、3000余名党员和驻村干部坚守岗位。 | 320个 | orgs_total | amount
灾区120支流动医疗服务队全部建立临时党组织。 | 120支 | org_coverage | amount
为全市860名符合条件的老党员戴上了“光荣在党50年”纪念章。 | 860名 | members_cared_for | amount
今年共有28名优秀年轻干部挂职锻炼。 | 28名 | cadres_selected | amount
收集意见建议90条，立行立改48条。 | 48条 | problems_found_solved | amount
新党校可同时容纳300余人听课。 | 300余人 |  | amount
在全市打造20处现场教学点。 | 20处 |  | amount
收回资金15万元。 | 15万元 |  | amount
新建了8个企业学习型党组织书库。 | 8个 |  | amount
村民民主决议讨论事项160项。 | 160项 |  | amount
""".strip().splitlines()]


#: Probe sentences written when the sixty-second to sixty-fifth parts (inspections; talent work; the reform of street
#: offices; consultation; the reform of customs; the style of cadres; members who lead villagers to prosperity; the
#: stationed teams of 西藏 and 新疆) were studied.
PROBES += [tuple(line.split(" | ")) for line in """
移交问题线索20件，已办结9件。 | 9件 |  | amount
制定问题线索移交等35张程序流程图。 | 35张 |  | amount
下派4名优秀年轻机关干部担任乡镇党委书记。 | 4名 |  | amount
累计核发外国人工作许可证34.5万份。 | 34.5万份 |  | amount
共收到各类议题1218个，已解决1078个。 | 1078个 | problems_found_solved | amount
提出问题事项110件。 | 110件 | problems_found_solved | amount
机关、企事业单位派驻161名在职党员担任社区兼职委员。 | 161名 |  | amount
全县设置征求意见箱36个。 | 36个 |  | amount
共处理问题31起。 | 31起 | problems_found_solved | amount
村办企业解决了131户贫困户就业问题﹔5家合作社带动200户。 | 131户 |  | amount
紧急调运救生船7艘。 | 7艘 |  | amount
""".strip().splitlines()]


#: Probe sentences written when the sixty-sixth to sixty-ninth parts (selling online; services for the old and the
#: young; rural finance; the assessment of village cadres; project branches; markets and shopkeepers; the care for
#: cadres; epidemic control) were studied.
PROBES += [tuple(line.split(" | ")) for line in """
月均出餐6000份，惠及2000余名特殊困难老人。 | 2000余名 | people_served | amount
建成176个村级电子商务党建服务点。 | 176个 | service_centres | amount
思茅区工会建成工会驿站46家。 | 46家 |  | amount
177名镇街干部下沉到片区任职。 | 177名 | cadres_selected | amount
主要干部工作补贴每人每月2200元，其他村干部每人每月1320元。 | 1320元 | cadre_pay | amount
向经济薄弱村派驻金融村官145名。 | 145名 | cadres_selected | amount
沿线5个乡镇分设临时党总支。 | 5个 | orgs_founded | amount
截至目前，已有个体工商户党员2854人。 | 2854人 | new_sector_orgs | amount
先后下派18名县直单位干部到乡镇挂职。 | 18名 | cadres_selected | amount
营口市共有校外培训机构311家。 | 311家 |  | amount
截至3月15日，全县463个村（社区）团组织换届工作全部完成。 | 463个 |  | amount
""".strip().splitlines()]


def test_the_small_forms_of_chinese_punctuation_end_clauses_as_the_ordinary_marks_do():
    table = _table("村办企业解决了131户贫困户就业问题﹔5家合作社带动200户养殖户﹐人均增收3000元。").set_index("surface")
    assert table.loc["5家", "subject"] == "合作社带动"  # not carried over the ﹔ from the clause before
    assert "﹔" not in "".join(table["sentence"])


def test_one_persons_age_a_villages_group_a_set_phrase_and_how_long_something_took_are_no_quantities():
    table = _table("76岁老人马秦芳说，八组村民王某的纠纷终于化解。仅用3天便完成20户土地流转协议签订，进行为期2天的任前培训。"
                   "市四套班子领导出席，展馆分为实体展馆和数字展馆两部分，【点击率】1402次。全镇80岁以上老党员32名。")
    assert table["surface"].tolist() == ["20户", "80岁", "32名"]
    assert table.set_index("surface").loc["80岁", "threshold"]  # an age bound, kept as the threshold it is


@pytest.mark.parametrize(("passage", "surface", "core_id", "kind"), PROBES, ids=[f"p{i:03d}" for i in range(len(PROBES))])
def test_probe_sentences(passage, surface, core_id, kind):
    table = _table(passage)
    rows = table[table["surface"] == surface]
    assert len(rows) >= 1, f"{surface} not found in {passage}: {table['surface'].tolist()}"
    row = rows.iloc[0]
    assert (row["core_id"], row["kind"]) == (core_id, kind), (
        f"{passage}\n{surface}: subject {row['subject']!r}, core {row['core_id']!r} ({row['confidence']}), kind {row['kind']!r}"
    )


def test_kilometres_are_a_unit_and_a_measure_keeps_its_subject_before_its_change():
    table = _table("新修水渠12.5千米，全村面积8.2平方千米。村“两委”班子平均年龄下降3.5岁，大专及以上学历提高12.6%。").set_index("surface")
    assert (table.loc["12.5千米", "value_norm"], table.loc["12.5千米", "unit"]) == (12.5, "千米")
    assert table.loc["8.2平方千米", "unit"] == "平方千米"
    assert table.loc["3.5岁", "subject"] == "村两委班子平均年龄" and table.loc["3.5岁", "kind"] == "change"


def test_a_line_wrapped_after_a_year_and_a_word_runs_on_and_a_bracketed_breakdown_is_no_group():
    table = _table("第二节 党员\n1970年整党建党，“吐故纳新”，恢复组织生活。1978年发展\n党员56名。1989年底，全区共有党员6218名（正式党员\n6050名，预备党员168名），其中科技界753名。")
    rows = table.set_index("surface")
    assert (rows.loc["56名", "subject"], rows.loc["56名", "core_id"]) == ("发展党员", "members_recruited")
    assert rows.loc["753名", "subject"] == "党员中科技界" and rows.loc["753名", "core_id"] == "members_by_occupation"


def test_a_frame_ends_where_units_of_another_kind_are_counted():
    table = _table("全年发展党员25名，其中35岁以下18名。全县有基层党组织312个，其中党委15个、党支部297个。")
    assert dict(zip(table["surface"], table["subject"]))["15个"] == "党委"


@pytest.mark.parametrize(
    ("passage", "surface"),
    [
        ("今年全省发展党员7.6万名。女党员107.6万名，占党员总数的25.5%。", "107.6万名"),  # larger than the recruits
        ("今年全镇发展党员12名。全镇共有女党员8名。", "8名"),  # a total of its own
    ],
)
def test_the_recruits_of_a_year_are_no_whole_of_what_cannot_be_their_part(passage, surface):
    row = _table(passage).set_index("surface").loc[surface]
    assert (row["subject"], row["core_id"]) == ("女党员", "members_female")


@pytest.mark.parametrize(
    ("passage", "surface", "subject", "core_id"),
    [
        ("近三年发展党员4名。村集体经济年收入15万元。", "15万元", "村集体经济年收入", "collective_income"),  # money, not people
        ("今年，全镇发展党员18人。全镇党员平均年龄52岁，其中60岁以上的占38%。", "38%", "党员中60岁以上", "members_old"),  # a scope of its own
    ],
)
def test_the_recruits_of_a_year_frame_no_statement_of_its_own(passage, surface, subject, core_id):
    row = _table(passage).set_index("surface").loc[surface]
    assert (row["subject"], row["core_id"]) == (subject, core_id)


def test_a_list_with_a_threshold_inside_takes_its_numbers_respectively():
    table = _table("新发展的党员中，女性和35岁以下的分别为46名和72名。")
    rows = {surface: (subject, core) for surface, subject, core in zip(table["surface"], table["subject"], table["core_id"])}
    assert rows["46名"] == ("新发展的党员中女性", "recruits_profile")
    assert rows["72名"] == ("新发展的党员中35岁以下", "recruits_profile")


def test_a_part_of_a_counted_group_listed_after_its_trait_keeps_the_group():
    table = _table("全县共有村党组织书记215名，平均年龄48.6岁，其中致富带头人132名。")
    row = table[table["surface"] == "132名"].iloc[0]
    assert (row["subject"], row["core_id"]) == ("村党组织书记中致富带头人", "village_secretaries")


def test_numbers_under_a_heading_of_targets_are_targets_until_the_next_section():
    table = _table("二、年度任务\n新增1个典型示范镇，实现分红村保持在50%以上，已建成示范村3个。\n三、扶持对象\n获得补助的村有12个。")
    assert dict(zip(table["surface"], table["kind"])) == {"1个": "target", "50%": "target", "3个": "amount", "12个": "amount"}


def test_a_plan_then_what_was_done_is_an_amount():
    table = _table("今年计划发展党员1500名，完成1620名。预计全年产值完成8亿元。")
    assert dict(zip(table["surface"], table["kind"])) == {"1500名": "target", "1620名": "amount", "8亿元": "target"}


def test_the_members_of_one_host_sector_are_no_total():
    table = _table("全县有农村党员6200名、机关党员1800名、企业党员900名。某集团公司现有党员3200名。")
    assert dict(zip(table["surface"], table["core_id"])) == {"6200名": "", "1800名": "", "900名": "", "3200名": "members_total"}


def test_digits_after_wan_are_its_units():
    table = _table("全国2万9620个乡镇、11万9437个社区已建立党组织。")
    assert list(zip(table["surface"], table["value_norm"], table["core_id"])) == [
        ("2万9620个", 29620.0, "org_coverage"), ("11万9437个", 119437.0, "org_coverage")]


def test_ge_ren_counts_people_and_editions_held_are_counts():
    table = _table("每个村委会现在5个人管2000多人，建成5个人才工作站。镇里已连续举办6届文化节，学习十九届四中全会精神。")
    rows = list(zip(table["surface"], table["unit"], table["unit_class"]))
    assert rows == [("5个人", "人", "person"), ("2000多人", "人", "person"), ("5个", "个", "count"), ("6届", "届", "count")]


def test_a_numeral_and_jia_in_a_village_name_count_nothing():
    table = _table("本年度，北岭三家屯村获评示范村，三家农村合作社入股。")
    assert table["surface"].tolist() == ["三家"]
    assert table["subject"].iloc[0].endswith("农村合作社入股")


def test_percentage_points_are_their_own_unit_class_and_a_change():
    row = _table("女党员占比比上年提高0.6个百分点。").iloc[0]
    assert (row["unit"], row["unit_class"], row["kind"], row["core_id"]) == ("百分点", "percentage_points", "change", "members_female")


@pytest.mark.parametrize(
    "passage",
    [
        "阅读量：3265 字数：2356 阅读时长：约8分钟",
        "发布时间：2023-07-01 10:25 浏览次数：1024 点赞 35",
        "本文已有1.2万人阅读",
        "第3页 共12页",
        "备案号：京ICP备12345678号 许可证号：20080017",
        "……此处隐藏2618个字……",
        "发送短信即可免费订阅15天手机报",
    ],
)
def test_page_counters_are_never_indicators(passage):
    assert _table(passage).empty


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        ("正式党员120，预备党员15", [("120", "person", "members_probationary"), ("15", "person", "members_probationary")]),
        ("党总支：2", [("2", "count", "orgs_by_type")]),
        ("党员总数 1086  党支部数 26  网格 58", [("1086", "person", "members_total"), ("26", "count", "orgs_by_type"), ("58", "count", "grids")]),
        ("全县党员中：女党员 1203 少数民族党员 56", [("1203", "person", "members_female"), ("56", "person", "members_minority")]),
        ("| 党员总数 | 1086 | 党支部数 | 26 | 网格 | 58 |", [("1086", "person", "members_total"), ("26", "count", "orgs_by_type"), ("58", "count", "grids")]),
    ],
)
def test_statistics_laid_out_as_a_table_are_indicators(passage, expected):
    table = _table(passage)
    assert list(zip(table["surface"], table["unit_class"], table["core_id"])) == expected


def test_bare_cells_of_a_table_drawn_with_bars_are_read_without_a_class():
    table = _table("全厂党员总数：612人\n| 男性 | 480 | 女性 | 132 |\n| 年份 | 2019 |")
    assert list(zip(table["surface"], table["unit_class"])) == [("612人", "person"), ("480", "other"), ("132", "other")]


@pytest.mark.parametrize(
    "passage",
    [
        "党员总数：854人\n其中：\n| 男性 | 689 | 女性 | 165 | 少数民族 | 189 |\n| 大专以上学历 | 196 | 35岁以下青年 | 144 |",
        "全县共有党员5222名，其中：\n| 女性 | 165 | 少数民族 | 189 |\n| 大专以上学历 | 196 |",
        "全县共有党员5222名。\n其中：\n女性165名，少数民族189名，大专以上学历196名。",
    ],
)
def test_a_list_opened_on_the_line_before_counts_parts_of_its_total(passage):
    table = _table(passage).set_index("surface")
    cells = [surface for surface in table.index if surface.startswith(("165", "189", "196"))]
    assert [table.loc[surface, "core_id"] for surface in cells] == ["members_female", "members_minority", "members_college"]
    assert table.loc[cells[0], "subject"] == "党员中女性"


def test_a_list_goes_on_only_after_its_opener_and_a_bare_cell_keeps_no_class():
    table = _table("全县共有党员5222名。\n女性165名。\n| 女性 | 132 |").set_index("surface")
    assert table.loc["165名", "subject"] == "女性" and table.loc["165名", "core_id"] == ""
    assert (table.loc["132", "unit_class"], table.loc["132", "core_id"]) == ("other", "")


def test_a_table_laid_out_one_cell_a_line_keeps_its_numbers_and_a_plan_header_makes_them_targets():
    passage = "现下达各单位发展党员计划如下：\n单位\n|\n学生发展计划\n|\n教工发展计划\n|\n机械学院\n|\n12\n|\n2\n|\n化工学院\n|\n9\n|\n0\n|\n二、有关要求\n第3页\n"
    table = _table(passage)
    assert list(zip(table["surface"], table["unit_class"], table["kind"])) == [
        ("12", "other", "target"), ("2", "other", "target"), ("9", "other", "target"), ("0", "other", "target"),
    ]


def test_a_villages_people_in_口人_distances_in_华里_and_power_in_kw_are_measures():
    table = _table("全村共有320户，1560余口人，距县城12华里。增容变压器3台，总容量204KW。").set_index("surface")
    assert (table.loc["1560余口人", "unit"], table.loc["1560余口人", "unit_class"], table.loc["1560余口人", "approx"]) == ("口人", "person", "over")
    assert (table.loc["12华里", "unit"], table.loc["12华里", "unit_class"]) == ("华里", "other")
    assert (table.loc["204KW", "unit"], table.loc["204KW", "unit_class"]) == ("千瓦", "other")


def test_a_duration_before_内_is_a_deadline_not_an_indicator():
    table = _table("推广群众服务机制，即5分钟内登记诉求、40分钟内现场响应、2天内给出方案。全年集中培训3天。")
    assert table["surface"].tolist() == ["3天"]
