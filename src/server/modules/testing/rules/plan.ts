/**
 * Sites and samplers for a round (区域核酸检测组织实施指南 第三版, DOMAIN.md §2.3): one sampling point per
 * 2,000–3,000 people and population ÷ 360 samplers to finish in 24 hours; a longer window needs fewer.
 */
export const PEOPLE_PER_SITE = { min: 2000, max: 3000 } as const;
export const SWABS_PER_SAMPLER_DAY = 360;

export interface Plan {
  population: number;
  hours: number;
  sites: { min: number; max: number };
  samplers: number;
}

export function planFor(population: number, hours = 24): Plan {
  if (population <= 0) return { population: 0, hours, sites: { min: 0, max: 0 }, samplers: 0 };
  return {
    population,
    hours,
    sites: { min: Math.ceil(population / PEOPLE_PER_SITE.max), max: Math.ceil(population / PEOPLE_PER_SITE.min) },
    samplers: Math.ceil((population / SWABS_PER_SAMPLER_DAY) * (24 / hours)),
  };
}
