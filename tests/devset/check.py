#!/usr/bin/env python3
"""Check the development set: tests/devset/{metadata.csv, indicators.csv, core_labels.csv, docs/}.

usage: python3 tests/devset/check.py [--cn]

Errors (exit status 1):
  - metadata: header, one row per docs/*.txt, split in {seen, unseen, heldout, blind2, blind3, blind4, blind5, blind6, blind7, blind8, blind9, blind10, blind11, blind12, blind13, blind14, blind15, blind16, blind17, blind18, blind19, blind20, blind21, blind22, blind23, blind24, blind25, blind26, blind27, blind28, blind29, blind30, blind31, blind32, blind33, blind34, blind35, blind36, blind37, blind38, blind39, blind40, blind41, blind42, blind43, blind44, blind45, blind46, blind47, blind48, blind49, blind50, blind51, blind52, blind53, blind54, blind55, blind56, blind57, blind58, blind59, blind60, blind61, blind62, blind63, blind64, blind65, blind66, blind67, blind68, blind69, blind70, blind71, blind72, blind73}, files exist
  - indicators.csv: exact header; doc_id known; seq 1..n in offset order; surface at offset in
    the raw text (open(f, encoding='utf-8').read()); no overlapping rows; value * multiplier ==
    value_norm (plain decimals); unit_class / approx / status allowed; multiplier 1 or a power
    of ten; approx=range rows carry a note; `个百分点` rows use unit 百分点 / percentage_points
  - coverage: every Arabic digit (ASCII or full-width) outside pinyin parentheses such as
    (wàn) lies inside exactly one row
  - core_labels.csv: exact header; one row per indicator row and none for other rows, same
    doc_id / seq / surface; core_id empty or an id of core.csv; kind in amount/share/change/target;
    unit percentage_points rows are kind change
With --cn, also lists Chinese-numeral characters not covered by any row (for the manual second
pass; lexical words such as 进一步/一线/统一 are expected there and are not errors).
Needs only the standard library.
"""
import csv
import os
import re
import sys
from collections import Counter
from decimal import Decimal, InvalidOperation

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, 'docs')
CORE_CSV_CANDIDATES = [os.path.join(HERE, 'core_ids.txt'), '/work/shared/indicators/core.csv']
HEADER = ['doc_id', 'seq', 'surface', 'offset', 'value', 'multiplier', 'value_norm', 'unit',
          'unit_class', 'approx', 'subject', 'status', 'note']
CORE_HEADER = ['doc_id', 'seq', 'surface', 'core_id', 'kind', 'note']
META_HEADER = ['doc_id', 'file', 'title', 'region', 'level', 'year', 'genre', 'source_url', 'split']
UNIT_CLASSES = {'count', 'person', 'person_time', 'money_cny', 'percent', 'area_mu', 'age_years',
                'times', 'percentage_points', 'other'}
APPROX = {'exact', 'over', 'at_least', 'about', 'under', 'range'}
STATUS = {'indicator', 'exclude', 'optional'}
KINDS = {'amount', 'share', 'change', 'target'}
PINYIN = re.compile(r'\((?=[^)]*[a-zA-Z\u00c0-\u024f])[a-zA-Z\u00c0-\u024f\u0300-\u036f0-5 ]{1,8}\)')
DIGIT = re.compile(r'[0-9\uff10-\uff19]')
CN = re.compile(r'[一二三四五六七八九十两兩百千]')
PLAIN = re.compile(r'^-?\d+(?:\.\d+)?$')
SPLITS = ('seen', 'unseen', 'heldout', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind11', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19', 'blind20', 'blind21', 'blind22', 'blind23', 'blind24', 'blind25', 'blind26', 'blind27', 'blind28', 'blind29', 'blind30', 'blind31', 'blind32', 'blind33', 'blind34', 'blind35', 'blind36', 'blind37', 'blind38', 'blind39', 'blind40', 'blind41', 'blind42', 'blind43', 'blind44', 'blind45', 'blind46', 'blind47', 'blind48', 'blind49', 'blind50', 'blind51', 'blind52', 'blind53', 'blind54', 'blind55', 'blind56', 'blind57', 'blind58', 'blind59', 'blind60', 'blind61', 'blind62', 'blind63', 'blind64', 'blind65', 'blind66', 'blind67', 'blind68', 'blind69', 'blind70', 'blind71', 'blind72', 'blind73')


