export type { Check, Failure } from './result.js';
export { pass, fail } from './result.js';
export { isKnownAddressCode, allAddressCodes } from './address-codes.js';
export {
  validateIdNumber,
  idCheckChar,
  makeIdNumber,
  todayInChina,
  type IdNumberInfo,
  type IdNumberOptions,
} from './id-number.js';
export { validateMobile } from './phone.js';
export { validatePlate, normalisePlate, PLATE_PROVINCES, type PlateKind } from './plate.js';
export { validatePersonName } from './name.js';
