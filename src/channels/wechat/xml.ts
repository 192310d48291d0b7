import { XMLParser, XMLValidator } from 'fast-xml-parser';

// === The XML of WeChat callbacks: `<xml>` with one level of fields (a few events nest one more)

/** The references XML defines without a DTD: five by name, and characters by number. */
const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/y;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const isXmlChar = (c: number) =>
  c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

/**
 * `text` with its references decoded; null when one is not defined (`&nbsp;`, `&foo;`), not a reference
 * (a bare `&`) or names no XML character (`&#0;`, a lone surrogate): the document is not well-formed.
 */
function decodeReferences(text: string): string | null {
  let out = '';
  let from = 0;
  for (let at = text.indexOf('&'); at >= 0; at = text.indexOf('&', from)) {
    REFERENCE.lastIndex = at;
    const m = REFERENCE.exec(text);
    if (!m) return null;
    const [, name, decimal, hex] = m;
    const code = name ? 0 : decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16);
    if (!name && !isXmlChar(code)) return null;
    out += text.slice(from, at) + (name ? NAMED[name] : String.fromCodePoint(code));
    from = REFERENCE.lastIndex;
  }
  return out + text.slice(from);
}

/** CDATA sections and comments, where `&` is only text. */
const LITERAL_SECTIONS = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g;

const parser = new XMLParser({
  ignoreAttributes: true,
  // MsgId (a 64-bit number) and CreateTime stay strings.
  parseTagValue: false,
  // CDATA sections are merged into the element's text.
  cdataPropName: false,
  processEntities: true,
  // Element text is decoded by decodeReferences (the parser alone leaves `&#20013;` and `&foo;` as they are).
  entityDecoder: {
    decode(text: string) {
      const decoded = decodeReferences(text);
      if (decoded === null) throw new Error('undefined reference');
      return decoded;
    },
    setExternalEntities() {},
    addInputEntities() {},
    reset() {},
    setXmlVersion() {},
  },
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 8,
});

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A value of the parsed tree as text: the first of repeated elements, nested elements skipped here. */
function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length > 0 ? textOf(value[0]) : null;
  return null;
}

function flatten(node: Record<string, unknown>, prefix: string, out: Record<string, string>, depth: number): void {
  for (const [name, value] of Object.entries(node)) {
    if (UNSAFE_KEYS.has(name) || name === '#text') continue;
    const key = prefix ? `${prefix}.${name}` : name;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== null && typeof first === 'object') {
      if (depth < 2) flatten(first as Record<string, unknown>, key, out, depth + 1);
      continue;
    }
    const text = textOf(value);
    if (text !== null) out[key] = text;
  }
}

/**
 * The children of a callback body's `<xml>` root as flat fields (`MsgType`, `Content`, …); nested
 * elements are flattened with dotted names (`ScanCodeInfo.ScanType`). Null for anything that is not
 * well-formed XML with an `<xml>` element root, that uses a reference XML does not define (anywhere
 * outside CDATA and comments), or that declares a DOCTYPE (WeChat never does).
 */
export function parseCallbackXml(body: string): Record<string, string> | null {
  if (typeof body !== 'string' || body.length === 0 || /<!DOCTYPE/i.test(body)) return null;
  try {
    if (XMLValidator.validate(body) !== true || decodeReferences(body.replace(LITERAL_SECTIONS, '')) === null) return null;
    const tree: unknown = parser.parse(body);
    if (tree === null || typeof tree !== 'object') return null;
    const root = (tree as Record<string, unknown>).xml;
    if (root === null || typeof root !== 'object' || Array.isArray(root)) return root === '' ? {} : null;
    const out: Record<string, string> = {};
    flatten(root as Record<string, unknown>, '', out, 0);
    return out;
  } catch {
    return null;
  }
}

function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * `<xml>` with one element per field, strings in CDATA and numbers as they are — the shape of
 * WeChat's callbacks and passive replies. Throws for a field name that is not an XML name.
 */
export function buildXml(fields: Record<string, string | number>): string {
  const parts = Object.entries(fields).map(([name, value]) => {
    if (!ELEMENT_NAME.test(name)) throw new TypeError(`not an XML element name: ${name}`);
    return `<${name}>${typeof value === 'number' ? String(value) : cdata(value)}</${name}>`;
  });
  return `<xml>${parts.join('')}</xml>`;
}
