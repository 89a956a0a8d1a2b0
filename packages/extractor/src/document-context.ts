import type { DocumentMetadata } from '@ledger/domain';

/** What a document's kind and date say about the periods its figures describe. */
export interface DocumentContext {
  regionCode: string;
  kind: DocumentMetadata['kind'];
  /** The year whose results the document reports (a January work report reviews the year before). */
  reviewYear: number;
  /** The year its goals are set for. */
  targetYear: number;
  /** Where the plan part of a report starts (二、2023 年主要工作安排): everything after it is a goal. */
  planStart: number;
  /** A five-year plan the document looks back on (十四五 at its close), for 年均 and 累计. */
  reviewedPlan?: { from: number; to: number };
}

const FIVE_YEAR_PLANS: ReadonlyArray<{ name: string; from: number }> = [
  { name: '十三五', from: 2016 },
  { name: '十四五', from: 2021 },
  { name: '十五五', from: 2026 },
];

export function documentContext(metadata: DocumentMetadata, text: string): DocumentContext {
  const [yearText, monthText] = metadata.published.split('-');
  const publishedYear = Number(yearText);
  const covered = /^\d{4}$/.test(metadata.periodCovered) ? Number(metadata.periodCovered) : undefined;
  const earlyInYear = monthText !== undefined && Number(monthText) <= 2;
  const reviewYear =
    metadata.kind === 'work-report'
      ? publishedYear - 1
      : (covered ?? (earlyInYear ? publishedYear - 1 : publishedYear));
  const context: DocumentContext = {
    regionCode: metadata.regionCode,
    kind: metadata.kind,
    reviewYear,
    targetYear: publishedYear,
    planStart: planStart(text, publishedYear),
  };
  const reviewed = reviewedPlan(text, reviewYear);
  if (reviewed) context.reviewedPlan = reviewed;
  return context;
}

function planStart(text: string, targetYear: number): number {
  const heading = new RegExp(`${targetYear}年[^。\\n]{0,12}(工作安排|重点工作|总体要求|预期目标|主要任务)`).exec(text);
  return heading ? heading.index : Number.POSITIVE_INFINITY;
}

function reviewedPlan(text: string, reviewYear: number): { from: number; to: number } | undefined {
  const plan = FIVE_YEAR_PLANS.find((p) => p.from + 4 === reviewYear);
  if (!plan || !text.includes(plan.name) || !/(收官|成绩单|过去五年|五年来|过往五年)/.test(text)) return undefined;
  return { from: plan.from, to: reviewYear };
}

/** The span a five-year plan name stands for, if the text names one. */
export function namedPlanSpan(text: string): { from: number; to: number } | undefined {
  const plan = FIVE_YEAR_PLANS.find((p) => text.includes(p.name));
  return plan ? { from: plan.from, to: plan.from + 4 } : undefined;
}
