/** Special-group tags (重点人群). Age groups are derived from the birth date, the rest are recorded. */
export const RECORDED_TAGS = [
  'living_alone',
  'chronic_disease',
  'dialysis',
  'chemo_radiotherapy',
  'pregnant',
  'newborn',
  'disabled',
] as const;
export const DERIVED_TAGS = ['age_60', 'age_80'] as const;
export const PERSON_TAGS = [...DERIVED_TAGS, ...RECORDED_TAGS] as const;
export type RecordedTag = (typeof RECORDED_TAGS)[number];
export type PersonTag = (typeof PERSON_TAGS)[number];

export const TAG_LABELS: Record<PersonTag, { 'zh-CN': string; en: string; aliases?: string[] }> = {
  age_60: { 'zh-CN': '60岁以上', en: 'Aged 60+', aliases: ['老年人', '60+'] },
  age_80: { 'zh-CN': '80岁以上', en: 'Aged 80+', aliases: ['高龄', '80+'] },
  living_alone: { 'zh-CN': '独居', en: 'Living alone', aliases: ['独居老人', '空巢'] },
  chronic_disease: { 'zh-CN': '慢性病', en: 'Chronic disease', aliases: ['慢病', '慢性病患者'] },
  dialysis: { 'zh-CN': '透析', en: 'Dialysis', aliases: ['血透', '血液透析'] },
  chemo_radiotherapy: { 'zh-CN': '放化疗', en: 'Chemo/radiotherapy', aliases: ['化疗', '放疗', '肿瘤放化疗'] },
  pregnant: { 'zh-CN': '孕产妇', en: 'Pregnant', aliases: ['孕妇', '孕产'] },
  newborn: { 'zh-CN': '新生儿', en: 'Newborn', aliases: ['婴儿'] },
  disabled: { 'zh-CN': '残疾人', en: 'Disabled', aliases: ['残疾'] },
};

/** Reads a tag written as its code, its Chinese or English label, or a common field alias. */
export function parseTag(text: string): PersonTag | undefined {
  const t = text.trim().toLowerCase();
  return PERSON_TAGS.find((tag) => {
    const l = TAG_LABELS[tag];
    return tag === t || l['zh-CN'] === t || l.en.toLowerCase() === t || l.aliases?.some((a) => a.toLowerCase() === t);
  });
}

/** Document types carried in 2022 (DOMAIN.md §6.1). Only the ID-shaped ones go through the GB 11643 check. */
export const DOC_TYPES = [
  'resident_id',
  'hmt_residence_permit',
  'foreign_permanent_id',
  'passport',
  'hk_macau_permit',
  'taiwan_permit',
] as const;
export type DocType = (typeof DOC_TYPES)[number];

export const DOC_TYPE_LABELS: Record<DocType, { 'zh-CN': string; en: string }> = {
  resident_id: { 'zh-CN': '居民身份证', en: 'Resident ID card' },
  hmt_residence_permit: { 'zh-CN': '港澳台居民居住证', en: 'HK/Macau/Taiwan residence permit' },
  foreign_permanent_id: { 'zh-CN': '外国人永久居留身份证', en: 'Foreign permanent resident ID' },
  passport: { 'zh-CN': '护照', en: 'Passport' },
  hk_macau_permit: { 'zh-CN': '港澳居民来往内地通行证', en: 'HK/Macau home-return permit' },
  taiwan_permit: { 'zh-CN': '台湾居民来往大陆通行证', en: 'Taiwan compatriot permit' },
};

export const ID_SHAPED_DOC_TYPES: readonly DocType[] = ['resident_id', 'hmt_residence_permit'];

/** Whole years of age on a local calendar date (both 'YYYY-MM-DD'). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** The latest birth date of someone at least `years` old on `today`. */
export function bornOnOrBefore(today: string, years: number): string {
  const [y, m, d] = today.split('-');
  const candidate = `${String(Number(y) - years).padStart(4, '0')}-${m}-${d}`;
  // 29 February in a year that is not a leap year: the birthday counts from 28 February.
  return m === '02' && d === '29' ? candidate.replace(/-29$/, '-28') : candidate;
}

export function derivedTags(birthDate: string | null, today: string): PersonTag[] {
  if (!birthDate) return [];
  const age = ageOn(birthDate, today);
  const tags: PersonTag[] = [];
  if (age >= 60) tags.push('age_60');
  if (age >= 80) tags.push('age_80');
  return tags;
}
