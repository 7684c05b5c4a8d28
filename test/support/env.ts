/** Settings shared by the test harness and the tests (never used outside tests). */
export const TEST_SECRET = 'anning-test-secret-0123456789abcdef';
export const TEMPLATE_DB = 'anning_template_small';
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    sqliteTemplate: string;
  }
}
