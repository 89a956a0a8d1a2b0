import type { Comparator, FigureKind, FigureStatus, ResolvedIndicator } from '@ledger/domain';
import type { SourceDocument } from '@ledger/source-documents';
import { comparatorOf, kindCue, kindOf, periodOf, statusOf, subjectOf } from './classify.ts';
import { documentContext } from './document-context.ts';
import { indicatorName, rankBase } from './indicator-name.ts';
import {
  distributeListSubject,
  indicatorPhrase,
  resolvePhrase,
  sentenceTopic,
  withoutEntity,
} from './indicator-phrase.ts';
import { findMentions, type Mention } from './mentions.ts';
import { normalizeText, rawSpan, type NormalizedText } from './normalize.ts';
import { clauseEnd, clauseStart, fullSentenceStart, quotedMask } from './text-scope.ts';
import { unitClass } from './units.ts';

/** One occurrence of a figure in a document, with everything needed to cite it and to place it in a series. */
export interface ExtractedFigure {
  doc: string;
  documentId: string;
  documentSha256: string;
  /** 1-based raw line and column of the number's first character (= of charStart). */
  line: number;
  column: number;
  number: string;
  value: string;
  unit: string;
  indicator: string;
  indicatorCode: string;
  indicatorCatalogued: boolean;
  kind: FigureKind;
  comparator: Comparator;
  status: FigureStatus;
  period: string;
  /** The region code, or the entity's name when the figure is about a company, park or facility. */
  region: string;
  regionCode: string;
  entity?: string;
  quote: string;
  charStart: number;
  charEnd: number;
}

/** Every figure of a document, in document order. */
export function extractFigures(document: SourceDocument): ExtractedFigure[] {
  const { raw, metadata } = document;
  const normalized = normalizeText(raw);
  const { text } = normalized;
  const context = documentContext(metadata, text);
  const mentions = findMentions(text, quotedMask(text)).filter((m) => !isPlannedStreak(text, m));
  const lineStarts = lineStartsOf(raw);
  const codePoints = codePointOffsets(raw);
  const figures: ExtractedFigure[] = [];
  const lists = listMembership(text, mentions);
  const memory: SentenceMemory = { sentence: -1, inherited: '', lastList: [] };
  const repeated = repeatedClauseMentions(raw, normalized, mentions);
  const kinds: Array<FigureKind | undefined> = [];
  mentions.forEach((found, i) => {
    if (repeated.has(i)) return;
    // A repeated excerpt is read in the context of its original, so that both occurrences agree.
    const mention = originalOf(text, found, normalized.repeatedFrom);
    const list = lists[i]!;
    // 4%和 7% share their head's kind; 59 处、4.6 万平方米 measure different things and are read on their own.
    const head = mentions[list.headIndex]!;
    const sharesKind =
      list.position > 0 && mention.shape === head.shape && unitClass(mention.unit) === unitClass(head.unit);
    const previous = mentions[i - 1];
    const kind = sharesKind
      ? figures[figures.length - list.position]!.kind
      : (continuedKind(text, mentions, i, kinds) ?? kindOf(text, mention));
    kinds[i] = kind;
    const reading = {
      mention,
      kind,
      list,
      head: originalOf(text, mentions[list.headIndex]!, normalized.repeatedFrom),
      previousEnd: previous && previous.end <= mention.start ? previous.end : 0,
    };
    const subject = subjectOf(text, mention, context);
    const resolved = indicatorOf(
      text,
      { ...reading, entity: subject.type === 'entity' ? subject.name : undefined },
      memory,
    );
    const status = statusOf(text, mention, context);
    const span = rawSpan(normalized, found.numberStart, found.end);
    const { line, column } = lineAndColumnAt(raw, lineStarts, span.start);
    const offsets = codePoints(span);
    figures.push({
      doc: metadata.fileName,
      documentId: metadata.documentId,
      documentSha256: metadata.sha256,
      line,
      column,
      // As written: 兩 stays 兩 in a traditional text; full-width digits fold as in matching.
      number: numberAsWritten(raw, normalized, found),
      value: mention.value,
      unit: mention.unit,
      indicator: resolved.name,
      indicatorCode: resolved.code,
      indicatorCatalogued: resolved.catalogued,
      kind,
      comparator: listComparator(text, mentions, list, comparatorOf(text, mention)),
      status,
      // 较五年前分别增长 38.2%、46.5%: list members share the period their head's words give.
      period:
        list.position > 0 && figures[figures.length - list.position]?.status === status
          ? figures[figures.length - list.position]!.period
          : periodOf(text, mention, status, context),
      region: subject.type === 'region' ? subject.code : subject.name,
      regionCode: subject.type === 'region' ? subject.code : subject.regionCode,
      ...(subject.type === 'entity' ? { entity: subject.name } : {}),
      quote: raw.slice(span.start, span.end),
      charStart: offsets.start,
      charEnd: offsets.end,
    });
  });
  return figures;
}

