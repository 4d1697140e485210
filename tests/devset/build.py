#!/usr/bin/env python3
"""Build indicators.csv and core_labels.csv from the hand-written label sources in src/.

usage: python3 tests/devset/build.py

Each src/<doc_id>.lab file lists, in order of appearance, one row per number-bearing mention:

    surface | status | subject | core_id | kind | note | overrides

- surface: exact text of the raw file. To pin an occurrence, write left context before `@@`
  (`占党员总数的@@29.9%`): the context must immediately precede the surface.
  Surfaces are searched forward from the end of the previous row, so rows must be in order.
- status: I (indicator), O (optional), X (exclude).
- subject: simplified Chinese label.
- core_id, kind: only for I rows (core_id may be empty, kind is required for I rows).
- note: free text.
- overrides: `key=value;key=value` with keys v (value), m (multiplier), u (unit),
  uc (unit_class), a (approx). Otherwise value/multiplier/unit/unit_class/approx are derived
  from the surface (digits or Chinese numerals, 万/萬/亿/億, unit after the number,
  余/多/餘 -> approx over).
Lines starting with # and blank lines are ignored. The labels are hand-made; this script only
computes offsets and the derived columns so that they are consistent.
"""
import csv
import os
import re
import sys
from decimal import Decimal, InvalidOperation

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, 'docs')
SRC = os.path.join(HERE, 'src')
HEADER = ['doc_id', 'seq', 'surface', 'offset', 'value', 'multiplier', 'value_norm', 'unit',
          'unit_class', 'approx', 'subject', 'status', 'note']
CORE_HEADER = ['doc_id', 'seq', 'surface', 'core_id', 'kind', 'note']
STATUS = {'I': 'indicator', 'O': 'optional', 'X': 'exclude'}

T2S = str.maketrans({'個': '个', '萬': '万', '億': '亿', '歲': '岁', '項': '项', '場': '场', '條': '条',
                     '畝': '亩', '點': '点', '級': '级', '種': '种', '張': '张', '餘': '余', '屆': '届',
                     '戶': '户', '間': '间', '輛': '辆', '臺': '台', '期': '期', '號': '号'})
CN_DIGIT = {'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '兩': 2, '三': 3, '四': 4, '五': 5,
            '六': 6, '七': 7, '八': 8, '九': 9}
CN_UNIT = {'十': 10, '百': 100, '千': 1000}
PINYIN = re.compile(r'\([a-zA-Z\u00c0-\u024f\u0300-\u036f0-5 ]{1,8}\)')
NUM = re.compile(r'[0-9][0-9 .]*[0-9]|[0-9]')
CN_NUM = re.compile(r'[零〇一二两兩三四五六七八九十百千]+')
UNIT_CLASS = {
    '名': 'person', '人': 'person', '位': 'person', '人次': 'person_time', '元': 'money_cny',
    '%': 'percent', '亩': 'area_mu', '岁': 'age_years', '次': 'times', '百分点': 'percentage_points',
}
COUNT_UNITS = set('个项件条家期部枚宗起份户村支座辆台类批届场')
COUNT_UNITS |= {'场次'}
# classifiers of other discrete things (buildings, places, schools, animals, lessons), count as in the
# seed gold's 张, 面, 套, 篇, 轮 (its README: count (个/项/件/… ...))
COUNT_UNITS |= set('处栋幢所间门道堂头只匹峰张面套篇种本册块首幅节轮组队班笔例则棵株盏口眼片')


def cn_to_int(s):
    total, cur = 0, 0
    for ch in s:
        if ch in CN_DIGIT:
            cur = CN_DIGIT[ch]
        elif ch in CN_UNIT:
            total += (cur or 1) * CN_UNIT[ch]
            cur = 0
    return total + cur


def plain(d):
    s = format(d.normalize(), 'f')
    return s


