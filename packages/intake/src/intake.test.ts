import { describe, it, expect } from '@jest/globals';
import { ValidationError } from '@ledger/domain';
import { dateOfMeeting, decodeDocument, htmlToText, readDocument } from './index.ts';
import { SAMPLE_REPORT } from './testing/sample-report.ts';

const fieldsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.problems.map((p) => p.field);
    throw error;
  }
  return [];
};

describe('decodeDocument', () => {
  it('reads UTF-8 with or without a byte-order mark, and GBK bytes as GB18030', () => {
    expect(decodeDocument(Buffer.from('地区生产总值\n'))).toEqual({
      text: '地区生产总值\n',
      mediaType: 'text/plain; charset=utf-8',
    });
    expect(decodeDocument(Buffer.from('\uFEFF增长5%')).text).toBe('增长5%');
    const gbk = Buffer.from([0xb5, 0xd8, 0xc7, 0xf8, 0xc9, 0xfa, 0xb2, 0xfa]); // 地区生产 in GBK
    expect(decodeDocument(gbk)).toEqual({ text: '地区生产', mediaType: 'text/plain; charset=gb18030' });
    expect(decodeDocument(gbk, { contentType: 'text/plain; charset=GBK' }).text).toBe('地区生产');
  });

  it('reads an HTML page as its text, block elements as lines, scripts and styles left out', () => {
    const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>页面标题</title><style>p{}</style></head>
      <body><h1>南山区政府工作报告</h1><script>var x = 1;</script><p>全区生产总值<b>9500</b>亿元。</p><div>增长&nbsp;6%</div></body></html>`;
    const decoded = decodeDocument(Buffer.from(page));
    expect(decoded).toEqual({
      text: '南山区政府工作报告\n全区生产总值9500亿元。\n增长 6%\n',
      mediaType: 'text/html; charset=utf-8',
      htmlTitle: '南山区政府工作报告',
    });
    expect(htmlToText('<p>a</p><p>b</p>').text).toBe('a\nb\n');
  });

  it('refuses bytes that are not text, an unknown charset, and a document without text, naming the field', () => {
    expect(
      fieldsOf(() => decodeDocument(Buffer.from([0xe5, 0x9c]), { contentType: 'text/plain; charset=utf-8' })),
    ).toEqual(['bytes']);
    expect(fieldsOf(() => decodeDocument(Buffer.from([0x81, 0x20, 0x81])))).toEqual(['bytes']);
    expect(fieldsOf(() => decodeDocument(Buffer.from('a\u0000b')))).toEqual(['bytes']);
    expect(fieldsOf(() => decodeDocument(Buffer.from('x'), { contentType: 'text/plain; charset=klingon' }))).toEqual([
      'charset',
    ]);
    expect(fieldsOf(() => decodeDocument(Buffer.from('x'), { contentType: 'application/pdf' }))).toEqual(['mediaType']);
    expect(fieldsOf(() => decodeDocument(Buffer.from(' \n\t ')))).toEqual(['text']);
    expect(fieldsOf(() => decodeDocument(Buffer.from('<html><script>x</script></html>')))).toEqual(['text']);
  });
});

describe('readDocument', () => {
  it('infers title, date, region and kind from the text, and says what it inferred', () => {
    const read = readDocument(Buffer.from(SAMPLE_REPORT), {});
    expect(read.metadata).toMatchObject({
      title: '南山区2025年政府工作报告',
      published: '2025-01-08',
      regionCode: '440305',
      kind: 'work-report',
      publisher: '深圳市南山区人民政府',
      periodCovered: '2024-2025',
      mediaType: 'text/plain; charset=utf-8',
    });
    expect(Object.keys(read.inferred)).toEqual(
      expect.arrayContaining(['title', 'published', 'region', 'kind', 'publisher']),
    );
    expect(read.metadata.documentId).toBe(`doc-${read.metadata.originalSha256!.slice(0, 16)}`);
  });

  it('takes what is given over what the text says; a region by name or code', () => {
    const byName = readDocument(Buffer.from(SAMPLE_REPORT), { region: '南山区', published: '2025', kind: 'other' });
    expect(byName.metadata).toMatchObject({ regionCode: '440305', published: '2025', kind: 'other' });
    expect(byName.inferred.published).toBeUndefined();
    expect(readDocument(Buffer.from(SAMPLE_REPORT), { region: '440305' }).inferred.region).toBeUndefined();
  });

  it('names the field of each thing it can neither read nor was given, and never guesses', () => {
    const bare = Buffer.from('过去一年，全区地区生产总值增长6.1%。\n');
    expect(fieldsOf(() => readDocument(bare, {}))).toEqual(['published', 'kind', 'region']);
    expect(fieldsOf(() => readDocument(Buffer.from(SAMPLE_REPORT), { region: '火星区' }))).toEqual(['region']);
    expect(fieldsOf(() => readDocument(Buffer.from(SAMPLE_REPORT), { published: '2023-02-30' }))).toEqual([
      'published',
    ]);
    expect(fieldsOf(() => readDocument(Buffer.from(SAMPLE_REPORT), { kind: 'poem' }))).toEqual(['kind']);
    // 鼓楼区 is a district of several cities, and this text names none of them.
    expect(
      fieldsOf(() => readDocument(Buffer.from(SAMPLE_REPORT.replace(/深圳市/g, '')), { region: '鼓楼区' })),
    ).toEqual(['region']);
  });

  it('reads a meeting date written in digits or in Chinese numerals', () => {
    expect(dateOfMeeting('（二〇二三年一月十七日在区第十九届人民代表大会第二次会议上）')).toBe('2023-01-17');
    expect(dateOfMeeting('(2024年2月1日在市人民代表大会上)')).toBe('2024-02-01');
    expect(dateOfMeeting('2024年2月1日')).toBeUndefined();
  });
});
