import { describe, expect, it } from 'vitest';
import { dispatchTexts as t } from '../../src/texts/dispatch.js';

describe('dispatch texts with logic in them', () => {
  const v = {
    id: 7,
    name: '李师傅',
    status: '已通过',
    community: '文昌社区',
    skills: '家电维修',
    suspendedUntil: null as string | null,
    tasks: [] as string[],
  };

  it('/me: the suspension only when there is one, the tasks or "none"', () => {
    expect(t.me(v)).toBe('志愿者 #7 李师傅（文昌社区）\n状态：已通过\n擅长：家电维修\n当前没有任务。');
    const busy = t.me({ ...v, suspendedUntil: '6月2日', tasks: ['· 20260601-0001（已接单）'] });
    expect(busy).toContain('状态：已通过，暂停接单至 6月2日');
    expect(busy.endsWith('当前任务：\n· 20260601-0001（已接单）')).toBe(true);
  });

  it('a binding names its skill only when it has one; the emergency alert its phone only when known', () => {
    expect(t.bound('文昌社区', null)).not.toContain('（');
    expect(t.bound('文昌社区', '家电维修')).toContain('「文昌社区」（家电维修）');
    expect(t.alertEmergencyWords('刘奶奶', '摔倒', null)).not.toContain('（');
    expect(t.alertEmergencyWords('刘奶奶', '摔倒', '13812345678')).toContain('刘奶奶（13812345678）');
  });

  it('rows: urgent ones marked, party members noted', () => {
    expect(t.pendingRow({ ticket: 'T', itemName: '理发', community: '文昌社区', minutes: 12, urgent: true }).startsWith('🚨')).toBe(true);
    expect(t.pendingRow({ ticket: 'T', itemName: '理发', community: '文昌社区', minutes: 12, urgent: false }).startsWith('·')).toBe(true);
    expect(t.volunteerRow({ id: 1, name: '王', status: '审核中', community: '文昌社区', party: true })).toBe('#1 王（党员） 文昌社区 · 审核中');
    expect(t.volunteerStatus.pending).toBe('审核中');
  });
});
