/**
 * Just enough XML for SpreadsheetML parts, which are machine-written and regular: elements found with
 * regular expressions over the text, attributes parsed here, entities decoded. Element names may carry
 * a namespace prefix (`<x:row>` from some .NET writers), so callers build patterns with `prefix`.
 */

const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function parseAttributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(text); m; m = ATTR.exec(text)) out.set(m[1], decodeXml(m[2] ?? m[3] ?? ''));
  return out;
}

/** An attribute by local name, whatever its prefix (`r:id`, `relationships:id`). */
export function attributeByLocalName(attrs: Map<string, string>, local: string): string | undefined {
  for (const [name, value] of attrs) if (name === local || name.endsWith(':' + local)) return value;
  return undefined;
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_, e: string) => {
    if (e[0] !== '#') return NAMED[e];
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/**
 * Excel writes characters XML cannot hold (and a literal "_x") as `_xHHHH_` inside shared and inline
 * strings: `_x000D_` is a carriage return, `_x005F_` an underscore.
 */
export function decodeExcelEscapes(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The namespace prefix of the root element (`x:` in `<x:worksheet>`, '' usually). */
export function rootPrefix(head: string, localName: string): string | undefined {
  const m = new RegExp(`<([\\w.-]+:)?${localName}[\\s>/]`).exec(head);
  return m ? (m[1] ?? '') : undefined;
}

/** Attributes of every `<prefix:name …>` start tag in `xml`, in document order. */
export function* startTags(xml: string, name: string): Generator<Map<string, string>> {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s>/])([^>]*)>`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) yield parseAttributes(m[1]);
}
