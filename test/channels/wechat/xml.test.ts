import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildXml, parseCallbackXml } from '../../../src/channels/wechat/xml.js';

/** A text message as WeChat posts it in 明文模式 (made-up openid). */
const TEXT_CALLBACK = `<xml>
  <ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>
  <FromUserName><![CDATA[oTestOpenId000000000000001]]></FromUserName>
  <CreateTime>1409735668</CreateTime>
  <MsgType><![CDATA[text]]></MsgType>
  <Content><![CDATA[ 电视坏了 & <急> ]]></Content>
  <MsgId>6054768590064713728</MsgId>
</xml>`;

describe('WeChat callback XML', () => {
  it('reads the fields of a callback, CDATA as text and numbers as strings', () => {
    expect(parseCallbackXml(TEXT_CALLBACK)).toEqual({
      ToUserName: 'gh_10f6c3c3ac5a',
      FromUserName: 'oTestOpenId000000000000001',
      CreateTime: '1409735668',
      MsgType: 'text',
      // CDATA is kept verbatim, spaces included
      Content: ' 电视坏了 & <急> ',
      // a 64-bit id stays exact
      MsgId: '6054768590064713728',
    });
  });

  it('decodes entities outside CDATA and keeps leading zeros', () => {
    expect(parseCallbackXml('<xml><Label>东城区 &amp; 西城区 &lt;北京&gt;</Label><EventKey>007</EventKey></xml>')).toEqual({
      Label: '东城区 & 西城区 <北京>',
      EventKey: '007',
    });
  });

  it('decodes character references once, and leaves CDATA and comments as they are', () => {
    expect(parseCallbackXml('<xml><Content>&#x4e2d;&#25991; &amp;#20013; &#x1F64F;</Content><!-- &nbsp; & --></xml>')).toEqual({ Content: '中文 &#20013; 🙏' });
    expect(parseCallbackXml('<xml><Content><![CDATA[&nbsp; & &foo; &#0;]]></Content></xml>')).toEqual({ Content: '&nbsp; & &foo; &#0;' });
  });

  it('returns null for a reference XML does not define, a bare & or a reference to no character, wherever it is', () => {
    for (const body of [
      '<xml><Content>&foo;</Content></xml>',
      '<xml><Content>你好&nbsp;</Content></xml>',
      '<xml><Content>&copy;</Content></xml>',
      '<xml><Content>a & b</Content></xml>',
      '<xml><Content>&amp</Content></xml>',
      '<xml><Content>&#0;</Content></xml>',
      '<xml><Content>&#xD800;</Content></xml>',
      '<xml><Content>&#x110000;</Content></xml>',
      '<xml><Content>&#xFFFE;</Content></xml>',
      '<xml><Content attr="&foo;">x</Content></xml>',
      '<xml><Content attr="a & b">x</Content></xml>',
      '<xml><Content><![CDATA[x]]>&foo;<![CDATA[y]]></Content></xml>',
    ]) {
      expect(parseCallbackXml(body), body).toBeNull();
    }
  });

  it('flattens nested elements with dotted names and takes the first of repeated ones', () => {
    const xml =
      '<xml><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[scancode_push]]></Event>' +
      '<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>' +
      '<Dup>1</Dup><Dup>2</Dup></xml>';
    expect(parseCallbackXml(xml)).toEqual({
      MsgType: 'event',
      Event: 'scancode_push',
      'ScanCodeInfo.ScanType': 'qrcode',
      'ScanCodeInfo.ScanResult': '1',
      Dup: '1',
    });
  });

  it('accepts an XML declaration and an empty <xml/>', () => {
    expect(parseCallbackXml('<?xml version="1.0" encoding="utf-8"?><xml><A>1</A></xml>')).toEqual({ A: '1' });
    expect(parseCallbackXml('<xml></xml>')).toEqual({});
  });

  it('returns null for anything that is not a well-formed <xml> document', () => {
    for (const body of [
      '',
      'success',
      '{"MsgType":"text"}',
      '<xml><Content>unclosed</xml>',
      '<other><A>1</A></other>',
      '<xml>just text</xml>',
      '<xml><A>1</A></xml><xml><A>2</A></xml>',
      '<xml><A>1</A></xml>trailing',
      '<xml><__proto__>1</__proto__></xml>',
    ]) {
      expect(parseCallbackXml(body), body).toBeNull();
    }
  });

  it('refuses a DOCTYPE, so no entity can expand', () => {
    const bomb = '<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><Content>&b;</Content></xml>';
    expect(parseCallbackXml(bomb)).toBeNull();
  });

  it('never throws on garbage', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `<xml>${s}</xml>`),
        ),
        (body) => {
          const parsed = parseCallbackXml(body);
          expect(parsed === null || typeof parsed === 'object').toBe(true);
        },
      ),
    );
  });

  it('builds replies in CDATA that parse back to the same fields', () => {
    expect(buildXml({ ToUserName: 'oTest', CreateTime: 1409735668, Content: '您好' })).toBe(
      '<xml><ToUserName><![CDATA[oTest]]></ToUserName><CreateTime>1409735668</CreateTime><Content><![CDATA[您好]]></Content></xml>',
    );
    const text = fc.string({ unit: 'grapheme', maxLength: 60 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        // A string that ends a CDATA section (`]]>`) is split in two sections and read back whole.
        const fields = { Content: `${a}]]>${b}`, Label: a };
        expect(parseCallbackXml(buildXml(fields))).toEqual(fields);
      }),
    );
  });

  it('refuses field names that are not XML names', () => {
    expect(() => buildXml({ 'a b': 'x' })).toThrow(TypeError);
    expect(() => buildXml({ '<x>': 'x' })).toThrow(TypeError);
  });
});
