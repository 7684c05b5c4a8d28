/**
 * Error codes and their messages, in the two locales. The code is the stable contract
 * (clients switch on it); messages are for the person reading them, with {placeholders}.
 */
import { EPISODE_ERRORS } from './errors/episodes.js';
import { ISOLATION_ERRORS } from './errors/isolation.js';
import { SCREENING_FIELD_ERRORS } from './errors/screening-field.js';

export type Locale = 'zh-CN' | 'en';

export const ERROR_MESSAGES = {
  ...EPISODE_ERRORS,
  ...SCREENING_FIELD_ERRORS,
  ...ISOLATION_ERRORS,
  VALIDATION_FAILED: { 'zh-CN': '输入有误，请检查标红的字段', en: 'Some fields are invalid; check the marked ones' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { 'zh-CN': '登录已过期，请重新登录', en: 'Your session has expired; sign in again' },
  BAD_CREDENTIALS: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    'zh-CN': '密码错误次数过多，账号已临时锁定，请 {minutes} 分钟后再试',
    en: 'Too many wrong passwords; the account is locked for {minutes} minutes',
  },
  ACCOUNT_DISABLED: { 'zh-CN': '账号已停用，请联系管理员', en: 'This account is disabled; contact an administrator' },
  FORBIDDEN: { 'zh-CN': '您没有此项操作的权限', en: 'You do not have permission for this' },
  OUT_OF_SCOPE: {
    'zh-CN': '该区域不在您的管辖范围内',
    en: 'This region is outside your area of responsibility',
  },
  NOT_FOUND: { 'zh-CN': '未找到该记录', en: 'Record not found' },
  CONFLICT: { 'zh-CN': '记录已存在', en: 'The record already exists' },
  DUPLICATE_PERSON: {
    'zh-CN': '该证件号码已登记（{name}，{region}）',
    en: 'This document number is already registered ({name}, {region})',
  },
  RATE_LIMITED: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; try again shortly' },
  OVERLOADED: { 'zh-CN': '系统繁忙，请稍后重试', en: 'The system is busy; retry shortly' },
  JOB_INTERRUPTED: {
    'zh-CN': '任务因系统重启而中断，未完成的部分均未保存，请重新提交',
    en: 'The job was interrupted by a restart; nothing of it was kept. Submit it again',
  },
  FILE_TOO_LARGE: { 'zh-CN': '文件过大（上限 {limitMb} MB）', en: 'The file is too large (limit {limitMb} MB)' },
  FILE_NOT_SPREADSHEET: {
    'zh-CN': '文件不是 Excel（.xlsx）或 CSV 表格',
    en: 'The file is not an Excel (.xlsx) or CSV spreadsheet',
  },
  SHEET_NO_HEADER: {
    'zh-CN': '未找到表头：第一行应包含“{required}”等列',
    en: 'No header found: the first row must name columns such as "{required}"',
  },
  SHEET_HAS_FORMULAS: {
    'zh-CN': '表格含有公式（{cell}），请复制后“选择性粘贴为数值”再导入',
    en: 'The sheet contains formulas ({cell}); paste values only and import again',
  },
  SHEET_HAS_MERGED_CELLS: {
    'zh-CN': '表格含有合并单元格（{range}），请取消合并后再导入',
    en: 'The sheet contains merged cells ({range}); unmerge them and import again',
  },
  IMPORT_HAS_ERRORS: {
    'zh-CN': '有 {count} 行有误，未导入任何数据；请下载错误报告修改后重新导入',
    en: '{count} rows have errors; nothing was imported. Download the error report, fix and import again',
  },
  INVALID_STATE: { 'zh-CN': '当前状态下不能执行此操作', en: 'This action is not allowed in the current state' },
  INTERNAL: { 'zh-CN': '系统内部错误，请稍后重试', en: 'Internal error; please retry' },
  // Screening (排查): the management plans.
  NO_RULE_SET_IN_FORCE: {
    'zh-CN': '{date} 没有生效的防控方案，请指定方案',
    en: 'No prevention plan was in force on {date}; name the plan',
  },
  RULE_SET_UNKNOWN: { 'zh-CN': '没有代码为 {code} 的防控方案', en: 'There is no prevention plan with the code {code}' },
  RULE_SET_EXISTS: { 'zh-CN': '防控方案 {code} 已存在，新方案请使用新的代码', en: 'The plan {code} exists already; give a new plan a new code' },
  RULE_SET_OVERLAPS: {
    'zh-CN': '新方案的生效期与《{name}》（{from} 至 {to}）重叠：同一天只能有一个方案生效',
    en: 'Its dates overlap "{name}" ({from} to {to}): only one plan is in force on any day',
  },
  CATEGORY_NOT_IN_RULE_SET: {
    'zh-CN': '《{ruleSet}》中没有“{category}”这一类人员',
    en: '{ruleSet} has no category "{category}"',
  },
  // Testing (核酸检测): what a sampler, lab or cadre is told when a scan or a result is refused.
  ROUND_NOT_OPEN: { 'zh-CN': '本轮核酸检测未开始或已结束', en: 'This testing round is not open' },
  NO_OPEN_ROUND: { 'zh-CN': '该采样点当前没有进行中的检测轮次', en: 'No testing round is open at this site' },
  NOT_SITE_SAMPLER: { 'zh-CN': '您未被分配到该采样点', en: 'You are not assigned to this sampling site' },
  TUBE_UNKNOWN: { 'zh-CN': '试管条码 {barcode} 不存在', en: 'No tube has the barcode {barcode}' },
  TUBE_SEALED: { 'zh-CN': '试管 {barcode} 已封管，请换新管', en: 'Tube {barcode} is sealed; take a new tube' },
  TUBE_OTHER_ROUND: {
    'zh-CN': '试管 {barcode} 已在其他轮次使用过，不能重复使用',
    en: 'Tube {barcode} was used in another round and cannot be reused',
  },
  TUBE_OTHER_SITE: { 'zh-CN': '试管 {barcode} 属于其他采样点（{site}）', en: 'Tube {barcode} belongs to another site ({site})' },
  TUBE_FULL: { 'zh-CN': '试管 {barcode} 已满（{capacity}人）', en: 'Tube {barcode} is full ({capacity} people)' },
  PERSON_ALREADY_IN_TUBE: { 'zh-CN': '{name} 已在本管中，请勿重复扫码', en: '{name} is already in this tube' },
  SAMPLED_TODAY: {
    'zh-CN': '{name} 今天已在本轮采样（{time}），如需再采请填写原因',
    en: '{name} was already sampled in this round today ({time}); give a reason to sample again',
  },
  NEEDS_SINGLE_TUBE: {
    'zh-CN': '{name} 为混管阳性待复核人员，须单人单管采样',
    en: '{name} awaits a retest after a positive pool and must be sampled in a single tube',
  },
  COLLECTION_CODE_UNKNOWN: { 'zh-CN': '采集码无效或已失效，请出示身份证', en: 'Unknown collection code; ask for the ID card' },
  PERSON_NOT_REGISTERED: {
    'zh-CN': '台账中无此人，请按未登记人员录入姓名',
    en: 'This person is not in the ledger; record them as unregistered with a name',
  },
  SCAN_TIME_INVALID: { 'zh-CN': '采样时间不在本轮时间范围内或晚于当前时间', en: 'The sampling time is outside the round or in the future' },
  TUBE_NOT_SEALED: {
    'zh-CN': '试管 {barcode} 尚未封管，不能录入结果',
    en: 'Tube {barcode} was never sealed; no result can be recorded for it',
  },
  TUBE_OTHER_LAB: { 'zh-CN': '试管 {barcode} 已送往其他检测机构', en: 'Tube {barcode} was sent to another lab' },
  LAB_TOKEN_INVALID: { 'zh-CN': '检测机构接口令牌无效或已停用', en: 'The lab API token is invalid or revoked' },
  NOT_A_LAB: { 'zh-CN': '您的账号未关联检测机构', en: 'Your account is not linked to a lab' },
  RESULT_CONFLICT: {
    'zh-CN': '试管 {barcode} 已有结果“{result}”；更正结果请填写原因',
    en: 'Tube {barcode} already has the result "{result}"; a correction needs a reason',
  },
  BAG_COUNT_MISMATCH: {
    'zh-CN': '清点数 {counted} 与系统记录 {expected} 不符，请核对',
    en: 'Counted {counted} tubes but the system has {expected}; check the bag',
  },
  BAG_OTHER_LAB: { 'zh-CN': '样本袋 {barcode} 应送往其他检测机构', en: 'Bag {barcode} is addressed to another lab' },
  BAG_NOT_HANDED_OVER: { 'zh-CN': '样本袋 {barcode} 尚未交接转运', en: 'Bag {barcode} has not been handed over for transport' },
  TUBE_IN_BAG: { 'zh-CN': '试管 {barcode} 已装入样本袋 {bag}', en: 'Tube {barcode} is already in bag {bag}' },
  RESULTS_HAVE_ERRORS: {
    'zh-CN': '有 {count} 条结果有误，本批结果均未录入；请修改后重新提交',
    en: '{count} results have errors; none of this batch was recorded. Fix them and send the batch again',
  },
  // Testing: coverage, follow-ups and the residents' page.
  PERSON_NOT_IN_ROUND: { 'zh-CN': '该人员不在本轮检测范围内', en: 'This person is outside the round\'s regions' },
  RESIDENT_LOOKUP_FAILED: {
    'zh-CN': '未查询到结果，请核对身份证号和手机号后四位',
    en: 'Nothing found; check the ID number and the last four digits of the phone',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Field-level validation messages (import rows, forms). */
export const FIELD_MESSAGES = {
  REQUIRED: { 'zh-CN': '{field}不能为空', en: '{field} is required' },
  ID_FORMAT: { 'zh-CN': '身份证号应为18位（最后一位可为X）', en: 'An ID number has 18 characters (the last may be X)' },
  ID_CHECKSUM: { 'zh-CN': '身份证号校验位错误，请核对', en: 'The ID number check digit is wrong; check the number' },
  ID_BIRTH_DATE: { 'zh-CN': '身份证号中的出生日期不存在', en: 'The birth date in the ID number does not exist' },
  ID_BIRTH_FUTURE: { 'zh-CN': '身份证号中的出生日期晚于今天', en: 'The birth date in the ID number is in the future' },
  ID_ADDRESS_CODE: {
    'zh-CN': '身份证号前6位地址码 {code} 不存在',
    en: 'The address code {code} (first 6 digits) does not exist',
  },
  ID_LEGACY_15: {
    'zh-CN': '15位旧身份证号仅可在批量导入时自动转换',
    en: 'A 15-digit legacy ID number is accepted only in imports, where it is converted',
  },
  DOC_NUMBER_FORMAT: { 'zh-CN': '证件号码格式不正确', en: 'The document number is not valid' },
  PHONE_FORMAT: { 'zh-CN': '手机号应为以1开头的11位数字', en: 'A mobile number has 11 digits starting with 1' },
  PLATE_FORMAT: { 'zh-CN': '车牌号格式不正确', en: 'The vehicle plate is not valid' },
  NAME_FORMAT: {
    'zh-CN': '姓名应为1至30个汉字或字母，不能含数字或符号',
    en: 'A name has 1 to 30 letters or Chinese characters, without digits or symbols',
  },
  REGION_UNKNOWN: { 'zh-CN': '所属村社区/网格“{value}”不存在', en: 'Community/grid "{value}" does not exist' },
  REGION_NOT_GRID: {
    'zh-CN': '请填写到网格或楼院一级（“{value}”）',
    en: 'Give a grid or building, not a higher region ("{value}")',
  },
  TAG_UNKNOWN: { 'zh-CN': '人员标签“{value}”无法识别', en: 'Unknown person tag "{value}"' },
  DUPLICATE_IN_FILE: {
    'zh-CN': '与第 {row} 行证件号码重复',
    en: 'Same document number as row {row}',
  },
  PASSWORD_WEAK: {
    'zh-CN': '密码至少8位，且须包含字母和数字',
    en: 'A password needs at least 8 characters, with letters and digits',
  },
  REGION_OUT_OF_SCOPE: {
    'zh-CN': '“{value}”不在您的管辖范围内',
    en: '"{value}" is outside your area of responsibility',
  },
  REGION_AMBIGUOUS: {
    'zh-CN': '“{value}”对应多个网格，请写明乡镇和村社区或填写网格编码',
    en: '"{value}" matches several grids; give the township and community, or the grid code',
  },
  ID_REGISTERED_ELSEWHERE: {
    'zh-CN': '该证件号码已在{region}登记，请与该辖区核实后再迁入',
    en: 'This document number is registered in {region}; check with them before moving the person in',
  },
  ID_REGISTERED_OTHER_NAME: {
    'zh-CN': '该证件号码已登记为“{name}”，与本行姓名不符',
    en: 'This document number is registered as "{name}", not the name in this row',
  },
  CELL_FORMULA: { 'zh-CN': '单元格含公式', en: 'The cell holds a formula' },
  // Testing: rows of a lab's results file or batch.
  BARCODE_FORMAT: { 'zh-CN': '试管条码应为4至64位可打印字符，不含空格', en: 'A tube barcode has 4 to 64 printable characters, no spaces' },
  RESULT_VALUE: { 'zh-CN': '结果应为“阴性”“阳性”或“无效”', en: 'The result must be negative, positive or invalid' },
  CT_VALUE: { 'zh-CN': 'Ct 值应为 0 至 50 之间的数字', en: 'A Ct value is a number between 0 and 50' },
  TIME_FORMAT: { 'zh-CN': '时间格式应为“2022-08-21 14:05”', en: 'Write the time as 2022-08-21 14:05' },
  DATE_FUTURE: { 'zh-CN': '日期不能晚于今天', en: 'The date cannot be later than today' },
  TIME_FUTURE: { 'zh-CN': '报告时间晚于当前时间', en: 'The reported time is in the future' },
  DUPLICATE_TUBE_IN_FILE: { 'zh-CN': '与第 {row} 行试管条码相同但结果不同', en: 'Same tube as row {row} with another result' },
  REGION_TOO_HIGH: {
    'zh-CN': '名单请按村社区、网格或楼院查看（“{value}”范围过大）',
    en: 'Lists are by community, grid or building ("{value}" is too large)',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type FieldMessageCode = keyof typeof FIELD_MESSAGES;

export function format(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in params ? String(params[key]) : m));
}

export function errorMessage(code: ErrorCode, locale: Locale, params?: Record<string, unknown>): string {
  return format(ERROR_MESSAGES[code][locale], params);
}

export function fieldMessage(code: FieldMessageCode, locale: Locale, params?: Record<string, unknown>): string {
  return format(FIELD_MESSAGES[code][locale], params);
}
