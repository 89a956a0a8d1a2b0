import { parseDecimal, resolveUnit, type FigureReport, type Period } from '@ledger/domain';
import type { Observation } from '@ledger/extractor';

// Series keys use ":" and "@" as separators and no spaces; names from free text are folded to fit.
const keySafe = (text: string, max: number) => text.replace(/\s+/g, '').replace(/[:@]/g, '·').slice(0, max);

// A figure whose indicator the extractor could not name is still recorded, under an explicit placeholder.
const UNNAMED = '未识别指标';

/** What the ledger records for one extracted observation: its series, value and every citation. */
export function figureReportOf({ figure, citations }: Observation): FigureReport {
  const named = figure.indicator.trim() !== '';
  const subject = figure.entity
    ? { type: 'entity' as const, name: keySafe(figure.entity, 100), regionCode: figure.regionCode }
    : { type: 'region' as const, code: figure.regionCode };
  return {
    series: {
      subject,
      indicatorCode: named ? keySafe(figure.indicatorCode, 120) : `X-${UNNAMED}`,
      indicatorName: named ? figure.indicator.slice(0, 200) : UNNAMED,
      kind: figure.kind,
      unitBase: keySafe(resolveUnit(figure.unit).base, 20),
    },
    period: figure.period as Period,
    value: parseDecimal(figure.value),
    unit: figure.unit,
    comparator: figure.comparator,
    status: figure.status,
    numberAsWritten: figure.number,
    citations,
  };
}