def derive(surface):
    s = PINYIN.sub('', surface)
    m = NUM.search(s)
    if m:
        try:
            value = Decimal(m.group().replace(' ', ''))
        except InvalidOperation:  # e.g. a date written 13.10.2018: the row must give v=
            value = None
        rest = s[m.end():]
        r2 = re.match(r'[至~\-—到][0-9][0-9.]*', rest)
        if r2:  # a range such as 31至35岁: value is the lower bound
            rest = rest[r2.end():]
    else:
        c = CN_NUM.search(s)
        value = Decimal(cn_to_int(c.group())) if c else Decimal(0)
        rest = s[c.end():] if c else s
    rest = rest.translate(T2S)
    mult = Decimal(1)
    approx = 'exact'
    if rest.startswith('余') or rest.startswith('多'):
        approx = 'over'
        rest = rest[1:]
    if rest.startswith('万'):
        mult, rest = Decimal(10000), rest[1:]
    elif rest.startswith('亿'):
        mult, rest = Decimal(100000000), rest[1:]
    if rest.startswith('余') or rest.startswith('多'):
        approx = 'over'
        rest = rest[1:]
    unit = rest.replace('(', '').replace(')', '').replace('xx', '').strip('、,，.．:： ')
    if re.match(r'^年.*[月日]|^月.*日', unit):  # a full date: no unit (as 2020-05-09 in the seed gold)
        unit = ''
    if unit.startswith('个百分点'):
        unit = '百分点'
    if unit in ('人(次)',):
        unit = '人次'
    return value, mult, unit, unit_class(unit), approx


def unit_class(unit):
    if unit in UNIT_CLASS:
        return UNIT_CLASS[unit]
    if unit in COUNT_UNITS or (unit[:1] in COUNT_UNITS and len(unit) == 1):
        return 'count'
    return 'other'


def parse_line(line):
    parts = [p.strip() for p in line.split('|')]
    parts += [''] * (7 - len(parts))
    return parts[:7]


def build():
    ind_rows, core_rows = [], []
    for fn in sorted(os.listdir(SRC)):
        if not fn.endswith('.lab'):
            continue
        doc = fn[:-4]
        raw = open(os.path.join(DOCS, doc + '.txt'), encoding='utf-8').read()
        pos = 0
        seq = 0
        for ln, line in enumerate(open(os.path.join(SRC, fn), encoding='utf-8'), 1):
            line = line.rstrip('\n')
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            surf, st, subject, core, kind, note, ov = parse_line(line)
            ctx = ''
            if '@@' in surf:
                ctx, surf = surf.split('@@', 1)
            start = pos
            while True:
                i = raw.find(ctx + surf, start)
                if i < 0:
                    sys.exit(f'{fn}:{ln}: {ctx}@@{surf!r} not found after offset {pos}')
                off = i + len(ctx)
                before = raw[off - 1] if off > 0 else ''
                after = raw[off + len(surf)] if off + len(surf) < len(raw) else ''
                bad = (surf[0].isdigit() and (before.isdigit() or before == '.')) or \
                      (surf[-1].isdigit() and (after.isdigit() or (after == '.' and
                       raw[off + len(surf) + 1:off + len(surf) + 2].isdigit())))
                if not bad:
                    break
                start = i + 1
            pos = off + len(surf)
            value, mult, unit, uc, approx = derive(surf)
            overrides = [kv.split('=', 1) for kv in filter(None, ov.split(';'))]
            given = dict(overrides)
            if 'u' in given and 'uc' not in given:  # the class follows a unit given by hand
                uc = unit_class(given['u'])
            for k, v in overrides:
                if k == 'v':
                    value = Decimal(v)
                elif k == 'm':
                    mult = Decimal(v)
                elif k == 'u':
                    unit = v
                elif k == 'uc':
                    uc = v
                elif k == 'a':
                    approx = v
                else:
                    sys.exit(f'{fn}:{ln}: unknown override {k}')
            if value is None:
                sys.exit(f'{fn}:{ln}: {surf!r} has no readable value: give v= in the overrides')
            if st not in STATUS:
                sys.exit(f'{fn}:{ln}: status {st!r}')
            seq += 1
            ind_rows.append([doc, seq, surf, off, plain(value), plain(mult), plain(value * mult),
                             unit, uc, approx, subject, STATUS[st], note])
            if st == 'I':
                if kind not in ('amount', 'share', 'change', 'target'):
                    sys.exit(f'{fn}:{ln}: indicator row needs a kind, got {kind!r}')
                core_rows.append([doc, seq, surf, core, kind, note])
            elif core or kind:
                sys.exit(f'{fn}:{ln}: core_id/kind only on indicator rows')
    with open(os.path.join(HERE, 'indicators.csv'), 'w', encoding='utf-8', newline='') as fh:
        w = csv.writer(fh, lineterminator='\n')
        w.writerow(HEADER)
        w.writerows(ind_rows)
    with open(os.path.join(HERE, 'core_labels.csv'), 'w', encoding='utf-8', newline='') as fh:
        w = csv.writer(fh, lineterminator='\n')
        w.writerow(CORE_HEADER)
        w.writerows(core_rows)
    print(f'{len(ind_rows)} rows, {len(core_rows)} indicator rows')


if __name__ == '__main__':
    build()
