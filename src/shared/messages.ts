/**
 * Error codes and their messages, in the two locales. The code is the stable contract
 * (clients switch on it); messages are for the person reading them, with {placeholders}.
 */
export type Locale = 'zh-CN' | 'en';

export const ERROR_MESSAGES = {
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
