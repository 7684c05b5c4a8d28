/** UI text of the managed-people ledger (管控人员), episode detail and releases, zh-CN first; merged into zh-CN.ts and en.ts. */
export const EPISODES_ZH = {
} as const;

export const EPISODES_EN: Record<keyof typeof EPISODES_ZH, string> = {
};
