import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { CommandSchema } from './commands.ts';
import { EVENT_SCHEMAS } from './events.ts';
import { documentDecider } from './document-decider.ts';
import { seriesDecider } from './series-decider.ts';
import { lineText, multilineText } from './text.ts';
import { sampleDocument, sampleRaw, sampleReport } from './test-fixtures.ts';

const FIGURE_ID = '00000000-0000-8000-8000-000000000000';
const commands = [
  { type: 'RegisterDocument', document: { ...sampleDocument, speaker: '区长' }, text: sampleRaw },
  { type: 'ReportFigure', report: sampleReport({ note: '注' }) },
  {
    type: 'CorrectFigure',
    seriesKey: '370112:GPBR:level:元',
    figureId: FIGURE_ID,
    correction: { period: '2022', value: '126.5', unit: '亿元', comparator: 'eq', status: 'actual' },
    reason: 'typo in the source',
    citations: sampleReport().citations,
  },
  { type: 'RetractFigure', seriesKey: '370112:GPBR:level:元', figureId: FIGURE_ID, reason: 'not a figure' },
];

/** Every string in a value with its path, e.g. ["report", "series", "indicatorName"]. */
function stringLeaves(value: unknown, path: string[] = []): string[][] {
  if (typeof value === 'string') return [path];
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

function withLeaf(value: unknown, path: string[], replace: (s: string) => string): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1)!] = replace(node[path.at(-1)!] as string);
  return copy;
}

describe('every text field of every command', () => {
  const poisons: Array<[string, (s: string) => string]> = [
    ['a lone high surrogate', (s) => `${s}\ud800`],
    ['a lone low surrogate', (s) => `\udc00${s}`],
    ['NUL', (s) => `${s.slice(0, 1)}\u0000${s.slice(1)}`],
    ['a C0 control', (s) => `${s}\u001b`],
  ];
  for (const command of commands) {
    it(`${command.type}: refuses each poisoned string, naming its field`, () => {
      expect(CommandSchema.safeParse(command).success).toBe(true);
      const leaves = stringLeaves(command).filter((p) => p[0] !== 'type');
      expect(leaves.length).toBeGreaterThanOrEqual(3);
      for (const leaf of leaves) {
        for (const [name, poison] of poisons) {
          const result = CommandSchema.safeParse(withLeaf(command, leaf, poison));
          expect({ leaf, name, success: result.success }).toEqual({ leaf, name, success: false });
          expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(leaf.join('.'));
        }
      }
    });
  }

  it('the events decided from valid commands pass the event schemas, whose texts are refused the same way', () => {
    const register = CommandSchema.parse(commands[0]);
    const report = CommandSchema.parse(commands[1]);
    if (register.type !== 'RegisterDocument' || report.type !== 'ReportFigure') throw new Error('fixture order');
    const [event] = documentDecider.decide(register, documentDecider.initialState());
    expect(EVENT_SCHEMAS.DocumentRegistered.safeParse(event!.data).success).toBe(true);
    for (const leaf of stringLeaves(event!.data)) {
      const result = EVENT_SCHEMAS.DocumentRegistered.safeParse(withLeaf(event!.data, leaf, (s) => `${s}\ud800`));
      expect({ leaf, success: result.success }).toEqual({ leaf, success: false });
    }
    const [reported] = seriesDecider.decide(report, seriesDecider.initialState());
    expect(EVENT_SCHEMAS.FigureReported.safeParse(reported!.data).success).toBe(true);
  });
});

describe('lineText and multilineText', () => {
  const line = lineText();
  const multiline = multilineText();
  it('accept exactly the well-formed strings without C0 controls (full Unicode, lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        const wellFormed = s.isWellFormed();
        const controls = [...s].filter((c) => c.codePointAt(0)! < 0x20);
        expect(line.safeParse(s).success).toBe(wellFormed && controls.length === 0);
        expect(multiline.safeParse(s).success).toBe(wellFormed && controls.every((c) => '\t\n\r'.includes(c)));
      }),
      { numRuns: 500 },
    );
  });

  it('keep tab and line breaks in multi-line text only, and accept text outside the BMP', () => {
    expect(multilineText().safeParse('a\tb\r\nc').success).toBe(true);
    expect(lineText().safeParse('a\nb').error?.issues[0]?.message).toMatch(/control characters/);
    expect(lineText().safeParse('😀𠀀\u007f\u0085').success).toBe(true);
    expect(lineText().safeParse('X-\ud800').error?.issues[0]?.message).toMatch(/lone surrogate/);
  });
});
