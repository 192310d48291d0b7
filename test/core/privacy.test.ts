import { describe, expect, it } from 'vitest';
import { redactAddresses, redactForGroup, redactPhones, safeError } from '../../src/core/privacy.js';

describe('redacting phone numbers however they are written', () => {
  it.each([
    ['电视坏了 电话138，1234，5678', '电视坏了 电话***'],
    ['138\u200b1234\u200b5678', '***'],
    ['138/1234/5678', '***'],
    ['138\\1234\\5678', '***'],
    ['138、1234、5678', '***'],
    ['138 · 1234 · 5678', '***'],
    ['一三八一二三四五六七八', '***'],
    ['幺三八一二三四五六七八', '***'],
    ['138一二三四5678', '***'],
    ['壹叁捌壹贰叁肆伍陆柒捌', '***'],
    ['零五七三 八二三四五六七八', '***'],
    ['+86 138-1234-5678', '+***'],
    ['０５７３－８２３４５６７８', '***'],
    ['打我女儿的😀139😀1234😀5678', '打我女儿的😀***'],
    ['本地号码8234 5678', '本地号码***'],
  ])('%s → %s', (input, expected) => {
    expect(redactForGroup(input)).toBe(expected);
  });

  it.each([
    ['身份证33040219500101123X', '身份证***'],
    ['身份证 330402 19500101 123x', '身份证 ***'],
    ['身份证330402195001011234', '身份证***'],
    ['银行卡 6222 0212 3456 7890 123', '银行卡 ***'],
    ['卡号6222021234567890', '卡号***'],
  ])('ID-card and bank-card numbers: %s → %s', (input, expected) => {
    expect(redactPhones(input)).toBe(expected);
  });

  it.each([
    ['周六上午，大概2小时'],
    ['2026-12-01 08:30:00 之后都行'],
    ['单号20261122-0007'],
    ['20261122-0007 3点以后'],
    ['下午3点到5点'],
    ['我一个人住，两三天没人来了'],
    ['花了500块'],
  ])('leaves ordinary numbers: %s', (input) => {
    expect(redactPhones(input)).toBe(input);
  });
});

describe('redacting addresses beyond 幢 and 单元', () => {
  it.each([
    ['文昌苑A座1203', '[地址已隐去]'],
    ['住在B栋502，门锁坏了', '住在[地址已隐去]，门锁坏了'],
    ['幸福家园5号楼2单元302室', '[地址已隐去]'],
    ['建国南路128弄6号302', '[地址已隐去]'],
    ['三号楼二单元五零一，电视坏了', '[地址已隐去]，电视坏了'],
    ['老人住在五楼，腿脚不便', '老人住在[地址已隐去]，腿脚不便'],
    ['文昌苑1203', '[地址已隐去]'],
    ['住3-2-501', '住[地址已隐去]'],
    ['5#302', '[地址已隐去]'],
    ['12B室', '[地址已隐去]'],
  ])('%s → %s', (input, expected) => {
    expect(redactAddresses(input)).toBe(expected);
  });

  it.each([
    ['3幢一直漏水', '[地址已隐去]一直漏水'],
    ['12月1号下午来', '12月1号下午来'],
    ['走路10分钟', '走路10分钟'],
    ['2026-12-01', '2026-12-01'],
    ['20261122-0007', '20261122-0007'],
    ['我的QQ号丢了', '我的QQ号丢了'],
  ])('does not eat the words around: %s', (input, expected) => {
    expect(redactAddresses(input)).toBe(expected);
  });
});

describe('errors made safe for logs', () => {
  it('keeps no query parameters from the message, the stack or the cause', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "people_pkey"'), {
      code: '23505',
      detail: 'Key (display_name)=(王阿姨) already exists.',
    });
    const err = new Error('Failed query: insert into "requests" ("address", "description") values ($1, $2)\nparams: 文昌小区3幢2单元501,王阿姨家电视坏了', {
      cause,
    });
    const safe = JSON.stringify(safeError(err));
    expect(safe).not.toContain('文昌小区');
    expect(safe).not.toContain('王阿姨');
    expect(safeError(err).message).toBe('Failed query: insert into "requests" ("address", "description") values ($1, $2)');
    expect(safeError(err).cause).toMatchObject({ code: '23505' });
    expect(safeError(err).stack).toMatch(/^\s+at /);
  });

  it('masks values PostgreSQL quotes in its own messages', () => {
    expect(safeError(new Error('Key (phone)=(13812345678) already exists')).message).toBe('Key (phone)=([redacted]) already exists');
    expect(safeError(new Error('invalid input syntax for type integer: "文昌小区3幢"')).message).toBe('invalid input syntax for type integer: "[redacted]"');
  });
});

describe('redacting text for groups', () => {
  it.each([
    ['电话13912345678，水管漏水', '电话***，水管漏水'],
    ['我住文昌小区3幢2单元501，电视坏了', '[地址已隐去]，电视坏了'],
    ['中山路88号，锁坏了', '[地址已隐去]，锁坏了'],
    ['座机0573-82345678', '座机***'],
    ['电视没图像', '电视没图像'],
    ['明天下午到了打13812345678', '明天下午到了打***'],
    ['１３８１２３４５６７８', '***'],
    ['138.1234.5678', '***'],
    ['住3-2-501', '住[地址已隐去]'],
    ['幸福路十二号', '[地址已隐去]'],
    ['周六上午，大概2小时', '周六上午，大概2小时'],
  ])('%s → %s', (input, expected) => {
    expect(redactForGroup(input)).toBe(expected);
  });
});
