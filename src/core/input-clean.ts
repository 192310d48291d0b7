import type { IncomingMessage } from './message.js';

// === One cleaning step where every channel's text enters: nothing downstream sees control characters

/** Longest text a person can send in one message; the rest is cut (a note says so to the flows' readers). */
export const MAX_TEXT_LENGTH = 2000;
/** Longest name, label or id-like field kept. */
const MAX_SHORT_LENGTH = 200;

// C0/C1 controls except tab and newline; DEL.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Invisible formatting: soft hyphen, zero-width space/non-joiner, LRM/RLM, bidi embeddings, overrides and
// isolates, word joiner and invisible operators, BOM, interlinear annotations, Mongolian vowel separator.
const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: the class lists invisible marks one by one, on purpose
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180E\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0E\uFEFF\uFFA0\uFFF0-\uFFFB]/g;
// A zero-width joiner is kept only inside an emoji sequence (👨‍👩‍👧); elsewhere it only hides things.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: a lone joiner is exactly what is matched
const LOOSE_ZWJ = /(?<![\p{Extended_Pictographic}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
// A high surrogate without its low half, or a low one without its high half.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Well-formed UTF-16: lone surrogates become U+FFFD (String#toWellFormed is not in Node 20's typings). */
const wellFormed = (text: string) => text.replace(LONE_SURROGATE, '\uFFFD');
// Noncharacters and the private-use planes' last code points.
const NONCHARACTERS = /[\uFDD0-\uFDEF\uFFFE\uFFFF]/g;

/**
 * Text as the rest of the program may see it: well-formed UTF-16 (lone surrogates replaced), NFKC
 * (full-width digits and letters to ASCII, compatibility forms folded), no NUL or other control or
 * invisible formatting characters, `\r\n` as `\n`, tabs as spaces, at most `max` characters.
 */
export function cleanText(text: string, max = MAX_TEXT_LENGTH): string {
  const cleaned = wellFormed(text)
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROLS, '')
    .replace(NONCHARACTERS, '')
    .replace(INVISIBLE, '')
    .replace(LOOSE_ZWJ, '')
    .normalize('NFKC')
    // NFKC can compose new controls from compatibility forms only in theory; run the cheap filter again.
    .replace(CONTROLS, '');
  return [...cleaned].length > max ? [...cleaned].slice(0, max).join('') : cleaned;
}

/** A short one-line field (names, labels, ids): cleaned, newlines folded to spaces. */
export function cleanShort(text: string): string {
  return cleanText(text, MAX_SHORT_LENGTH).replace(/\n+/g, ' ').trim();
}

function cleanContent(content: IncomingMessage['content']): IncomingMessage['content'] {
  switch (content.kind) {
    case 'text':
      return { kind: 'text', text: cleanText(content.text) };
    case 'choice':
      return { ...content, choiceId: cleanShort(content.choiceId) };
    case 'location':
      return {
        kind: 'location',
        latitude: Number.isFinite(content.latitude) ? content.latitude : 0,
        longitude: Number.isFinite(content.longitude) ? content.longitude : 0,
        ...(content.label !== undefined ? { label: cleanShort(content.label) } : {}),
      };
    case 'contact':
      return { kind: 'contact', phone: cleanShort(content.phone), ...(content.name !== undefined ? { name: cleanShort(content.name) } : {}) };
    case 'media':
      return {
        ...content,
        ...(content.ref !== undefined ? { ref: cleanShort(content.ref) } : {}),
        ...(content.caption !== undefined ? { caption: cleanText(content.caption) } : {}),
      };
    case 'edited':
    case 'followed':
    case 'unfollowed':
      return { kind: content.kind };
  }
}

/** An id made by a channel: kept as it is but for what a database text cannot hold. */
const cleanId = (id: string) => wellFormed(id).replace(CONTROLS, '');

/** The message with every person-written field cleaned (ids only made storable, never rewritten). */
export function cleanIncoming(msg: IncomingMessage): IncomingMessage {
  return {
    ...msg,
    chatId: cleanId(msg.chatId),
    userId: cleanId(msg.userId),
    messageId: cleanId(msg.messageId),
    displayName: cleanShort(msg.displayName),
    content: cleanContent(msg.content),
    ...(msg.unionId !== undefined ? { unionId: cleanId(msg.unionId) } : {}),
  };
}
