import { looksLikeAddress } from './common/answers.js';
import { normalizeText } from './common/choice.js';
import { type ReadPhone, readPhone } from './common/phone.js';
import { meaningfulLength } from './common/validate.js';

// === What a resident types at the summary to change a field: 地址错了, 电话改成138…, 改到明天

/** The summary's fields that can be named in words. */
export type EditField = 'item' | 'description' | 'community' | 'address' | 'phone' | 'when';

/** A field named at the summary, with its new value when the words give one. */
export type TypedEdit =
  | { field: 'phone'; value: ReadPhone | null }
  | { field: 'address' | 'when'; value: string | null }
  | { field: 'item' | 'description' | 'community'; value: null };

const PHONE = /电话|手机|号码|联系方式/u;
const ADDRESS = /地址|门牌|住址|楼号|几号楼|几幢|几栋/u;
const COMMUNITY = /社区|哪个村|村子|村名|居委/u;
const DESCRIPTION = /问题|描述|说明|情况/u;
const ITEM = /类别|类型|分类|服务项目|服务类|选错/u;
const TIME =
  /时间|改到|改天|换个时间|推迟|提前|今天|明天|后天|大后天|周[一二三四五六日天末]|星期|礼拜|上午|下午|中午|晚上|早上|傍晚|\d+点|[一二三四五六七八九十]+点|尽快|越快越好/u;
/** The value after 改成 / 改为 / 改到 / 应该是 / 是 / 换成. */
const NEW_VALUE = /(?:改成|改为|改到|换成|换到|应该是|写成|是)(.+)$/u;
/** Words around a time that are not the time ("改到明天吧" → 明天). */
const TIME_NOISE = /^(?:时间)?(?:改到|改成|改为|换到|换成|改)?|(?:吧|好了|行吗|可以吗|来|上门|过来)+$/gu;

/**
 * Reads words typed at the summary as a change, or null. The phone and address words come first
 * ("电话改成…" may hold 明天 in no way, but "明天" in an address is rare); a bare phone number or
 * address counts too.
 */
export function readEdit(text: string, localAreaCode: string): TypedEdit | null {
  const t = normalizeText(text);
  if (!t || [...t].length > 100) return null;
  if (PHONE.test(t)) return { field: 'phone', value: readPhone(text, localAreaCode) };
  if (ADDRESS.test(t)) return { field: 'address', value: addressValue(t) };
  if (COMMUNITY.test(t)) return { field: 'community', value: null };
  if (ITEM.test(t)) return { field: 'item', value: null };
  if (DESCRIPTION.test(t)) return { field: 'description', value: null };
  const phone = readPhone(text, localAreaCode);
  if (phone) return { field: 'phone', value: phone };
  if (looksLikeAddress(t)) return { field: 'address', value: t };
  if (TIME.test(t)) return { field: 'when', value: timeValue(t) };
  return null;
}

/** "地址改成文昌小区5幢" → 文昌小区5幢; "地址错了" → null. */
function addressValue(t: string): string | null {
  const value = NEW_VALUE.exec(t)?.[1] ?? null;
  return value && meaningfulLength(value) >= 4 && !/错|不对/u.test(value) ? value : null;
}

/** "改到明天" → 明天; "时间不对" → null. */
function timeValue(t: string): string | null {
  if (/不对|错|不行|改一下|要改|改改/u.test(t)) return null;
  const value = t.replace(TIME_NOISE, '');
  return TIME.test(value) ? value : null;
}