/**
 * 确保不低于 6%，力争达到 7% and 排名全市第 1 位（预期目标为 10% 以上）: a clause with no words of its own about what it
 * measures goes on with the latest figure of the sentence in the same kind of unit.
 */
function continuedKind(
  text: string,
  mentions: readonly Mention[],
  at: number,
  kinds: ReadonlyArray<FigureKind | undefined>,
): FigureKind | undefined {
  const mention = mentions[at]!;
  // Linking words and a resolve are short: a longer clause has words of its own.
  if (mention.shape !== 'quantity' || mention.start - clauseStart(text, mention.start) > 12) return undefined;
  const own = kindCue(text, mention).replace(/^(在实际工作中|年度|全年|预期|同时|并)+/, '');
  if (own !== '') return undefined;
  const sentence = fullSentenceStart(text, mention.start);
  for (let i = at - 1; i >= 0 && mentions[i]!.start >= sentence; i--) {
    const before = mentions[i]!;
    if (before.shape === 'quantity' && unitClass(before.unit) === unitClass(mention.unit)) return kinds[i];
  }
  return undefined;
}

function numberAsWritten(raw: string, normalized: NormalizedText, mention: Mention): string {
  const span = rawSpan(normalized, mention.numberStart, mention.numberStart + mention.number.length);
  const written = raw.slice(span.start, span.end);
  // Most numbers are plain digits or ideographs, which neither spacing removal nor NFKC changes.
  return /^[\d.\u4e00-\u9fff]*$/.test(written) ? written : written.replace(/\s/g, '').normalize('NFKC');
}

/**
 * 分别突破 3000 亿元、2000 亿元 and 分别增长 5.5% 和 6.5% 左右: a bound before the list's head or after its last
 * member bounds every member that has none of its own.
 */
function listComparator(text: string, mentions: readonly Mention[], list: ListPlace, own: Comparator): Comparator {
  if (own !== 'eq' || list.size < 2) return own;
  const head = mentions[list.headIndex]!;
  const { suffixComparator: _ownBound, ...unbounded } = head;
  const headBound = comparatorOf(text, unbounded);
  if (headBound !== 'eq') return headBound;
  return mentions[list.headIndex + list.size - 1]!.suffixComparator ?? own;
}

/**
 * A clause repeated word for word on one raw line (a web page's lead repeating its first sentence) states its
 * figures once: the mentions of the repetition are dropped.
 */
function repeatedClauseMentions(raw: string, normalized: NormalizedText, mentions: readonly Mention[]): Set<number> {
  const { text } = normalized;
  const seen = new Set<string>();
  const dropped = new Set<number>();
  mentions.forEach((mention, i) => {
    const start = clauseStart(text, mention.start);
    const clause = text.slice(start, clauseEnd(text, mention.end));
    if (clause.length < 8) return;
    const line = raw.lastIndexOf('\n', normalized.rawOffsets[start]! - 1);
    const key = `${line}\u0000${clause}\u0000${mention.numberStart - start}`;
    if (seen.has(key)) dropped.add(i);
    else seen.add(key);
  });
  return dropped;
}

function originalOf(text: string, mention: Mention, repeatedFrom: number): Mention {
  if (mention.start < repeatedFrom) return mention;
  const from = Math.max(text.lastIndexOf('\n', mention.start) + 1, mention.start - 16);
  const origin = text.lastIndexOf(text.slice(from, mention.end), repeatedFrom - 1);
  if (origin < 0) return mention;
  const shift = origin - from;
  return {
    ...mention,
    numberStart: mention.numberStart + shift,
    start: mention.start + shift,
    end: mention.end + shift,
  };
}

