import {
  DocumentKindSchema,
  PublicationDateSchema,
  ValidationError,
  allRegions,
  parseOrThrow,
  regionChain,
  resolveRegion,
  type DocumentMetadata,
  type FieldProblem,
  type Region,
} from '@ledger/domain';

/** What the caller said about a document (flags or query parameters); each is inferred from the text when absent. */
export interface GivenMetadata {
  region?: string;
  published?: string;
  kind?: string;
  title?: string;
  fileName?: string;
}

export interface InferredMetadata {
  metadata: DocumentMetadata;
  /** The fields read from the text rather than given, with the value read: printed so that a person can check them. */
  inferred: Partial<Record<'title' | 'published' | 'region' | 'kind' | 'publisher' | 'periodCovered', string>>;
}

const TITLE_MAX = 120;

/**
 * A document's metadata from what was given and what its text says. What can be neither given nor read from the
 * text is an error naming the field (`region`, `published`, `kind`, `title`), never a guess.
 */
export function inferMetadata(options: {
  text: string;
  given: GivenMetadata;
  /** sha256 of the original bytes: the document id comes from it, so the same bytes are the same document. */
  originalSha256: string;
  mediaType: string;
  htmlTitle?: string;
  /** sha256 of the stored text. */
  textSha256: string;
}): InferredMetadata {
  const { text, given } = options;
  const problems: FieldProblem[] = [];
  const inferred: InferredMetadata['inferred'] = {};
  const attempt = <T>(field: string, read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problems.push(...error.problems.map((p) => ({ ...p, field })));
      return undefined;
    }
  };

  const title = attempt('title', () => {
    if (given.title !== undefined) return nonEmpty(given.title, 'title');
    const found = options.htmlTitle ?? firstLine(text);
    if (!found || found.length > TITLE_MAX)
      problem('title', `no title line could be read from the text (a first line of at most ${TITLE_MAX} characters)`);
    return (inferred.title = found!);
  });
  const published = attempt('published', () => {
    if (given.published !== undefined) return parseOrThrow(PublicationDateSchema, given.published.trim(), 'published');
    const found = dateOfMeeting(text);
    if (!found)
      problem('published', 'no date such as （2023年1月7日在…会议上） in the text; give the publication date');
    return (inferred.published = parseOrThrow(PublicationDateSchema, found, 'published'));
  });
  const kind = attempt('kind', () => {
    if (given.kind !== undefined) return parseOrThrow(DocumentKindSchema, given.kind.trim(), 'kind');
    const found = kindOfTitle(title ?? '');
    if (!found)
      problem(
        'kind',
        'the title does not say what kind of document this is; give work-report, development-report, news-article or other',
      );
    return (inferred.kind = found!);
  });
  const region = attempt('region', () => regionOf(given.region, title ?? '', text, inferred));
  if (problems.length) throw new ValidationError(problems);

  const year = Number(published!.slice(0, 4));
  const periodCovered =
    kind === 'work-report' ? `${year - 1}-${year}` : kind === 'development-report' ? `${year - 1}` : '';
  const publisher = `${regionChain(region!.code)
    .filter((r) => r.level !== 'province' || r.code === region!.code)
    .map((r) => r.name)
    .join('')}人民政府`;
  inferred.publisher = publisher;
  inferred.periodCovered = periodCovered;
  const documentId = `doc-${options.originalSha256.slice(0, 16)}`;
  const extension = options.mediaType.startsWith('text/html') ? 'html' : 'txt';
  return {
    metadata: {
      documentId,
      fileName: given.fileName ?? `${documentId}.${extension}`,
      title: title!.slice(0, 300),
      kind: kind!,
      publisher,
      regionCode: region!.code,
      published: published!,
      periodCovered: periodCovered as DocumentMetadata['periodCovered'],
      sha256: options.textSha256,
      originalSha256: options.originalSha256,
      mediaType: options.mediaType,
    },
    inferred,
  };
}

function problem(field: string, text: string): never {
  throw new ValidationError([{ field, problem: text }]);
}

function nonEmpty(value: string, field: string): string {
  const trimmed = value.trim();
  if (!trimmed) problem(field, 'must not be empty');
  return trimmed.slice(0, 300);
}

function firstLine(text: string): string | undefined {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find(Boolean);
}

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 2023, ２０２３, 二〇二三, 十二, 二十一 as a number. */
function numberOf(written: string): number {
  const ascii = written.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  if (/^\d+$/.test(ascii)) return Number(ascii);
  if (!written.includes('十')) return Number([...written].map((c) => DIGITS[c] ?? NaN).join(''));
  const [tens, ones] = written.split('十') as [string, string];
  return (tens ? (DIGITS[tens] ?? NaN) : 1) * 10 + (ones ? (DIGITS[ones] ?? NaN) : 0);
}

