/**
 * UI text of the testing screens, zh-CN first and English beside it; merged into the UI dictionaries
 * (zh-CN.ts, en.ts). The English table's type makes it carry every key.
 */
export const TESTING_ZH = {
} as const;

export const TESTING_EN: Record<keyof typeof TESTING_ZH, string> = {
};
