/**
 * UI text of the sampling screens, zh-CN first and English beside it; merged into the UI dictionaries
 * (zh-CN.ts, en.ts). The English table's type makes it carry every key.
 */
export const SAMPLING_ZH = {
} as const;

export const SAMPLING_EN: Record<keyof typeof SAMPLING_ZH, string> = {
};