def core_ids():
    """Core ids: from core_ids.txt beside this file (one per line) if present, else core.csv."""
    for path in CORE_CSV_CANDIDATES:
        if os.path.exists(path):
            if path.endswith('.txt'):
                return {l.strip() for l in open(path, encoding='utf-8') if l.strip()}
            return {r['id'] for r in csv.DictReader(open(path, encoding='utf-8'))}
    sys.exit('no core id list found')


def main():
    show_cn = '--cn' in sys.argv
    errors = []
    err = errors.append

    meta = list(csv.reader(open(os.path.join(HERE, 'metadata.csv'), encoding='utf-8')))
    if meta[0] != META_HEADER:
        err(f'metadata header {meta[0]}')
    meta_rows = [dict(zip(META_HEADER, r)) for r in meta[1:]]
    docs = {r['doc_id']: r for r in meta_rows}
    files = sorted(f[:-4] for f in os.listdir(DOCS) if f.endswith('.txt'))
    if sorted(docs) != files:
        err(f'metadata doc_ids {sorted(docs)} != docs/ files {files}')
    for r in meta_rows:
        if r['split'] not in SPLITS:
            err(f"metadata {r['doc_id']}: split {r['split']!r}")
        if not os.path.exists(os.path.join(HERE, r['file'])):
            err(f"metadata {r['doc_id']}: file {r['file']} missing")
    raws = {d: open(os.path.join(DOCS, d + '.txt'), encoding='utf-8').read() for d in files}

    recs = list(csv.reader(open(os.path.join(HERE, 'indicators.csv'), encoding='utf-8', newline='')))
    if recs[0] != HEADER:
        err(f'indicators header {recs[0]}')
    rows = []
    for i, rec in enumerate(recs[1:], 2):
        if len(rec) != len(HEADER):
            err(f'indicators line {i}: {len(rec)} fields')
            continue
        rows.append(dict(zip(HEADER, rec)))
    by_doc = {}
    for r in rows:
        where = f"{r['doc_id']} seq {r['seq']} {r['surface']!r}"
        raw = raws.get(r['doc_id'])
        if raw is None:
            err(f'{where}: unknown doc_id')
            continue
        off = int(r['offset'])
        if raw[off:off + len(r['surface'])] != r['surface'] or not r['surface']:
            err(f'{where}: surface not at offset {off}')
        try:
            v, m, n = (Decimal(r[k]) for k in ('value', 'multiplier', 'value_norm'))
            if not all(PLAIN.match(r[k]) for k in ('value', 'multiplier', 'value_norm')):
                raise InvalidOperation
            if v * m != n:
                err(f'{where}: value*multiplier != value_norm')
            if not (m == 1 or (m == m.to_integral_value() and re.fullmatch(r'10+', str(int(m))))):
                err(f'{where}: multiplier {m}')
        except InvalidOperation:
            err(f'{where}: value/multiplier/value_norm not plain decimals')
        if r['unit_class'] not in UNIT_CLASSES:
            err(f'{where}: unit_class {r["unit_class"]!r}')
        if r['approx'] not in APPROX:
            err(f'{where}: approx {r["approx"]!r}')
        if r['status'] not in STATUS:
            err(f'{where}: status {r["status"]!r}')
        if r['approx'] == 'range' and not r['note']:
            err(f'{where}: range without note')
        if re.search('[个個]百分[点點]', PINYIN.sub('', r['surface'])) and \
                (r['unit'] != '百分点' or r['unit_class'] != 'percentage_points'):
            err(f'{where}: 个百分点 must be unit 百分点 / percentage_points')
        if not r['subject']:
            err(f'{where}: empty subject')
        by_doc.setdefault(r['doc_id'], []).append(r)

    for d in files:
        items = by_doc.get(d, [])
        if not items:
            err(f'{d}: no rows')
            continue
        if [int(r['seq']) for r in items] != list(range(1, len(items) + 1)):
            err(f'{d}: seq not 1..n')
        offs = [int(r['offset']) for r in items]
        if offs != sorted(offs):
            err(f'{d}: rows not in offset order')
        cover = Counter()
        for r in items:
            for i in range(int(r['offset']), int(r['offset']) + len(r['surface'])):
                cover[i] += 1
        if any(c > 1 for c in cover.values()):
            err(f'{d}: overlapping rows')
        raw = raws[d]
        pin = set()
        for mm in PINYIN.finditer(raw):
            pin.update(range(mm.start(), mm.end()))
        for mm in DIGIT.finditer(raw):
            i = mm.start()
            if i not in pin and cover[i] != 1:
                err(f'{d}: digit {raw[i]!r} at {i} covered {cover[i]} times: ...{raw[max(0, i - 10):i + 6]}...')
        if show_cn:
            miss = [m.start() for m in CN.finditer(raw) if cover[m.start()] == 0]
            print(f'{d}: uncovered Chinese numerals: ' +
                  '  '.join(raw[max(0, i - 3):i + 4].replace('\n', '/') for i in miss))

    ids = core_ids()
    crec = list(csv.reader(open(os.path.join(HERE, 'core_labels.csv'), encoding='utf-8', newline='')))
    if crec[0] != CORE_HEADER:
        err(f'core_labels header {crec[0]}')
    crows = [dict(zip(CORE_HEADER, r)) for r in crec[1:]]
    ind = [(r['doc_id'], r['seq'], r['surface']) for r in rows if r['status'] == 'indicator']
    got = [(r['doc_id'], r['seq'], r['surface']) for r in crows]
    if ind != got:
        missing = set(ind) - set(got)
        extra = set(got) - set(ind)
        err(f'core_labels rows do not match indicator rows: missing {sorted(missing)[:5]} extra {sorted(extra)[:5]}')
    unit_of = {(r['doc_id'], r['seq']): r['unit_class'] for r in rows}
    for r in crows:
        where = f"core_labels {r['doc_id']} seq {r['seq']} {r['surface']!r}"
        if r['core_id'] and r['core_id'] not in ids:
            err(f'{where}: unknown core_id {r["core_id"]!r}')
        if r['kind'] not in KINDS:
            err(f'{where}: kind {r["kind"]!r}')
        if unit_of.get((r['doc_id'], r['seq'])) == 'percentage_points' and r['kind'] != 'change':
            err(f'{where}: percentage points must be kind change')

    st = Counter((r['doc_id'], r['status']) for r in rows)
    print(f'{"doc_id":28} {"split":7} {"indicator":>9} {"optional":>8} {"exclude":>7}')
    for d in files:
        print(f'{d:28} {docs.get(d, {}).get("split", "?"):7} {st[(d, "indicator")]:9} '
              f'{st[(d, "optional")]:8} {st[(d, "exclude")]:7}')
    for split in SPLITS:
        ds = [d for d in files if docs.get(d, {}).get('split') == split]
        print(f'{split}: {len(ds)} documents, ' + ', '.join(
            f'{s} {sum(st[(d, s)] for d in ds)}' for s in ('indicator', 'optional', 'exclude')))
    print('core ids:', dict(Counter(r['core_id'] or '(none)' for r in crows).most_common()))
    print('kinds:', dict(Counter(r['kind'] for r in crows).most_common()))
    for e in errors:
        print('ERROR', e)
    print('FAIL' if errors else 'OK', f'({len(errors)} problems)')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
