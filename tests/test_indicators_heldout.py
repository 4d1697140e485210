"""Held-out sentences of the genre, written for this test and not taken from the corpus.

Each case is a short passage of a grassroots party-building report (annual review, speech,
signed article, guidance; simplified or traditional; full-width digits, thousands commas,
messy web text). It is cleaned like a document (:func:`dangjian.cleaning.clean.clean_text`) and every
quantity the extractor reports is compared with what the gold conventions
(``tests/gold/README.md``) ask for: ``value_norm``, ``unit_class``, ``approx`` and, for a
range, the upper bound. A case passes when every expected quantity is found and nothing else is
reported except the optional ones (thresholds that define a group, routine frequencies).

Choices where the conventions are silent (what a researcher comparing regions would expect):

- ``5个百分点``: a change of a rate, reported as ``percentage_points`` (unit 百分点), never as
  a percent, so that a change is never confused with a level; ``exact`` unless qualified.
- Growth rates (``同比增长12.3%``, ``年均增长15%``) are reported like any rate (``percent``).
- Round numbers with 余/多 (``千余名``, ``万余人``, ``百余个``, ``十余个``): the round number,
  ``over``. ``近千名``: 1000, ``about``. ``上百场``: 100, ``at_least`` (reaching a hundred).
- Vague numbers (``数十个``, ``几十名``, ``若干``, ``一两个``) are not reported: the text gives
  no value and no bound may be invented.
- ``四成`` is 40 ``percent``; ``半数以上`` is 50 ``percent`` ``over``; ``百分之八十`` is 80 ``percent``.
- ``约占…15%``, ``仅占23%左右``: ``about``; a qualifier separated from the number by 占 still
  qualifies it.
- ``3-5人``, ``3～5人``, ``三至五名``: ``range`` with value 3 and upper bound 5.
- Years, dates and time phrases (``3年来``, ``两年多``, ``近五年``, ``任期两年``, ``一至三月``,
  ``1—6月``, ``第三季度``, ``9月底``, ``十一期间``) are not indicators, and neither are spans of
  minutes, months, quarters or weeks (``历时3个多月``, ``连续两个季度``: how long something took, as the
  hand labels always read them). Days and hours (``220天``, ``服务120小时``) are measures of class
  ``other``, never counts of ``个``.
- Administrative units counted without a classifier (``8县（市）``) are counts; after a Chinese
  numeral they make names (``三区三州``). ``三类村`` ranks a category and is not reported.
- A range may repeat its unit or multiplier (``1名至2名``, ``5万至10万元``, ``3%-5%``).
- Names, slogans and formulas (``“十四五”``, ``五年规划``, ``12345热线``, ``一站式``, ``两委``,
  ``三级书记抓基层``, ``第二批``, ``二十大``, ``“1+N”``, ``“5221”工程``) are not reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import pytest

from dangjian.cleaning.clean import clean_text
from dangjian.indicators import quantities

#: (passage, expected quantities, optional quantities). A quantity is written
#: ``value_norm unit_class approx`` or, for a range, ``value_norm unit_class range value_high``;
#: several are separated by ``;``.
CASES: list[tuple[str, str, str]] = [
    # counts, persons, person-times, money
    ("全县共发展党员326名，培训入党积极分子1200余人次。", "326 person exact; 1200 person_time over", ""),
    ("三年来，全市累计投入资金3.5亿元，用于村级阵地建设。", "350000000 money_cny exact", ""),
    ("村级集体经济收入全部达到10万元以上，其中50万元以上的村28个。", "100000 money_cny over; 28 count exact", "500000 money_cny over"),
    ("排查整顿软弱涣散村党组织17个，全部实现转化提升。", "17 count exact", ""),
    ("2023年以来，选派第一书记和驻村工作队员426人。", "426 person exact", ""),
    ("新建改建党群服务中心（站）58个，覆盖率达100%。", "58 count exact; 100 percent exact", ""),
    ("全区划分网格1,325个，配备专兼职网格员2000余名。", "1325 count exact; 2000 person over", ""),
    ("农村居民人均可支配收入4.5万元，同比增长12.3%。", "45000 money_cny exact; 12.3 percent exact", ""),
    ("大专以上学历党员占比比上年提高5个百分点。", "5 percentage_points exact", ""),
    ("党员参学率比上年增加5个百分点，达到92%。", "5 percentage_points exact; 92 percent exact", ""),
    ("流动党员纳管率达96%，较去年提升2.4个百分点。", "96 percent exact; 2.4 percentage_points exact", ""),
    ("开通12345政务服务热线，全年受理群众诉求3.2万件，办结率达98.7%。", "32000 count exact; 98.7 percent exact", ""),
    ("扎实开展第二批主题教育，查摆问题136个，整改完成129个。", "136 count exact; 129 count exact", ""),
    ("全县共有基层党组织1,246个、党员2.86万名。", "1246 count exact; 28600 person exact", ""),
    ("累计发放村干部报酬2100余万元。", "21000000 money_cny over", ""),
    ("年均培训党员1.5万人次以上。", "15000 person_time over", ""),
    ("2022年底全区实有党员12356名，比上年增加423名，增长3.5%。", "12356 person exact; 423 person exact; 3.5 percent exact", ""),
    ("市级财政安排专项资金800万元，撬动社会资本投入1.2亿元。", "8000000 money_cny exact; 120000000 money_cny exact", ""),
    ("建成村级综合服务站126个，实现村（社区）全覆盖。", "126 count exact", ""),
    ("为136个村配备了“法律明白人”，培训乡村振兴带头人280名。", "136 count exact; 280 person exact", ""),
    ("全县1,200名党员参加了志愿服务。", "1200 person exact", ""),
    ("集体经济薄弱村由2021年的46个减少到8个。", "46 count exact; 8 count exact", ""),
    ("选聘专职党建指导员45名，组建党建指导站12个。", "45 person exact; 12 count exact", ""),
    ("全县2个乡镇被评为“五星级乡镇党委”。", "2 count exact", ""),
    ("共走访困难党员和老党员560户，发放慰问金28.6万元。", "560 count exact; 286000 money_cny exact", ""),
    ("整合各类涉农资金1860万元，实施村级项目47个。", "18600000 money_cny exact; 47 count exact", ""),
    ("全年调处矛盾纠纷1,876件，调解成功率98.2%。", "1876 count exact; 98.2 percent exact", ""),
    ("打造“红色物业”示范小区15个。", "15 count exact", ""),
    ("全市共有村（社区）1,583个，其中村1,200个、社区383个。", "1583 count exact; 1200 count exact; 383 count exact", ""),
    ("村党组织书记平均年龄46.2岁，较换届前下降5.3岁。", "46.2 age_years exact; 5.3 age_years exact", ""),
    ("发放创业贷款3000余万元，带动群众就业1200多人。", "30000000 money_cny over; 1200 person over", ""),
    ("投入700余万元改造提升村级活动场所43处。", "7000000 money_cny over; 43 count exact", ""),
    ("发展党员中，女性党员占31.6%，少数民族党员占12%。", "31.6 percent exact; 12 percent exact", ""),
    ("全县设立临时党支部36个，开展活动200余次。", "36 count exact; 200 times over", ""),
    ("全市共评选表彰优秀共产党员100名、先进基层党组织50个。", "100 person exact; 50 count exact", ""),
    ("约谈提醒村干部12人次，问责3人。", "12 person_time exact; 3 person exact", ""),
    ("6个乡镇15个村被列为示范点。", "6 count exact; 15 count exact", ""),
    ("一是抓班子建设，调整充实村“两委”成员84名。", "84 person exact", ""),
    ("全年培训党员 300 人次。", "300 person_time exact", ""),
    ("为民办实事1.3万余件。", "13000 count over", ""),
    # Chinese numerals, round numbers, vague numbers
    ("一至三月份，全镇共接待来访群众两千余人次。", "2000 person_time over", ""),
    ("全县两年多来累计培训党员干部千余名。", "1000 person over", ""),
    ("数十个村先后建立了村史馆，上百场宣讲活动深入田间地头。", "100 count at_least", ""),
    ("主题党日活动吸引群众万余人参与。", "10000 person over", ""),
    ("近千名机关党员干部下沉社区报到。", "1000 person about", ""),
    ("全县建成农家书屋百余个，清理各类微信工作群十余个。", "100 count over; 10 count over", ""),
    ("全县共有党员二万三千余名。", "23000 person over", ""),
    ("一百二十个村完成了村规民约修订。", "120 count exact", ""),
    ("全县有几十名党员长期在外务工，若干个支部活动不正常。", "", ""),
    ("举办“百名书记讲党课”活动，覆盖党员八千余名。", "8000 person over", ""),
    # shares and rates
    ("全县党员中农民党员约占百分之八十。", "80 percent about", ""),
    ("全县农民党员约占党员总数的15%。", "15 percent about", ""),
    ("四成以上的村实现集体经济收入超过50万元。", "40 percent over", "500000 money_cny over"),
    ("半数以上的社区建立了党建联盟。", "50 percent over", ""),
    ("全市非公企业党组织覆盖率逾90%。", "90 percent over", ""),
    ("全县农村党员中，高中及以上学历的仅占23%左右。", "23 percent about", ""),
    ("村集体经济收入年均增长15%以上。", "15 percent over", ""),
    ("全县农村党员1.2万名，其中60岁以上的占四成。", "12000 person exact; 40 percent exact", "60 age_years over"),
    ("全县村党组织书记中致富带头人达612人，占比达85.4%。", "612 person exact; 85.4 percent exact", ""),
    ("全县35岁以下村干部占比由18%提高到31%。", "18 percent exact; 31 percent exact", "35 age_years under"),
    # approximations and ranges
    ("全镇党员平均年龄不到45岁。", "45 age_years under", ""),
    ("全区党员总数逾3万名。", "30000 person over", ""),
    ("每个网格配备网格员3-5人，每村储备后备力量三至五名。", "3 person range 5; 3 person range 5", ""),
    ("每个党支部确定联络员3～5人。", "3 person range 5", ""),
    ("共有在册党员不足30人的村党支部64个。", "64 count exact", "30 person under"),
    ("每年为每个村安排办公经费不低于5万元。", "50000 money_cny at_least", ""),
    ("全县村级组织活动场所面积平均达到300平方米以上。", "300 other over", ""),
    ("全县近五年来共发展党员1500余名。", "1500 person over", ""),
    ("第一书记任期两年，每年驻村时间不少于220天。", "220 other at_least", ""),
    # dates, time phrases, names, slogans, formulas, page furniture
    ("2023年6月，县委组织部召开专题会议，部署第三季度重点工作。", "", ""),
    ("3月15日至20日，举办村党组织书记示范培训班3期，培训学员450人。", "3 count exact; 450 person exact", ""),
    ("认真落实“十四五”规划和五年规划纲要，推动基层党建提质增效。", "", ""),
    ("推行“一站式”服务，实现群众办事“最多跑一次”。", "", ""),
    ("坚持三级书记抓基层，压紧压实村“两委”班子责任。", "", ""),
    ("落实“三会一课”制度，每月开展一次主题党日活动。", "", "1 times exact"),
    ("二十大以来，全县举办专题读书班17期。", "17 count exact", ""),
    ("党的十九届六中全会精神宣讲达380场次。", "380 count exact", ""),
    ("第四季度全镇新增市场主体230家。", "230 count exact", ""),
    ("2024年1—6月，累计办理民生实事85件。", "85 count exact", ""),
    ("建立“1+N”党建联盟6个。", "6 count exact", ""),
    ("实施“5221”工程后，全村人均收入达到2.6万元。", "26000 money_cny exact", ""),
    ("截至9月底，全区已有1,032名在职党员到社区报到。", "1032 person exact", ""),
    ("3年来，全县新建村级活动场所42个。", "42 count exact", ""),
    ("来源：县委组织部 发布时间：2023-06-12 09:30 浏览次数：1523", "", ""),
    # more of the genre: mixed forms and messy web text
    ("全年共召开党委会议24次，研究党建议题36个。", "24 times exact; 36 count exact", ""),
    ("全县共有“两新”组织党组织186个。", "186 count exact", ""),
    ("党组织覆盖率由75%提升至98%。", "75 percent exact; 98 percent exact", ""),
    ("全镇39个行政村、5个社区全部建立了红白理事会。", "39 count exact; 5 count exact", ""),
    ("2023年度考核中，8个村党组织被评为“先进”等次。", "8 count exact", ""),
    ("受理群众诉求2.1万余件，满意率达到99.1%。", "21000 count over; 99.1 percent exact", ""),
    ("累计投入资金约2.3亿元。", "230000000 money_cny about", ""),
    ("共计发放生活补贴超过500万元。", "5000000 money_cny over", ""),
    ("群众不满意率较上年下降了8.6个百分点。", "8.6 percentage_points exact", ""),
    ("脱贫户人均增收3000元以上，户均增收2800元。", "3000 money_cny over; 2800 money_cny exact", ""),
    ("村均集体经济收入达到25.6万元。", "256000 money_cny exact", ""),
    ("近3年共发展党员826名。", "826 person exact", ""),
    ("这一做法已在全市100多个村推广。", "100 count over", ""),
    ("两百余名党员参加了义务植树，志愿服务五千多人次。", "200 person over; 5000 person_time over", ""),
    ("党员群众满意度达到百分之九十以上。", "90 percent over", ""),
    ("全市1万多名党员干部参与疫情防控。", "10000 person over", ""),
    ("每个村配备专职网格员30名左右。", "30 person about", ""),
    ("村“两委”班子成员职数一般不超过7人。", "7 person under", ""),
    ("每个社区至少配备3名专职社区工作者。", "3 person at_least", ""),
    ("社区党群服务中心实行24小时自助服务、365天不打烊。", "", ""),
    ("“十三五”以来，全县深入开展“两学一做”和“三治融合”试点。", "", ""),
    ("推行“四议两公开”工作法，落实“一村一品”。", "", ""),
    ("认真贯彻五大发展理念，打好三大攻坚战。", "", ""),
    ("共有党员87万余名，基层党组织4.3万个。", "870000 person over; 43000 count exact", ""),
    ("发放红色积分卡2000张，兑换物品1.1万件。", "2000 count exact; 11000 count exact", ""),
    ("建成智慧党建平台1个、网上党校3所。", "1 count exact; 3 count exact", ""),
    ("抽调10余个部门组成督导组。", "10 count over", ""),
    ("印发《关于加强村级组织建设的意见》（县组发〔2023〕12号）。", "", ""),
    ("联系电话：0931-8123456，邮编：743000。", "", ""),
    ("清理失联党员17名，对3名不胜任的村党组织书记进行了调整。", "17 person exact; 3 person exact", ""),
    ("有56%的村实现了集体经济收入翻番。", "56 percent exact", ""),
    ("累计投入1.5亿多元。", "150000000 money_cny over", ""),
    ("共发展党员 1 234 名，投入资金3.5 亿元。", "1234 person exact; 350000000 money_cny exact", ""),
    ("实施“三年行动计划”以来，建成一百零八个示范点。", "108 count exact", ""),
    ("全县四十三个村党组织完成了换届。", "43 count exact", ""),
    ("全镇党员三百二十一名，其中女党员九十七名。", "321 person exact; 97 person exact", ""),
    ("選派駐村第一書記２８名，駐村工作隊員８４名。", "28 person exact; 84 person exact", ""),
    ("培訓黨員3,200人次，參訓率達百分之九十五。", "3200 person_time exact; 95 percent exact", ""),
    ("近兩年來，全縣吸納兩萬餘人參與志願服務。", "20000 person over", ""),
    ("全區共建立樓棟黨小組1,024個，覆蓋黨員約1.6萬名。", "1024 count exact; 16000 person about", ""),
    # round numerals, halves, tenths, ranges with repeated units, other units and traps
    ("每年为每个村安排党建经费十万元。", "100000 money_cny exact", ""),
    ("村级党组织书记培训覆盖率达到百分之百。", "100 percent exact", ""),
    ("全年为群众挽回经济损失上万元，惠及近万名群众。", "10000 money_cny at_least; 10000 person about", ""),
    ("过半的村实现了集体经济收入翻番，超过半数的社区建立了议事会。", "50 percent over; 50 percent over", ""),
    ("一半以上的党员参加了志愿服务，统一半年考核。", "50 percent over", ""),
    ("共组建十来个党员先锋队。", "10 count about", ""),
    ("每村每年奖补5万至10万元，每个社区配备1名至2名专职工作者。", "50000 money_cny range 100000; 1 person range 2", ""),
    ("考核优秀的村党组织书记报酬上浮3%-5%。", "3 percent range 5", ""),
    ("全镇有一类村12个、二类村8个、三类村3个。", "12 count exact; 8 count exact; 3 count exact", ""),
    ("十一期间，全县组织党员志愿者320名开展文明劝导。", "320 person exact", ""),
    ("专项整治历时3个多月，整改问题96个。", "96 count exact", ""),
    ("为村级便民服务站配备五台电脑，开展活动80场（次）。", "5 count exact; 80 count exact", ""),
    ("发放小额贷款230笔，查处侵害群众利益案件15例。", "230 count exact; 15 count exact", ""),
    ("参加义务劳动的党员不下300人，集体经济收入突破1000万元。", "300 person at_least; 10000000 money_cny over", ""),
    ("仍有近一成的村集体经济收入偏低。", "10 percent about", ""),
    ("该村在全县考核中排名第 3 名。", "", ""),
    ("连续两个季度排名靠后的村，由3名县级领导包抓。", "3 person exact", ""),
    ("全县35岁以上3人被列为重点培养对象，通过千余名党员的努力完成任务。", "3 person exact; 1000 person over", "35 age_years over"),
    ("近八成的党员认为培训效果好，已有三成员单位完成签约。", "80 percent about", ""),
    ("全县有党员两万多名，村均党员六十余名。", "20000 person over; 60 person over", ""),
    # a second blind batch: guidance, speeches, signed articles, web pages
    ("截至2023年底，全省共有基层党组织21.3万个，党员402.6万名。", "213000 count exact; 4026000 person exact", ""),
    ("今年以来，全市共排查各类风险隐患1,462处，已整改1,388处，整改率94.9%。", "1462 count exact; 1388 count exact; 94.9 percent exact", ""),
    ("各地要确保每个村（社区）党组织每年至少有1万元的服务群众专项经费。", "10000 money_cny at_least", ""),
    ("全县共有离退休干部党员3200余名，其中80岁以上的580名。", "3200 person over; 580 person exact", "80 age_years over"),
    ("我镇下辖12个行政村、2个社区，共有党支部26个、党员1086名。", "12 count exact; 2 count exact; 26 count exact; 1086 person exact", ""),
    ("组织开展“千名干部进万家”活动，走访群众4.6万户。", "46000 count exact", ""),
    ("全县有村级后备干部412名，平均年龄32岁，大专以上学历占68%。", "412 person exact; 32 age_years exact; 68 percent exact", ""),
    ("2019年至2023年，全县累计投入各类帮扶资金5.8亿元。", "580000000 money_cny exact", ""),
    ("共计整改问题2,137个，建立完善制度机制86项。", "2137 count exact; 86 count exact", ""),
    ("全区共设立“党员先锋岗”560个、“党员责任区”1240个。", "560 count exact; 1240 count exact", ""),
    ("每名党员每年集中学习培训时间一般不少于32个学时。", "", "32 other at_least"),
    ("村党组织书记和村委会主任“一肩挑”比例达到95%以上。", "95 percent over", ""),
    ("全市党员中，女党员占28.4%，少数民族党员占6.1%，35岁及以下党员占19.7%。", "28.4 percent exact; 6.1 percent exact; 19.7 percent exact", "35 age_years under"),
    ("全年共召开各类座谈会46场，收集意见建议320余条。", "46 count exact; 320 count over", ""),
    ("选派优秀年轻干部到村任职，目前全县到村任职选调生达97名。", "97 person exact", ""),
    ("全县15个乡镇党委全部完成换届。", "15 count exact", ""),
    ("累计为群众代办各类事项8.9万件，群众满意率99.6%。", "89000 count exact; 99.6 percent exact", ""),
    ("2023年全县村集体经济总收入达1.23亿元，较上年增长21.5%。", "123000000 money_cny exact; 21.5 percent exact", ""),
    ("经营性收入5万元以下的村全部清零。", "", "50000 money_cny under"),
    ("其中，收入100万元以上的村由2020年的3个增加到19个。", "3 count exact; 19 count exact", "1000000 money_cny over"),
    ("建立县级领导联系点42个，每月至少下沉1次。", "42 count exact", "1 times at_least"),
    ("共征集“微心愿”5,600余个，已全部认领。", "5600 count over", ""),
    ("全县发展党员计划数为180名，实际完成176名，完成率97.8%。", "180 person exact; 176 person exact; 97.8 percent exact", ""),
    ("开展“七一”走访慰问，慰问老党员、困难党员1,320人，发放慰问金66万元。", "1320 person exact; 660000 money_cny exact", ""),
    ("2022年以来，共查处违反中央八项规定精神问题37起，处理43人。", "37 count exact; 43 person exact", ""),
    ("全州8县（市）全部建立了党建引领基层治理领导小组。", "8 count exact", ""),
    ("全市132个村党组织书记参加了轮训。", "132 count exact", ""),
    ("党员教育培训经费人均不低于200元。", "200 money_cny at_least", ""),
    ("专职网格员月均报酬3800元左右。", "3800 money_cny about", ""),
    ("实现村级党组织书记队伍年龄、学历“一降一升”，平均年龄下降4.2岁。", "4.2 age_years exact", ""),
    ("村“两委”成员中致富能手占比超六成。", "60 percent over", ""),
    ("新冠疫情期间，全区组建党员突击队200余支，参与党员6,000多人。", "200 count over; 6000 person over", ""),
    ("全县农村党员队伍中，60岁以上的占46.5%，初中及以下学历的占58.2%。", "46.5 percent exact; 58.2 percent exact", "60 age_years over"),
    ("共有7个村的党组织书记因违纪被免职。", "7 count exact", ""),
    ("举办“书记论坛”3场，交流典型经验26个。", "3 count exact; 26 count exact", ""),
    ("开展“三亮三比三评”活动，评选“十佳”党员20名。", "20 person exact", ""),
    ("十九大以来，全县共处置“僵尸”党员15名。", "15 person exact", ""),
    ("共吸纳贫困户就业2,350人，户均年增收8,000余元。", "2350 person exact; 8000 money_cny over", ""),
    ("全县党员干部累计捐款186.5万元。", "1865000 money_cny exact", ""),
    ("每个党小组以5至7名党员为宜。", "5 person range 7", ""),
    ("今年上半年，全市共受理群众来信来访2,315件次。", "2315 count exact", ""),
    ("全县共有非公企业1,856家，已建立党组织的428家，组建率为23.1%。", "1856 count exact; 428 count exact; 23.1 percent exact", ""),
    ("社会组织党组织覆盖率从2020年的61%提升至2023年的88%。", "61 percent exact; 88 percent exact", ""),
    ("组织全县1.2万余名党员到社区报到，认领服务岗位3,800余个。", "12000 person over; 3800 count over", ""),
    ("全县共设置党员示范岗1500个，划分党员责任区2000余个。", "1500 count exact; 2000 count over", ""),
    ("投入资金近3000万元，新建和改扩建村级活动场所37个，每个面积不少于200平方米。", "30000000 money_cny about; 37 count exact", "200 other at_least"),
    ("“十四五”期间，全市计划培训村干部5万人次。", "50000 person_time exact", ""),
    ("全县村党组织书记中，高中（中专）以上学历的达到了91.3%，比换届前提高了15.2个百分点。", "91.3 percent exact; 15.2 percentage_points exact", ""),
    ("三是强化保障，每年每村办公经费和村干部报酬不少于11万元。", "110000 money_cny at_least", ""),
    ("全區共有黨員一萬二千餘名，黨支部三百一十個。", "12000 person over; 310 count exact", ""),
    ("今年以來，全縣共發展黨員四百二十三名，其中女性一百三十一名。", "423 person exact; 131 person exact", ""),
    ("共投入資金１．２億元，建成黨群服務中心４６個。", "120000000 money_cny exact; 46 count exact", ""),
    ("慰問困難黨員兩千三百餘人次。", "2300 person_time over", ""),
    ("全年共培训党员12 500人次（含线上培训3 200人次）", "12500 person_time exact; 3200 person_time exact", ""),
    ("发展党员：326名；转正：298名。", "326 person exact; 298 person exact", ""),
    ("【数据】党员总数1086名  支部数26个  网格数58个", "1086 person exact; 26 count exact; 58 count exact", ""),
    ("阅读 2581 | 来源：区委组织部", "", ""),
    ("（记者 王某某）3月18日上午，全县村党组织书记培训班开班，120名村党组织书记参训。", "120 person exact", ""),
    ("1.加强组织建设。全县新建党支部23个。", "23 count exact", ""),
    ("完成村级组织换届选举234个村，一次性选举成功率100%。", "234 count exact; 100 percent exact", ""),
    ("全县每万名党员中有专职组织员4.2名。", "4.2 person exact", ""),
    ("党员队伍的平均年龄由52.6岁降至49.8岁。", "52.6 age_years exact; 49.8 age_years exact", ""),
    ("全县有3500多名党员参与了“党员志愿服务月”活动。", "3500 person over", ""),
    # words that look like qualifiers or units but are not (早上, 经过半年, 市场, 成为 …)
    ("其中四成为女性党员。", "40 percent exact", ""),
    ("早上百余名群众自发参加义务劳动。", "100 person over", ""),
    ("经过半年努力，过半的村完成了整改。", "50 percent over", ""),
    ("上半年全县新发展党员86名。", "86 person exact", ""),
    ("3家企业上市，建成农贸市场3个。", "3 count exact; 3 count exact", ""),
    ("开通12345市民热线后，受理诉求800余件。", "800 count over", ""),
    ("5G基站120个，3A级景区2个。", "120 count exact; 2 count exact", ""),
    ("全县建成五个示范村、三个带头人工作室。", "5 count exact; 3 count exact", ""),
    ("增强四个意识、坚定四个自信、做到两个维护，严守八项规定。", "", ""),
    ("为每个社区配备五台电脑，三门峡市、五台县的经验值得借鉴。", "5 count exact", ""),
    # traditional script, full-width digits
    ("新發展黨員二百一十五名，其中35歲以下的佔78.6%。", "215 person exact; 78.6 percent exact", "35 age_years under"),
    ("建設黨群服務站點１２６個，培訓網格員２,１００人次。", "126 count exact; 2100 person_time exact", ""),
    ("全縣投入黨建經費逾1.8億元。", "180000000 money_cny over", ""),
    ("累計組織黨員志願者服務群眾近3萬人次。", "30000 person_time about", ""),
    ("共有黨員幹部三十餘人參加培訓。", "30 person over", ""),
    ("全縣村級集體經濟收入１０萬元以上的村佔８６.５％。", "86.5 percent exact", "100000 money_cny over"),
]


def _parse(spec: str) -> list[tuple[Decimal, str, str, Decimal | None]]:
    parsed = []
    for item in filter(None, (part.strip() for part in spec.split(";"))):
        fields = item.split()
        high = Decimal(fields[3]) if len(fields) > 3 else None
        parsed.append((Decimal(fields[0]), fields[1], fields[2], high))
    return parsed


def _found(passage: str) -> list[tuple[Decimal, str, str, Decimal | None]]:
    return [(q.value_norm, q.unit_class, q.approx, q.value_high_norm) for q in quantities(clean_text(passage).text)]


def _differences(found: Iterable[tuple], expected: Iterable[tuple], optional: Iterable[tuple]) -> tuple[list, list]:
    """(missing, unexpected): expected quantities not found, found quantities neither expected nor optional."""
    left = list(found)
    missing = []
    for wanted in expected:
        if wanted in left:
            left.remove(wanted)
        else:
            missing.append(wanted)
    allowed = list(optional)
    unexpected = []
    for item in left:
        if item in allowed:
            allowed.remove(item)
        else:
            unexpected.append(item)
    return missing, unexpected


def test_held_out_material_is_large_enough():
    assert len(CASES) >= 60
    assert len({passage for passage, _, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("passage", "expected", "optional"), CASES, ids=[f"{i:02d}" for i in range(len(CASES))])
def test_held_out_sentence(passage, expected, optional):
    missing, unexpected = _differences(_found(passage), _parse(expected), _parse(optional))
    assert not missing and not unexpected, f"{passage}\nmissing: {missing}\nunexpected: {unexpected}"
