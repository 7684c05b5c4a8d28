import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { openSource } from './source.js';
import { storedZip } from './test-fixtures.js';
import { ZipArchive } from './zip.js';

describe('ZipArchive', () => {
  it('finds entries (also by case) and stops inflating past the limit', async () => {
    const zip = await ZipArchive.open(await openSource(storedZip({ 'xl/Workbook.xml': 'x'.repeat(5000) }), 1e6));
    const entry = zip.entry('xl/workbook.xml');
    expect(entry?.uncompressedSize).toBe(5000);
    if (!entry) return;
    expect(await zip.text(entry, 5000, () => new Error('never'))).toHaveLength(5000);
    await expect(zip.text(entry, 4999, () => new AppError('FILE_TOO_LARGE', { limitMb: 1 }))).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
  });

  it('refuses a truncated archive', async () => {
    const bytes = storedZip({ 'a.xml': 'hello' });
    await expect(ZipArchive.open(await openSource(bytes.subarray(0, bytes.length - 10), 1e6))).rejects.toMatchObject({
      code: 'FILE_NOT_SPREADSHEET',
    });
  });
});
