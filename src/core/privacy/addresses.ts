import { DIGIT } from './numbers.js';

// === Addresses: house, building, unit and room numbers

const CN_NUM = '零〇一二三四五六七八九十百两幺';
const NUM = `(?:[${DIGIT}十百]+)`;
/**
 * A building or room designator: a number, a letter (A座, B栋), or a number with a letter (12B); not a date
 * (12月1号), nor the last letter of a word (QQ号).
 */
const DESIGNATOR = `(?<!月\\s*)(?:${NUM}[A-Za-z]?|(?<![A-Za-z])[A-Za-z]${NUM}?)`;
const UNIT = '(?:号楼|号院|幢|栋|号|单元|室|楼|弄|座|层|户|排|期|区|院)';
/** What may follow: more numbers and units; Chinese numerals only as a room number (五零一) or before a unit. */
const TRAILING = `(?:[\\s0-9\\uFF10-\\uFF19A-Za-z#幢栋号楼单元室弄座层户排-]|[${CN_NUM}]{3,}|[${CN_NUM}]+(?=${UNIT}))`;
const ESTATE = '(?:小区|花园|公寓|大厦|新村|家园|苑|大楼|公馆|名邸|华府|山庄)';
const STREET = '(?:路|街|巷|弄)';
const PLACE = `[\\p{Script=Han}]{0,6}?(?:${ESTATE}|${STREET}|社区|村)`;
const ADDRESS = new RegExp(
  [
    // 文昌小区3幢2单元501, 文昌苑A座1203, 中山路88号, 三号楼二单元五零一, 五楼 (the place's name goes too)
    `(?:${PLACE})?\\s*${DESIGNATOR}\\s*${UNIT}${TRAILING}*`,
    // 3-2-501, 5#302 (a date such as 2026-12-01 is not an address, nor a ticket number such as 20261122-0007)
    `(?<![\\d-])(?!20\\d{2}-\\d{1,2}-\\d{1,2}(?!\\d)|20\\d{6}-\\d{4,}(?!\\d))\\d+(?:[-#]\\d+)+`,
    // 文昌苑1203, 幸福家园B1203 (an estate name followed by a room number)
    `[\\p{Script=Han}]{0,6}?${ESTATE}\\s*[A-Za-z]?\\d{2,}${TRAILING}*`,
    // 建国南路128 (a street followed by a house number that is not a time, a distance or an amount)
    `[\\p{Script=Han}]{0,6}?${STREET}\\s*\\d{1,5}(?![\\d分点个米块元岁年月日天小次公里])`,
  ].join('|'),
  'gu',
);

/** Replaces house, building, unit and room numbers (with the few words naming the place before them). */
export function redactAddresses(text: string): string {
  return text.replace(ADDRESS, '[地址已隐去]');
}
