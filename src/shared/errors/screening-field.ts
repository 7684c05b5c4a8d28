import type { Locale } from '../messages.js';

/** Error messages of screening rounds, door-to-door visits, 协查 list imports and the grid worker's day; merged into ERROR_MESSAGES. */
export const SCREENING_FIELD_ERRORS = {
  SCREENING_ROUND_WINDOW: {
    'zh-CN': '排查轮次的结束日期不能早于开始日期，且不超过60天',
    en: 'A screening round ends on or after its first day, within 60 days',
  },
  SCREENING_ROUND_NOT_OPEN: {
    'zh-CN': '该排查轮次未开始、已结束或已关闭，不能再登记走访',
    en: 'This screening round is not taking visits (not begun, over or closed)',
  },
  HOUSEHOLD_NOT_IN_ROUND: {
    'zh-CN': '该户不在本轮排查范围内',
    en: 'This household is outside the scope of the screening round',
  },
  VISIT_ID_REUSED: {
    'zh-CN': '走访记录编号 {id} 已用于另一条不同的记录',
    en: 'The visit id {id} was already used for a different visit',
  },
  VISIT_PRESENT_NOT_MEMBER: {
    'zh-CN': '在场人员中有不属于该户的人员',
    en: 'Some of the people marked present do not belong to this household',
  },
  VISIT_IN_FUTURE: { 'zh-CN': '走访时间不能晚于当前时间', en: 'A visit cannot be recorded in the future' },
  GRID_REQUIRED: {
    'zh-CN': '请选择网格：今日工作按网格列出',
    en: 'Choose a grid: the day list is made per grid',
  },
  NOT_A_GRID: { 'zh-CN': '“{code}”不是网格，今日工作按网格列出', en: '"{code}" is not a grid; the day list is made per grid' },
  XIECHA_HAS_ERRORS: {
    'zh-CN': '协查名单有 {count} 行有误，整份名单未导入；请下载错误报告修改后重新导入',
    en: '{count} rows of the investigation list have errors; nothing was imported. Download the error report, fix and import again',
  },
  XIECHA_CATEGORY_REQUIRED: {
    'zh-CN': '请选择名单人员类别，或在表中填写“类别”列',
    en: 'Choose the category of the list, or fill in a "类别" (category) column',
  },
  XIECHA_CATEGORY_UNKNOWN: { 'zh-CN': '人员类别“{value}”无法识别', en: 'Unknown category "{value}"' },
  XIECHA_DATE_FORMAT: {
    'zh-CN': '日期“{value}”无法识别，应写作 2022-08-20（起止日期写作 2022-08-18至2022-08-20）',
    en: 'Cannot read the date "{value}"; write 2022-08-20 (a span as 2022-08-18至2022-08-20)',
  },
  XIECHA_DATE_MISSING: {
    'zh-CN': '末次暴露日期和起止日期至少填写一项',
    en: 'Give the last exposure date or the span of dates',
  },
  UNMATCHED_DONE: { 'zh-CN': '该人员已处理（{status}）', en: 'This person was already handled ({status})' },
  UNMATCHED_OTHER_PERSON: {
    'zh-CN': '所选人员的证件号码与名单不一致',
    en: "The chosen person's document number is not the one on the list",
  },
} as const satisfies Record<string, Record<Locale, string>>;