/** 连续三年每年实施 100 个项目 states a plan's length, not a streak achieved. */
function isPlannedStreak(text: string, mention: Mention): boolean {
  return mention.shape === 'streak' && /^(每年|每)/.test(text.slice(mention.end));
}

interface SentenceMemory {
  sentence: number;
  /** The indicator of the figure before, for 可比增长 6.8% after 一般公共预算收入 126 亿元. */
  inherited: string;
  /** The subjects of the list before, for 分别达到 X、Y，年均增长 A、B. */
  lastList: string[];
}

interface Reading {
  mention: Mention;
  kind: FigureKind;
  list: ListPlace;
  head: Mention;
  previousEnd: number;
  entity: string | undefined;
}

function indicatorOf(text: string, reading: Reading, memory: SentenceMemory): ResolvedIndicator {
  const { mention, kind, list, head } = reading;
  const sentence = fullSentenceStart(text, mention.start);
  if (sentence !== memory.sentence) Object.assign(memory, { sentence, inherited: '', lastList: [] });
  let phrase =
    list.size > 1
      ? distributeListSubject(indicatorPhrase(text, head, kind, { listHead: true }), list.position, list.size)
      : withoutEntity(indicatorPhrase(text, mention, kind, { previousEnd: reading.previousEnd }), reading.entity);
  if (list.size > 1 && phrase === '' && memory.lastList.length === list.size) phrase = memory.lastList[list.position]!;
  const name = indicatorName(text, mention, kind, phrase, memory.inherited) || sentenceTopic(text, mention.start);
  const resolved = resolvePhrase(name);
  if (list.size > 1) memory.lastList[list.position] = resolved.name;
  // 地方公共预算收入连续 4 年突破百亿大关: the streak's subject is what the figures after it measure,
  // unless it only names the size of what came before (固定资产投资增长 3.8%，投资体量连续八年…).
  if (mention.shape === 'streak') {
    const sizeOfPrevious =
      memory.inherited !== '' && /(体量|总量|规模)$/.test(phrase) && !resolvePhrase(phrase).catalogued;
    if (phrase && !sizeOfPrevious) memory.inherited = resolvePhrase(phrase).name;
  } else if (mention.shape !== 'structure' && kind !== 'ratio') {
    memory.inherited = rankBase(resolved.name) || memory.inherited;
  }
  return resolved;
}

interface ListPlace {
  headIndex: number;
  position: number;
  size: number;
}

/** 4%和 7%, 49%、85%: figures joined only by a list separator share their head's subject and kind. */
function listMembership(text: string, mentions: readonly Mention[]): ListPlace[] {
  const places: ListPlace[] = [];
  mentions.forEach((mention, i) => {
    const previous = mentions[i - 1];
    // 增长 6.5%—7%: the bounds of a range are joined like list members.
    const joined =
      previous !== undefined && /^([、和及与,]|[—–\-－~～]{1,2})$/.test(text.slice(previous.end, mention.start));
    places.push(
      joined
        ? { headIndex: places[i - 1]!.headIndex, position: places[i - 1]!.position + 1, size: 0 }
        : { headIndex: i, position: 0, size: 0 },
    );
  });
  const sizes = new Map<number, number>();
  for (const place of places) sizes.set(place.headIndex, (sizes.get(place.headIndex) ?? 0) + 1);
  for (const place of places) place.size = sizes.get(place.headIndex)!;
  return places;
}

function lineStartsOf(raw: string): number[] {
  const starts = [0];
  for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineAndColumnAt(raw: string, lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: codePointCount(raw, lineStarts[low]!, offset) + 1 };
}

/** The code points in raw[from, to), as Array.from would count them, without building the array. */
function codePointCount(raw: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++, count++) {
    const code = raw.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < to) {
      const next = raw.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return count;
}

/** Citations count Unicode code points; JS strings count UTF-16 units, which differ only past the BMP. */
function codePointOffsets(raw: string): (span: { start: number; end: number }) => { start: number; end: number } {
  if (!/[\uD800-\uDFFF]/.test(raw)) return (span) => span;
  const at = (offset: number): number => codePointCount(raw, 0, offset);
  return (span) => ({ start: at(span.start), end: at(span.end) });
}
