export { downgradeAdvice, ZONE_RULES, type DowngradeAdvice, type ZoneState } from './rules/zones.js';
