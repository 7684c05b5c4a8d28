import { BARCODE_PATTERN, COLLECTION_CODE_PREFIX } from '../../../shared/testing.js';
import type { ScanBody } from './queue.js';

/** What a scanner typed, read as a person: a 采集码 (ANC1-…) or a document number. */
export function parseSubject(raw: string): ScanBody['subject'] {
  const text = raw.trim();
  if (text.toUpperCase().startsWith(COLLECTION_CODE_PREFIX)) return { collectionCode: text.toUpperCase() };
  return { idNumber: text.toUpperCase() };
}

/** A resident ID number (18 characters, or a legacy 15-digit one) or a 采集码: not a tube barcode. */
export function looksLikePerson(raw: string): boolean {
  const text = raw.trim().toUpperCase();
  return /^\d{17}[\dX]$/.test(text) || /^\d{15}$/.test(text) || text.startsWith(COLLECTION_CODE_PREFIX);
}

export const isBarcode = (raw: string) => BARCODE_PATTERN.test(raw.trim());

/** A stable key for "the same person" within a tube (as typed). */
export function subjectKey(subject: ScanBody['subject']): string {
  if ('idNumber' in subject) return `id:${subject.idNumber}`;
  if ('collectionCode' in subject) return `code:${subject.collectionCode}`;
  return `new:${subject.unregistered.idNumber ?? subject.unregistered.name}`;
}

/** `630106********1234`: never an ID number in clear on the screen, not even one just typed. */
export function maskDoc(value: string): string {
  if (value.length <= 8) return '*'.repeat(Math.max(0, value.length - 2)) + value.slice(-2);
  return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
}

/** `张*三` */
export function maskName(value: string): string {
  const chars = [...value];
  if (chars.length <= 1) return value;
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** How a scan not yet answered by the server is shown in the tube's list. */
export function subjectLabel(subject: ScanBody['subject'], codeLabel: (tail: string) => string): string {
  if ('idNumber' in subject) return maskDoc(subject.idNumber);
  if ('collectionCode' in subject) return codeLabel(subject.collectionCode.slice(-4));
  return maskName(subject.unregistered.name);
}
