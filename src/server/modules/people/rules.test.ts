import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../shared/validators/index.js';
import { buildRegionIndex, checkPerson, parseDocType, parseTagsCell, regionKey } from './rules.js';

describe('person checks', () => {
  const today = '2026-11-29';

  it('derives birth date and gender from the ID number', () => {
    const r = checkPerson({ docType: 'resident_id', docNumber: makeIdNumber('632124', '1958-02-03', 12), name: '马海燕' }, { today });
    expect(r).toMatchObject({ ok: true, value: { birthDate: '1958-02-03', gender: 'F', phone: null } });
  });

  it('reports every field problem at once', () => {
    const r = checkPerson({ docType: 'resident_id', docNumber: '630106199902301234', name: '', phone: '12345' }, { today });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.field).sort()).toEqual(['docNumber', 'name', 'phone']);
  });

  it('takes passports as they are, without the ID rules', () => {
    const r = checkPerson({ docType: 'passport', docNumber: 'e 1234 5678', name: 'Anna Smith' }, { today });
    expect(r).toMatchObject({ ok: true, value: { docNumber: 'E12345678', gender: null, birthDate: null } });
  });
});

describe('import cells', () => {
  it('reads tags in Chinese, with any separator, ignoring derived age groups', () => {
    expect(parseTagsCell('慢性病、独居，60岁以上')).toEqual({ tags: ['chronic_disease', 'living_alone'], unknown: [] });
    expect(parseTagsCell('孕妇 透析').tags).toEqual(['pregnant', 'dialysis']);
    expect(parseTagsCell('外星人').unknown).toEqual(['外星人']);
  });

  it('reads document types, an empty cell being an ID card', () => {
    expect(parseDocType('')).toBe('resident_id');
    expect(parseDocType('护照')).toBe('passport');
    expect(parseDocType('驾照')).toBeUndefined();
  });

  it('finds a grid by code or by names at any depth, and flags ambiguous names', () => {
    const index = buildRegionIndex([
      { code: '630106105001001', path: 'p1', level: 'grid', names: ['多巴镇', '金城社区', '第1网格'] },
      { code: '630106105201001', path: 'p2', level: 'grid', names: ['多巴镇', '马家村', '第1网格'] },
      { code: '630106105001', path: 'p0', level: 'community', names: ['多巴镇', '金城社区'] },
    ]);
    expect(index.get('630106105001001')).toMatchObject({ path: 'p1' });
    expect(index.get(regionKey('多巴镇 / 金城社区 / 第1网格'))).toMatchObject({ path: 'p1' });
    expect(index.get(regionKey('马家村-第1网格'))).toMatchObject({ path: 'p2' });
    expect(index.get(regionKey('第1网格'))).toBe('ambiguous');
    expect(index.get('630106105001')).toBeUndefined();
  });
});
