import { describe, it, expect } from '@jest/globals';
import { CommandSchema, parseCommand, reportFigureCommand, type ReportFigure } from './commands.ts';
import { FigureReportSchema } from './events.ts';
import { sampleReport } from './test-fixtures.ts';
import { parseOrThrow } from './validation.ts';

describe('parseCommand', () => {
  it('parses a command it has not seen, naming the failing field', () => {
    const command = { type: 'ReportFigure', report: { ...sampleReport(), value: '1e3' } };
    expect(() => parseCommand(command)).toThrow(/report\.value: must be a plain decimal/);
    expect(parseCommand({ type: 'ReportFigure', report: sampleReport() })).toEqual(
      parseOrThrow(CommandSchema, { type: 'ReportFigure', report: sampleReport() }),
    );
  });

  it('takes a command built from a parsed report as it is: the same command a parse would give', () => {
    const command = reportFigureCommand(parseOrThrow(FigureReportSchema, sampleReport()));
    expect(parseCommand(command)).toBe(command);
    expect(command).toEqual(parseOrThrow(CommandSchema, command));
  });

  it('a command parsed once is not parsed again; a copy of it is', () => {
    const parsed = parseCommand({ type: 'ReportFigure', report: sampleReport() }) as ReportFigure;
    expect(parseCommand(parsed)).toBe(parsed);
    const copy = { ...parsed };
    expect(parseCommand(copy)).not.toBe(copy);
    expect(() => parseCommand({ ...parsed, report: { ...parsed.report, period: 'soon' } })).toThrow(/report\.period/);
  });
});
