import { z } from 'zod';
import type { FigureKind } from './vocabulary.ts';
import { FigureKindSchema } from './vocabulary.ts';
import type { Subject } from './region.ts';
import { SubjectSchema } from './region.ts';
import { lineText } from './text.ts';

/**
 * What is measured: subject + indicator + kind + unit basis, e.g. "370112:GDP:level:元",
 * "370112@山东坤力疫苗产业化项目:X-疫苗医疗研发生产类项目排名:rank:". One event stream per series.
 */
export type SeriesKey = string & { readonly __brand: 'SeriesKey' };

export interface SeriesIdentity {
  subject: Subject;
  indicatorCode: string;
  kind: FigureKind;
  unitBase: string;
}

const SEGMENT = /^[^:\s]*$/;

export const IndicatorCodeSchema = lineText()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters')
  .regex(/^[^:\s@]+$/, 'must not contain ":", "@" or spaces');

export const SeriesIdentitySchema = z.object({
  subject: SubjectSchema,
  indicatorCode: IndicatorCodeSchema,
  kind: FigureKindSchema,
  unitBase: lineText().max(20).regex(SEGMENT, 'must not contain ":" or spaces'),
});

export function seriesKeyOf(identity: SeriesIdentity): SeriesKey {
  const { subject } = identity;
  const subjectPart = subject.type === 'region' ? subject.code : `${subject.regionCode}@${subject.name}`;
  return `${subjectPart}:${identity.indicatorCode}:${identity.kind}:${identity.unitBase}` as SeriesKey;
}

export function parseSeriesKey(text: string): SeriesIdentity {
  const parts = text.split(':');
  if (parts.length !== 4) throw new RangeError(`series key must have four ":"-separated parts, got "${text}"`);
  const [subjectPart, indicatorCode, kind, unitBase] = parts as [string, string, string, string];
  const at = subjectPart.indexOf('@');
  const subject =
    at < 0
      ? { type: 'region', code: subjectPart }
      : { type: 'entity', regionCode: subjectPart.slice(0, at), name: subjectPart.slice(at + 1) };
  const parsed = SeriesIdentitySchema.safeParse({ subject, indicatorCode, kind, unitBase });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RangeError(`invalid series key "${text}": ${issue.path.join('.')} ${issue.message}`);
  }
  return parsed.data;
}

export const SeriesKeySchema = lineText()
  .superRefine((text, ctx) => {
    try {
      parseSeriesKey(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  })
  .transform((s) => s as SeriesKey);
