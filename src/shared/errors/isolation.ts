import type { Locale } from '../messages.js';

/** Error messages of isolation sites, rooms, placements and risk zones; merged into ERROR_MESSAGES. */
export const ISOLATION_ERRORS = {
  SITE_FULL: {
    'zh-CN': '隔离点“{site}”已满（{capacity} 张床位全部占用），未安排入住，请选择其他隔离点',
    en: 'Isolation site "{site}" is full (all {capacity} beds taken); nobody was placed. Choose another site',
  },
  ROOM_FULL: {
    'zh-CN': '房间 {room} 已满（{beds} 张床位），未安排入住，请选择其他房间',
    en: 'Room {room} is full ({beds} beds); nobody was placed. Choose another room',
  },
  SITE_NOT_ACTIVE: {
    'zh-CN': '隔离点“{site}”未启用或已关闭，不能安排入住',
    en: 'Isolation site "{site}" is not in use; nobody can be placed there',
  },
  ROOM_NOT_AVAILABLE: {
    'zh-CN': '房间 {room} 不属于该隔离点或已停用',
    en: 'Room {room} is not part of this site or is closed',
  },
  ALREADY_PLACED: {
    'zh-CN': '此人已在隔离点“{site}”入住，请办理转运而不是重复安排',
    en: 'This person is already placed at "{site}"; transfer them instead of placing them again',
  },
  PLACEMENT_NOT_ACTIVE: {
    'zh-CN': '该入住记录已结束（{status}），不能再转运或解除',
    en: 'This placement has ended ({status}); it cannot be transferred or released',
  },
  ROOM_LABELS_TAKEN: {
    'zh-CN': '房间号已存在：{labels}，未添加任何房间',
    en: 'These room numbers already exist: {labels}; no rooms were added',
  },
  ROOM_OCCUPIED: {
    'zh-CN': '房间 {room} 现有 {occupied} 人入住，床位不能少于入住人数，也不能停用',
    en: 'Room {room} has {occupied} people; it cannot have fewer beds than that or be closed',
  },
  SITE_OCCUPIED: {
    'zh-CN': '隔离点“{site}”仍有 {occupied} 人入住，请先转运或解除后再关闭',
    en: 'Site "{site}" still has {occupied} people; transfer or release them before closing it',
  },
  ZONE_NOT_ELIGIBLE: {
    'zh-CN': '尚不符合降级条件：已连续 {cleanDays} 天无新增感染（需 {needDays} 天）{missing}，未作任何更改',
    en: 'Not yet eligible for downgrade: {cleanDays} days without a new infection ({needDays} needed){missing}; nothing was changed',
  },
  ZONE_NOT_ACTIVE: {
    'zh-CN': '该风险区已解除，不能再调整',
    en: 'This risk zone has been lifted; it cannot be changed',
  },
  ZONE_LEVEL_NOT_IN_RULE_SET: {
    'zh-CN': '《{ruleSet}》没有“{level}”这一风险等级',
    en: '{ruleSet} has no "{level}" zone level',
  },
  ZONE_PROPOSAL_PENDING: {
    'zh-CN': '该风险区已有待审批的降级建议，请先审批',
    en: 'This zone already has a downgrade proposal waiting for approval',
  },
  ZONE_BUILDINGS_REQUIRED: {
    'zh-CN': '按楼栋划定时请至少选择一栋楼（楼院一级）',
    en: 'Designating by buildings needs at least one building',
  },
  NO_ACTIVE_ZONES: {
    'zh-CN': '当前没有未解除的风险区',
    en: 'No risk zone is in force',
  },
  DECISION_TIME_FUTURE: {
    'zh-CN': '决定时间不能晚于当前时间',
    en: 'The decision time cannot be in the future',
  },
} as const satisfies Record<string, Record<Locale, string>>;
