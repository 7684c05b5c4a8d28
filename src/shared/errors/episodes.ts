import type { Locale } from '../messages.js';

/** Error messages of managed people (episodes), their plans, tests, health checks and releases; merged into ERROR_MESSAGES. */
export const EPISODE_ERRORS = {
  EPISODE_PERSON_UNKNOWN: { 'zh-CN': '人员 {id} 不在人口台账中', en: 'Person {id} is not in the residents ledger' },
  EPISODE_DRAFT_INVALID: {
    'zh-CN': '无法为人员 {id} 计算管控方案（{problem}）',
    en: 'No management plan can be computed for person {id} ({problem})',
  },
  NO_MEASURE_NEEDED: {
    'zh-CN': '按方案，“{category}”自锚定日期起已超过管控期限，无需管控',
    en: 'Under the plan, the measure for "{category}" has already run out since the anchor date: nothing to manage',
  },
  EPISODE_NOT_OPEN: { 'zh-CN': '该管控记录已{status}，不能再操作', en: 'This episode is {status}; it cannot be changed any more' },
  RELEASE_TEST_MISSING: {
    'zh-CN': '不能解除管控：{dates} 的核酸检测尚无阴性结果',
    en: 'Cannot release: the tests of {dates} have no negative result',
  },
  RELEASE_TEST_POSITIVE: {
    'zh-CN': '不能解除管控：{dates} 的核酸检测结果为阳性，应转运救治',
    en: 'Cannot release: the test of {dates} is positive; the person must be transferred for treatment',
  },
  RELEASE_TOO_EARLY: {
    'zh-CN': '不能解除管控：管控期至 {lastDay}，尚未期满',
    en: 'Cannot release yet: the measure runs until {lastDay}',
  },
  SCHEDULED_TEST_FILLED: {
    'zh-CN': '{date} 的检测已有结果（{result}），如需更正请注明原因',
    en: 'The test of {date} already has a result ({result}); give a reason to correct it',
  },
  SCHEDULED_TEST_UNKNOWN: { 'zh-CN': '该管控记录没有这次计划检测', en: 'This episode has no such scheduled test' },
  SAMPLED_BEFORE_DUE: {
    'zh-CN': '采样时间 {sampledOn} 早于计划检测日期 {dueDate}，不能计入',
    en: 'The sample of {sampledOn} was taken before the test day {dueDate}; it cannot count for it',
  },
  PERSON_NOT_FOUND_BY_DOC: { 'zh-CN': '未找到该证件号码的人员，请先在人口台账登记', en: 'No resident has this document number; register them first' },
  STAY_NOT_IN_RISK_ZONE: {
    'zh-CN': '{region} 在 {date} 不属于风险区（本区当天未划定风险区），无需按旅居史管控',
    en: '{region} was in no risk zone on {date} (the district had none that day): no measure for having stayed there',
  },
  PLAN_MOVE_SAME: { 'zh-CN': '新旧方案相同，无需调整', en: 'The two plans are the same: nothing to move' },
  HEALTH_CHECK_RECORDED: {
    'zh-CN': '{date} {period}的健康监测已登记',
    en: 'The {period} health check of {date} is already recorded',
  },
} as const satisfies Record<string, Record<Locale, string>>;

/** HTTP status of each code above (others default to 400); merged into the platform's one table. */
export const EPISODE_ERROR_STATUS = {
  EPISODE_PERSON_UNKNOWN: 404,
  EPISODE_DRAFT_INVALID: 422,
  NO_MEASURE_NEEDED: 422,
  EPISODE_NOT_OPEN: 409,
  RELEASE_TEST_MISSING: 409,
  RELEASE_TEST_POSITIVE: 409,
  RELEASE_TOO_EARLY: 409,
  SCHEDULED_TEST_FILLED: 409,
  SCHEDULED_TEST_UNKNOWN: 404,
  SAMPLED_BEFORE_DUE: 400,
  PERSON_NOT_FOUND_BY_DOC: 404,
  STAY_NOT_IN_RISK_ZONE: 422,
  PLAN_MOVE_SAME: 400,
  HEALTH_CHECK_RECORDED: 409,
} as const satisfies Record<keyof typeof EPISODE_ERRORS, number>;
