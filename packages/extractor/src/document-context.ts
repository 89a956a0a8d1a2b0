import { allRegions, regionChain, type DocumentMetadata } from '@ledger/domain';

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
  /** The document's region and the regions above it, by name and short name, from the region catalog. */
  namedRegions: ReadonlyArray<{ code: string; names: readonly string[] }>;
  /** A clause opening with one of these is about the document's own region, not an entity (全区, 我县, 德清). */
  ownSubject: RegExp;
  /** The divisions inside the document's region by full name (晋江市 in a report of 泉州市), from the region catalog. */
  childRegions: ReadonlyMap<string, string>;
  /** Matches a clause opening with one of the childRegions' names; undefined when the region has none. */
  childSubject?: RegExp;
  /** What 全省, 全区 and 全市 stand for in this document: 全区 is the district itself, or the autonomous region. */
  scopes: ReadonlyMap<string, string>;
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
    ...regionNames(metadata.regionCode),
  };
  const reviewed = reviewedPlan(text, reviewYear);
  if (reviewed) context.reviewedPlan = reviewed;
  return context;
}

const OWN_SUBJECT_WORDS = [
  '全区',
  '全县',
  '全市',
  '全社会',
  '我区',
  '我县',
  '我市',
  '全年',
  '区',
  '县',
  '城乡',
  '城镇',
  '农村',
];

/** Cached per region: documents of one region share them. */
type RegionNames = Pick<DocumentContext, 'namedRegions' | 'ownSubject' | 'childRegions' | 'childSubject' | 'scopes'>;

function scopesOf(code: string): Map<string, string> {
  const chain = regionChain(code);
  const own = chain.at(-1);
  const scopes = new Map<string, string>();
  if (!own) return scopes;
  const province = chain[0]!;
  if (province.name.endsWith('省') && province !== own) scopes.set('全省', province.code);
  const district = own.name.endsWith('区') ? own : province.name.endsWith('自治区') ? province : undefined;
  if (district) scopes.set('全区', district.code);
  const city = [...chain].reverse().find((r) => r.name.endsWith('市'));
  if (city) scopes.set('全市', city.code);
  return scopes;
}

const namesByRegion = new Map<string, RegionNames>();

/** Full names only: short ones (城中 of 城中区) are too often ordinary words (城中村). */
function childNames(code: string): Pick<DocumentContext, 'childRegions' | 'childSubject'> {
  const childRegions = new Map(
    allRegions()
      .filter(
        (r) =>
          r.parentCode === code || (r.parentCode !== null && regionChain(r.parentCode).some((p) => p.code === code)),
      )
      .map((r) => [r.name, r.code]),
  );
  if (childRegions.size === 0) return { childRegions };
  const names = [...childRegions.keys()].sort((a, b) => b.length - a.length);
  return { childRegions, childSubject: new RegExp(`^(${names.join('|')})`) };
}

function regionNames(code: string): RegionNames {
  let found = namesByRegion.get(code);
  if (!found) {
    const chain = regionChain(code);
    const own = chain.at(-1);
    const ownNames = own ? [own.name, own.shortName] : [];
    const words = [...OWN_SUBJECT_WORDS, ...ownNames].sort((a, b) => b.length - a.length);
    found = {
      namedRegions: chain.map((r) => ({ code: r.code, names: [...new Set([r.name, r.shortName])] })).reverse(),
      ownSubject: new RegExp(`^(${words.join('|')})`),
      ...childNames(code),
      scopes: scopesOf(code),
    };
    namesByRegion.set(code, found);
  }
  return found;
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
