import { withTx, type AppContext } from '../platform/context.js';
import type { DbOrTx } from '../platform/db/index.js';
import { regionsUnder } from '../modules/regions/index.js';
import { residentsUnder } from '../modules/people/index.js';
import {
  addIsolationRooms, applyDowngrade, createIsolationSite, designateZone, findZone, placePerson, recordInfection, runZoneDay,
} from '../modules/isolation/index.js';
import { todayInChina } from '../../shared/validators/index.js';

const DAY = 86_400_000;
/** An instant on a local date some days from today (China time), at a given hour. */
const at = (today: string, days: number, hour: number) =>
  new Date(Date.parse(`${today}T${String(hour).padStart(2, '0')}:00:00+08:00`) + days * DAY).toISOString();
const dateOf = (today: string, days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * The demo district's isolation: two isolation hotels (多巴镇 and 鲁沙尔镇) with their rooms and some
 * people placed with expected release dates over the coming days; a high-risk zone on two buildings of
 * 康川街道 designated nine days ago with a new infection three days later; a zone of 甘河工业园 designated
 * high twelve days ago and downgraded to medium four days ago, which the daily computation (run here)
 * proposes for the next downgrade. Runs inside the seed's transaction; dates are relative to today.
 */
export async function seedIsolation(ctx: AppContext, tx: DbOrTx): Promise<{ sites: number; placed: number; zones: number }> {
  const c = withTx(ctx, tx);
  const today = todayInChina();

  const hotels = [
    { name: '多巴镇通海宾馆集中隔离点', township: '630106105', address: '多巴镇通海路88号', contact: '前台 0971-2233101',
      runs: [{ from: 201, to: 240, beds: 1 }, { from: 301, to: 310, beds: 2 }], people: 10 },
    { name: '鲁沙尔镇塔尔寺宾馆集中隔离点', township: '630106102', address: '鲁沙尔镇塔尔寺路16号', contact: '前台 0971-2233208',
      runs: [{ from: 101, to: 130, beds: 1 }], people: 6 },
  ];
  let placed = 0;
  for (const h of hotels) {
    const site = await createIsolationSite(c, null, { name: h.name, kind: 'hotel', regionCode: h.township, address: h.address, contact: h.contact,
      status: 'active' });
    for (const run of h.runs) await addIsolationRooms(c, null, site.id, { prefix: '', width: 0, ...run });
    const communities = (await regionsUnder(tx, [`630106/${h.township}`], ['community'])).sort((a, b) => (a.code < b.code ? -1 : 1));
    const people = communities.length ? (await residentsUnder(tx, [communities[0].path])).slice(0, h.people) : [];
    for (const [i, p] of people.entries()) {
      await placePerson(tx, null, { personId: p.id, episodeId: null, siteId: site.id, expectedReleaseOn: dateOf(today, 1 + (i % 7)) });
      placed++;
    }
  }

  let zones = 0;
  const buildings = (await regionsUnder(tx, ['630106/630106401'], ['building'])).sort((a, b) => (a.code < b.code ? -1 : 1)).slice(0, 2);
  if (buildings.length) {
    await designateZone(c, null, { name: buildings.map((b) => b.name).join('、'), level: 'high', buildingCodes: buildings.map((b) => b.code),
      decisionNo: '湟防指〔2022〕31号', decidedAt: at(today, -9, 20), reason: '确诊病例居住楼栋' });
    await recordInfection(tx, null, { regionPath: buildings[0].path, date: dateOf(today, -6) });
    zones++;
  }
  const grid = (await regionsUnder(tx, ['630106/630106400'], ['grid'])).sort((a, b) => (a.code < b.code ? -1 : 1))[0];
  if (grid) {
    const zone = await designateZone(c, null, { name: `甘河工业园${grid.name}`, level: 'high', regionCode: grid.code,
      decisionNo: '湟防指〔2022〕26号', decidedAt: at(today, -12, 18), reason: '无症状感染者工作场所' });
    const row = (await findZone(tx, zone.id))!;
    await applyDowngrade(tx, null, row, 'medium', at(today, -4, 17), '湟防指〔2022〕44号', '连续7天无新增感染，第7天全员核酸阴性，专家组研判同意');
    zones++;
  }
  await runZoneDay(tx, today);
  return { sites: hotels.length, placed, zones };
}
