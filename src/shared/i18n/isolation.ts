/** UI text of isolation sites, placements and risk zones, zh-CN first; merged into zh-CN.ts and en.ts. */
export const ISOLATION_ZH = {
} as const;

export const ISOLATION_EN: Record<keyof typeof ISOLATION_ZH, string> = {
};
