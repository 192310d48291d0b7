import { describe, expect, it } from 'vitest';
import { conversationKey } from '../../src/core/message.js';

describe('conversationKey', () => {
  it('one conversation per person per chat, per channel', () => {
    expect(conversationKey({ channel: 'telegram', chatId: '42', userId: '42' })).toBe('telegram:42:42');
    const inGroup = conversationKey({ channel: 'telegram', chatId: '-100', userId: '42' });
    expect(inGroup).toBe('telegram:-100:42');
    expect(inGroup).not.toBe(conversationKey({ channel: 'telegram', chatId: '-100', userId: '43' }));
    expect(conversationKey({ channel: 'wechat', chatId: '42', userId: '42' })).not.toBe(conversationKey({ channel: 'telegram', chatId: '42', userId: '42' }));
  });
});
