import { fail, pass, type Check } from './result.js';

const MAX_LENGTH = 30;

// Dots that input methods and fonts produce in place of the interpunct of minority names (扎西·次仁).
const DOT_VARIANTS = /[•‧∙⋅・･]/g;
// Han or Latin letters; words joined by a space, the middle dot, a hyphen or an apostrophe (O'Neil, Jean-Luc).
const WORD = "[\\p{Script=Han}\\p{Script=Latin}]+";
const NAME = new RegExp(`^${WORD}(?:(?: |·|-|')${WORD})*$`, 'u');

/**
 * Validates a person's name: trims, collapses white space, unifies the middle dot, and allows 1–30 Chinese
 * or Latin letters with single spaces, middle dots, hyphens or apostrophes between them.
 */
export function validatePersonName(raw: string): Check<string> {
  // No Unicode normalisation here: NFC/NFKC would rewrite CJK compatibility ideographs some names are written with.
  const name = raw
    .replace(DOT_VARIANTS, '·')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/ ?· ?/g, '·');
  if (name === '') return fail('REQUIRED');
  if ([...name].length > MAX_LENGTH || !NAME.test(name)) return fail('NAME_FORMAT');
  return pass(name);
}
