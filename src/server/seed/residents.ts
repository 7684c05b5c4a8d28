import { makeIdNumber } from '../../shared/validators/index.js';
import { ID_ADDRESS_CODES, OTHER_XINING_CODES, type DemoResident, type PersonTag } from './model.js';
import { personName, surnameFor, type NameStyle } from './names.js';
import type { Member } from './population.js';
import type { Rng } from './rng.js';

// ====================================================================== dates

const DAY_MS = 86_400_000;

export function parseDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`today must be YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== iso) throw new Error(`today is not a real date: ${iso}`);
  return ms / DAY_MS;
}

// ====================================================================== people

const PHONE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '153',
  '155', '156', '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183',
  '184', '185', '186', '187', '188', '189', '191', '198', '199',
];

interface DateInfo {
  iso: string;
  year: number;
}

export class PeopleFactory {
  private readonly usedIds = new Set<string>();
  private readonly usedPhones = new Set<string>();
  private readonly dates: DateInfo[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly todayDay: number,
  ) {}

  private dateForAgeDays(ageDays: number): DateInfo {
    let d = this.dates[ageDays];
    if (!d) {
      const iso = new Date((this.todayDay - ageDays) * DAY_MS).toISOString().slice(0, 10);
      d = { iso, year: Number(iso.slice(0, 4)) };
      this.dates[ageDays] = d;
    }
    return d;
  }

  private idNumber(addressCode: string, birthDate: string, male: boolean): string {
    for (;;) {
      const id = makeIdNumber(addressCode, birthDate, this.rng.int(500) * 2 + (male ? 1 : 0));
      if (this.usedIds.has(id)) continue;
      this.usedIds.add(id);
      return id;
    }
  }

  private phone(): string {
    for (;;) {
      const p = this.rng.pick(PHONE_PREFIXES) + String(this.rng.int(100_000_000)).padStart(8, '0');
      if (this.usedPhones.has(p)) continue;
      this.usedPhones.add(p);
      return p;
    }
  }

  residents(members: Member[], householdIndex: number, style: NameStyle, out: DemoResident[]): void {
    const rng = this.rng;
    const familySurname = surnameFor(rng, style);
    const living_alone = members.length === 1;
    for (const m of members) {
      const ageDays = Math.min(Math.floor(m.age * 365.2425), 36_500);
      const age = ageDays / 365.2425;
      const date = this.dateForAgeDays(ageDays);
      const gender = m.male ? 'M' : 'F';
      const surname = m.own ? surnameFor(rng, style) : familySurname;
      const name = personName(rng, style, surname, gender, date.year);

      let addressCode: string;
      if (ageDays >= 365 && rng.chance(age >= 18 ? 0.034 : 0.015)) addressCode = rng.pick(OTHER_XINING_CODES);
      else if (date.year < 1999) addressCode = ID_ADDRESS_CODES.before1999;
      else if (date.year < 2019) addressCode = ID_ADDRESS_CODES.from1999;
      else addressCode = ID_ADDRESS_CODES.from2019;
      const idNumber = this.idNumber(addressCode, date.iso, m.male);

      const pPhone = age < 12 ? 0 : age < 14 ? 0.25 : age < 18 ? 0.8 : age < 70 ? 0.97 : age < 80 ? 0.72 : 0.38;
      const phone = pPhone > 0 && rng.chance(pPhone) ? this.phone() : null;

      const tags: PersonTag[] = [];
      if (living_alone && age >= 60) tags.push('living_alone');
      const pChronic = age < 18 ? 0.004 : age < 40 ? 0.02 : age < 60 ? 0.07 : age < 70 ? 0.21 : age < 80 ? 0.29 : 0.34;
      const dialysis = age >= 18 && rng.chance(age < 60 ? 0.0005 : 0.0013);
      if (dialysis || rng.chance(pChronic)) tags.push('chronic_disease');
      if (dialysis) tags.push('dialysis');
      if (rng.chance(age < 18 ? 0.0001 : age < 40 ? 0.0004 : age < 60 ? 0.0012 : 0.0034)) tags.push('chemo_radiotherapy');
      if (!m.male && age >= 20 && age < 41 && rng.chance(m.married ? 0.013 : 0.003)) tags.push('pregnant');
      if (ageDays < 28) tags.push('newborn');
      if (rng.chance(age < 18 ? 0.01 : age < 60 ? 0.034 : age < 80 ? 0.1 : 0.17)) tags.push('disabled');

      out.push({ householdIndex, name, idNumber, birthDate: date.iso, gender, phone, tags });
    }
  }
}
