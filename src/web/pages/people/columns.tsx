import type { ReactNode } from 'react';
import type { PersonView } from '../../api/types.js';
import type { I18n } from '../../i18n/I18nProvider.js';

export function genderText(gender: PersonView['gender'], t: I18n['t']): string {
  if (gender === 'M') return t('people.male');
  if (gender === 'F') return t('people.female');
  return '—';
}

/** Masked identifiers are shown in a monospace face so the stars line up. */
export function Masked({ children }: { children: ReactNode }) {
  return <span className="masked">{children ?? '—'}</span>;
}