const N = '[0-9０-９〇零一二三四五六七八九十]';
const MEETING_DATE = new RegExp(
  `[（(]\\s*(${N}{4})\\s*年\\s*(${N}{1,2})\\s*月\\s*(${N}{1,3})\\s*日[^）)\\n]{0,80}?(?:会议|大会)上`,
);

/** The date of the meeting a report was delivered at: （2023年1月7日在济南市历城区第十九届人民代表大会第二次会议上）. */
export function dateOfMeeting(text: string): string | undefined {
  const m = MEETING_DATE.exec(text.slice(0, 5000));
  if (!m) return undefined;
  const [y, mo, d] = [m[1]!, m[2]!, m[3]!].map(numberOf) as [number, number, number];
  if (![y, mo, d].every(Number.isFinite)) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function kindOfTitle(title: string): DocumentMetadata['kind'] | undefined {
  if (/政府工作报告|政府工作報告/.test(title)) return 'work-report';
  if (/国民经济和社会发展|國民經濟和社會發展|发展报告|發展報告/.test(title)) return 'development-report';
  return undefined;
}

/**
 * The region a document is about: the one the caller named (by name or code), or the one its title names. A shared
 * name (南山区 in Shenzhen and in Hegang) is settled only by the text naming one candidate's prefecture or province.
 */
function regionOf(
  given: string | undefined,
  title: string,
  text: string,
  inferred: InferredMetadata['inferred'],
): Region {
  if (given !== undefined) {
    const name = given.trim();
    const candidates = resolveRegion(name);
    if (candidates.length === 0) problem('region', `"${name}" is not a region name or GB/T 2260 code in the catalog`);
    const region = candidates.length === 1 ? candidates[0]! : settle(candidates, text, name);
    if (region.code !== name) inferred.region = `${region.code} ${fullName(region)}`;
    return region;
  }
  const named = namedRegions(title);
  if (named.length === 0)
    problem('region', 'the title names no region in the catalog; give the region by name or code');
  const deepest = named.filter((r) => !named.some((other) => other.parentCode === r.code || isAncestor(r, other)));
  const region = deepest.length === 1 ? deepest[0]! : settle(deepest, text, deepest[0]!.name);
  inferred.region = `${region.code} ${fullName(region)}`;
  return region;
}

const fullName = (r: Region) =>
  regionChain(r.code)
    .map((c) => c.name)
    .join('');

function isAncestor(ancestor: Region, of: Region): boolean {
  return regionChain(of.code).some((r) => r.code === ancestor.code && r.code !== of.code);
}

function settle(candidates: readonly Region[], text: string, name: string): Region {
  const mentioned = candidates.filter((c) =>
    regionChain(c.code)
      .filter((r) => r.code !== c.code)
      .some((r) => text.includes(r.name) || (r.shortName.length >= 2 && text.includes(r.shortName))),
  );
  if (mentioned.length === 1) return mentioned[0]!;
  return problem(
    'region',
    `"${name}" names ${candidates.length} regions (${candidates.map((c) => `${c.code} ${fullName(c)}`).join(', ')}) and the text does not say which; give the code`,
  );
}

/** The catalogued regions a title names by full name; a name inside a longer match (城区 in 历城区) does not count. */
function namedRegions(title: string): Region[] {
  const hits: Array<{ region: Region; start: number; end: number }> = [];
  for (const region of allRegions()) {
    for (let at = title.indexOf(region.name); at >= 0; at = title.indexOf(region.name, at + 1))
      hits.push({ region, start: at, end: at + region.name.length });
  }
  const kept = hits.filter(
    (h) => !hits.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start),
  );
  // Several regions share a name; the title's other names (深圳市 before 南山区) settle which one is meant.
  const codes = new Set(kept.map((h) => h.region.code));
  const placed = (h: (typeof kept)[number]) =>
    regionChain(h.region.code).some((r) => r.code !== h.region.code && codes.has(r.code));
  return kept
    .filter((h) => {
      const sameName = kept.filter((o) => o.region.name === h.region.name);
      return sameName.length === 1 || !sameName.some(placed) || placed(h);
    })
    .map((h) => h.region)
    .filter((r, i, all) => all.findIndex((o) => o.code === r.code) === i);
}
