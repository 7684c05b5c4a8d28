/** UI text of screening rounds, door-to-door visits, 协查 imports and the grid worker's day list, zh-CN first; merged into zh-CN.ts and en.ts. */
export const SCREENING_FIELD_ZH = {
} as const;

export const SCREENING_FIELD_EN: Record<keyof typeof SCREENING_FIELD_ZH, string> = {
};
