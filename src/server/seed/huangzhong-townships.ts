/**
 * The 17 township-level units of 湟中区 (630106): NBS 统计用区划代码, kind, and approximate counts of
 * residents' committees (居委会) and villages (村委会). Mirrors `huangzhong-townships.csv` beside this
 * file (copied from the shared reference data; a test keeps the two in step).
 */
export type TownshipKind = 'town' | 'township' | 'ethnic_township' | 'subdistrict' | 'industrial_park';

export interface TownshipInfo {
  code: string;
  name: string;
  kind: TownshipKind;
  communities: number;
  villages: number;
}

export const HUANGZHONG_TOWNSHIPS: readonly TownshipInfo[] = [
  { code: '630106100', name: '田家寨镇', kind: 'town', communities: 1, villages: 43 },
  { code: '630106101', name: '上新庄镇', kind: 'town', communities: 1, villages: 33 },
  { code: '630106102', name: '鲁沙尔镇', kind: 'town', communities: 4, villages: 33 },
  { code: '630106103', name: '甘河滩镇', kind: 'town', communities: 1, villages: 18 },
  { code: '630106104', name: '共和镇', kind: 'town', communities: 1, villages: 30 },
  { code: '630106105', name: '多巴镇', kind: 'town', communities: 2, villages: 44 },
  { code: '630106106', name: '拦隆口镇', kind: 'town', communities: 1, villages: 42 },
  { code: '630106107', name: '上五庄镇', kind: 'town', communities: 1, villages: 21 },
  { code: '630106108', name: '李家山镇', kind: 'town', communities: 1, villages: 32 },
  { code: '630106109', name: '西堡镇', kind: 'town', communities: 1, villages: 19 },
  { code: '630106200', name: '群加藏族乡', kind: 'ethnic_township', communities: 0, villages: 5 },
  { code: '630106201', name: '土门关乡', kind: 'township', communities: 0, villages: 19 },
  { code: '630106202', name: '汉东回族乡', kind: 'ethnic_township', communities: 0, villages: 4 },
  { code: '630106203', name: '大才回族乡', kind: 'ethnic_township', communities: 0, villages: 16 },
  { code: '630106204', name: '海子沟乡', kind: 'township', communities: 0, villages: 21 },
  { code: '630106400', name: '甘河工业园', kind: 'industrial_park', communities: 1, villages: 0 },
  { code: '630106401', name: '康川街道', kind: 'subdistrict', communities: 3, villages: 0 },
];
