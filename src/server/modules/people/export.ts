import { requirePermission, scopePaths, type Actor } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { maskDocNumber, maskPhone } from '../../platform/pii.js';
import { writeTable, type CellValue } from '../../platform/spreadsheet/index.js';
import { displayName, findRegion, regionsUnder } from '../regions/index.js';
import { DOC_TYPE_LABELS, TAG_LABELS, derivedTags, type DocType, type PersonTag } from '../../../shared/people.js';
import { todayInChina } from '../../../shared/validators/index.js';
import * as store from './store.js';

const COLUMNS = [
  { key: 'name', header: '姓名', width: 10 },
  { key: 'docType', header: '证件类型', width: 12 },
  { key: 'docNumber', header: '身份证号', width: 22 },
  { key: 'gender', header: '性别', width: 6 },
  { key: 'birthDate', header: '出生日期', width: 12 },
  { key: 'phone', header: '联系电话', width: 14 },
  { key: 'region', header: '所属村社区/网格', width: 36 },
  { key: 'address', header: '住址', width: 30 },
  { key: 'tags', header: '人员标签', width: 20 },
];

/**
 * The residents under a region as xlsx, in the import's own column layout (so an export can be
 * corrected and imported back). Identifiers are masked unless the user may unmask and gives a reason.
 * Every export is audited and watermarked with who made it and when.
 */
export async function exportPeople(
  ctx: AppContext,
  actor: Actor,
  opts: { region?: string; reveal?: boolean; reason?: string },
): Promise<{ bytes: Buffer; rows: number; filename: string }> {
  requirePermission(actor, 'people.export');
  if (opts.reveal) {
    requirePermission(actor, 'people.unmask');
    if (!opts.reason?.trim()) throw new AppError('VALIDATION_FAILED', {}, { fields: [{ field: 'reason', code: 'REQUIRED', params: { field: 'reason' } }] });
  }
  const db = ctx.handle.db;
  const region = opts.region ? await findRegion(db, opts.region) : undefined;
  if (opts.region && !region) throw new AppError('NOT_FOUND');
  const paths = scopePaths(actor, region?.path);
  const names = new Map((await regionsUnder(db, [...new Set(paths.map((p) => p.split('/')[0]))],
    ['district', 'township', 'community', 'grid', 'building'])).map((r) => [r.code, r.name]));
  const today = todayInChina();
  let count = 0;

  async function* rows(): AsyncGenerator<Record<string, CellValue>> {
    for await (const batch of store.streamPeople(db, { paths })) {
      const tags = await store.tagsOf(db, batch.map((p) => p.id));
      for (const p of batch) {
        count++;
        const doc = ctx.pii.decrypt(p.doc_number_enc);
        const phone = p.phone_enc ? ctx.pii.decrypt(p.phone_enc) : null;
        const allTags = [...derivedTags(p.birth_date, today), ...(tags.get(p.id) ?? [])] as PersonTag[];
        yield {
          name: p.name,
          docType: DOC_TYPE_LABELS[p.doc_type as DocType]?.['zh-CN'] ?? p.doc_type,
          docNumber: opts.reveal ? doc : maskDocNumber(doc),
          gender: p.gender === 'M' ? '男' : p.gender === 'F' ? '女' : '',
          birthDate: p.birth_date,
          phone: phone ? (opts.reveal ? phone : maskPhone(phone)) : '',
          region: displayName(p.region_path.split('/').map((c) => ({ name: names.get(c) ?? c }))),
          address: p.address,
          tags: allTags.map((t) => TAG_LABELS[t]['zh-CN']).join('、'),
        };
      }
    }
  }

  const stamp = new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  const bytes = await writeTable(COLUMNS, rows(), {
    sheetName: '人员台账',
    watermark: `导出人 ${actor.displayName}（${actor.username}） ${stamp} 仅限疫情防控使用，不得外传`,
  });
  await audit(db, actor, { action: 'people.export', regionPath: region?.path, reason: opts.reason,
    detail: { rows: count, revealed: Boolean(opts.reveal), region: opts.region ?? null } });
  return { bytes, rows: count, filename: `人员台账-${region?.name ?? '全部'}-${today}.xlsx` };
}
