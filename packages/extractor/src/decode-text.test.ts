import { describe, it, expect } from '@jest/globals';
import iconv from 'iconv-lite';
import { decodeText, htmlToText, TextDecodeError } from './decode-text.ts';

describe('decoding report bytes to text', () => {
  it('reads UTF-8, and GBK bytes when the charset says so or the bytes are not UTF-8', () => {
    const gbk = iconv.encode('地区生产总值增长6.5%', 'gbk');
    expect(decodeText(Buffer.from('\uFEFF增长6%', 'utf8'))).toBe('增长6%');
    expect(decodeText(gbk, { mediaType: 'text/plain; charset=GBK' })).toBe('地区生产总值增长6.5%');
    expect(decodeText(gbk)).toBe('地区生产总值增长6.5%');
  });

  it('refuses bytes that are not in the charset given, and an unknown charset', () => {
    expect(() => decodeText(iconv.encode('增长', 'gbk'), { charset: 'utf-8' })).toThrow(TextDecodeError);
    expect(() => decodeText(Buffer.from('x'), { charset: 'klingon' })).toThrow(/unknown charset "klingon"/);
  });

  it('keeps the visible text of an HTML page, a line per block, entities decoded', () => {
    const page =
      '<html><head><title>报告</title><style>p{}</style><script>var a = "<p>x</p>";</script></head>' +
      '<body><p>增长&ldquo;6%&rdquo;&nbsp;</p>\n<div>第一行<br>第二行</div><p> </p></body></html>';
    expect(htmlToText(page)).toBe('报告\n增长“6%”\n第一行\n第二行');
  });

  it('finds the charset of an HTML page in its meta tag', () => {
    const page = Buffer.concat([
      Buffer.from('<html><head><meta charset="gbk"></head><body><p>'),
      iconv.encode('预期目标', 'gbk'),
      Buffer.from('</p></body></html>'),
    ]);
    expect(decodeText(page, { mediaType: 'text/html' })).toBe('预期目标');
  });
});
