import { canonicalJson } from '@ledger/canonical';
import { figureIdOf, seriesKeyOf, type Citation, type Command, type FigureReport } from '@ledger/domain';
import type { FigureChain, FigureHistory, FigureHistoryEntry } from './figure-history.ts';

/** Where a figure stands in its document: its series and the span of its first citation. */
const anchorOf = (seriesKey: string, citations: readonly Citation[]) =>
  `${seriesKey}\n${citations[0]!.charStart}\n${citations[0]!.charEnd}`;

const valueOf = (f: Pick<FigureReport, 'period' | 'value' | 'unit' | 'comparator' | 'status'>) => ({
  period: f.period,
  value: f.value,
  unit: f.unit,
  comparator: f.comparator,
  status: f.status,
});

/**
 * The commands that bring a document's machine-extracted figures in line with a fresh extraction: a figure the
 * extractor now reads differently at the same place is corrected, one it no longer reads is retracted, one it reads
 * anew is reported. Chains a person touched are left alone, and their places are not reported again.
 * Pure: the same history and extraction give the same commands, and after them the plan is empty.
 */
export function planReextraction(options: {
  documentId: string;
  history: FigureHistory;
  fresh: readonly FigureReport[];
  reason: string;
}): Command[] {
  const { documentId, history, fresh, reason } = options;
  const chains: FigureChain[] = history.chains.filter((c) => c.documentId === documentId);
  const standing = new Map<string, FigureHistoryEntry[]>();
  const blocked = new Set<string>();
  for (const chain of chains) {
    for (const entry of chain.figures) {
      const anchor = anchorOf(entry.data.seriesKey, entry.data.citations);
      if (chain.person) blocked.add(anchor);
      else if (entry.standing === 'active') standing.set(anchor, [...(standing.get(anchor) ?? []), entry]);
    }
  }
  const commands: Command[] = [];
  for (const report of fresh) {
    const seriesKey = seriesKeyOf(report.series);
    const anchor = anchorOf(seriesKey, report.citations);
    const match = standing.get(anchor)?.shift();
    if (match) {
      const same =
        canonicalJson(valueOf(match.data)) === canonicalJson(valueOf(report)) &&
        canonicalJson(match.data.citations) === canonicalJson(report.citations);
      if (!same)
        commands.push({
          type: 'CorrectFigure',
          seriesKey,
          figureId: match.data.figureId,
          correction: valueOf(report),
          reason,
          citations: report.citations,
        });
    } else if (!blocked.has(anchor) && !history.byId.has(figureIdOf(report))) {
      commands.push({ type: 'ReportFigure', report: { ...report, note: reason } });
    }
  }
  for (const left of standing.values())
    for (const entry of left)
      commands.push({ type: 'RetractFigure', seriesKey: entry.data.seriesKey, figureId: entry.data.figureId, reason });
  return commands;
}
