import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../../shared/validators/index.js';
import { categoryOf, checkXiechaRow, mergeDuplicates, parseDate, routeOf, spanEnd, type XiechaRow } from './imports.js';
import { BUILT_IN_PLANS } from '../../../../../test/support/rule-sets.js';

const today = '2022-08-25';
const response = { table: BUILT_IN_PLANS, response: { ruleSet: 'NINTH_EDITION', startedOn: '2022-08-20' } };
const id = makeIdNumber('630122', '1980-01-01', 5);
const row = (v: Record<string, string>, defaultCategory?: Parameters<typeof checkXiechaRow>[2]['defaultCategory']) =>
  checkXiechaRow(2, { name: '张三', docNumber: id, phone: '', reason: '', sourceArea: '', span: '', lastExposure: '2022-08-22', category: '', ...v },
    { defaultCategory: defaultCategory ?? 'CLOSE_CONTACT', today, response });
const codes = (r: ReturnType<typeof checkXiechaRow>) => (r.ok ? [] : r.issues.map((i) => `${i.field}:${i.code}`));

describe('协查 rows', () => {
  it('reads categories by code, label and the usual short forms', () => {
    expect(categoryOf('CLOSE_CONTACT')).toBe('CLOSE_CONTACT');
    expect(categoryOf('密切接触者')).toBe('CLOSE_CONTACT');
    expect(categoryOf('密接')).toBe('CLOSE_CONTACT');
    expect(categoryOf('次密接')).toBe('SECONDARY_CONTACT');
    expect(categoryOf('高风险区旅居史')).toBe('HIGH_ZONE_TRAVEL');
    expect(categoryOf('中风险区来返人员')).toBe('MID_ZONE_TRAVEL');
    expect(categoryOf('游客')).toBeUndefined();
  });

  it('reads dates and spans, refusing impossible ones', () => {
    expect(parseDate('2022/8/5')).toBe('2022-08-05');
    expect(parseDate('2022年8月5日')).toBe('2022-08-05');
    expect(parseDate('20220805')).toBe('2022-08-05');
    expect(parseDate('2022-02-30')).toBeUndefined();
    expect(spanEnd('2022-08-18至2022-08-20')).toEqual({ ok: true, from: '2022-08-18', to: '2022-08-20' });
    expect(spanEnd('2022-08-18~2022-08-20')).toMatchObject({ to: '2022-08-20' });
    expect(spanEnd('2022-08-18')).toMatchObject({ to: '2022-08-18' });
    expect(spanEnd('2022-08-20至2022-08-18').ok).toBe(false);
  });

  it('takes a good row, anchored on the last exposure, else the end of the span', () => {
    const ok = row({ phone: '139 1234 5678', reason: '同车', sourceArea: '西宁市城中区' });
    expect(ok).toMatchObject({ ok: true, row: { idNumber: id, phone: '13912345678', category: 'CLOSE_CONTACT', anchorDate: '2022-08-22',
      ownCategory: false, lapsed: false } });
    expect(row({ lastExposure: '', span: '2022-08-18至2022-08-21' })).toMatchObject({ row: { anchorDate: '2022-08-21' } });
    expect(row({ category: '密接' }, 'HIGH_ZONE_TRAVEL')).toMatchObject({ row: { category: 'CLOSE_CONTACT', ownCategory: true } });
  });

  it('reports every problem of a broken row: check digit, phone, future date, unknown or missing category', () => {
    const bad = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expect(codes(row({ docNumber: bad, phone: '12345' }))).toEqual(['docNumber:ID_CHECKSUM', 'phone:PHONE_FORMAT']);
    expect(codes(row({ lastExposure: '2022-08-26' }))).toEqual(['lastExposure:DATE_FUTURE']);
    expect(codes(row({ lastExposure: '', span: '2022-08-24至2022-08-27' }))).toEqual(['span:DATE_FUTURE']);
    expect(codes(row({ lastExposure: '上周' }))).toEqual(['lastExposure:XIECHA_DATE_FORMAT']);
    expect(codes(row({ lastExposure: '' }))).toEqual(['lastExposure:XIECHA_DATE_MISSING']);
    expect(codes(row({ category: '游客' }))).toEqual(['category:XIECHA_CATEGORY_UNKNOWN']);
    expect(codes(checkXiechaRow(2, { name: '张三', docNumber: id, lastExposure: '2022-08-22' }, { today, response })))
      .toEqual(['category:XIECHA_CATEGORY_REQUIRED']);
    expect(codes(row({ name: '' }))).toEqual(['name:REQUIRED']);
  });

  it('checks the category against the plan in force, and marks a measure already run out', () => {
    // The 20 measures have no secondary contacts.
    const twenty = checkXiechaRow(2, { name: '张三', docNumber: id, lastExposure: '2022-11-20', category: '次密接' },
      { today: '2022-11-25', response });
    expect(codes(twenty)).toEqual(['category:CATEGORY_NOT_IN_RULE_SET']);
    expect(codes(row({ lastExposure: '2021-01-01' }))).toEqual(['lastExposure:NO_RULE_SET_IN_FORCE']);
    // Left a high-risk zone more than 7 days ago: no isolation any more.
    const left = checkXiechaRow(2, { name: '张三', docNumber: id, lastExposure: '2022-08-10' },
      { defaultCategory: 'HIGH_ZONE_TRAVEL', today, response });
    expect(left).toMatchObject({ ok: true, row: { lapsed: true } });
  });

  it('merges the same person and category listed twice, from the latest date; keeps other categories apart', () => {
    const base: XiechaRow = { rowNumber: 2, name: '张三', idNumber: id, phone: null, reason: null, sourceArea: null, category: 'CLOSE_CONTACT',
      ownCategory: false, anchorDate: '2022-08-20', lapsed: false };
    const out = mergeDuplicates([base, { ...base, rowNumber: 5, anchorDate: '2022-08-22' }, { ...base, rowNumber: 6, category: 'HIGH_ZONE_TRAVEL' }]);
    expect(out.duplicates).toBe(1);
    expect(out.unique).toHaveLength(2);
    expect(out.unique[0]).toMatchObject({ rowNumber: 2, anchorDate: '2022-08-22' });
  });

  it('routes a person inside the importer\'s regions, passes on one outside', () => {
    expect(routeOf('630106/630106105/630106105001/630106105001001', ['630106/630106105'])).toBe('route');
    expect(routeOf('630106/630106102/630106102001', ['630106/630106105'])).toBe('elsewhere');
    expect(routeOf('630106/6301061050', ['630106/630106105'])).toBe('elsewhere');
  });
});
