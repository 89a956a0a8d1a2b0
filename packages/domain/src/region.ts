import { z } from 'zod';
import { lineText } from './text.ts';

/** Administrative division code, GB/T 2260: six digits. */
export const RegionCodeSchema = lineText().regex(/^\d{6}$/, 'must be a six-digit GB/T 2260 code such as "370112"');
export type RegionCode = z.infer<typeof RegionCodeSchema>;

export const KNOWN_REGIONS: Readonly<Record<string, string>> = {
  '370000': '山东省',
  '370100': '济南市',
  '370112': '历城区',
  '370113': '长清区',
};

const CODE_BY_NAME = new Map(Object.entries(KNOWN_REGIONS).map(([code, name]) => [name, code]));

export function regionCodeForName(name: string): RegionCode | undefined {
  return CODE_BY_NAME.get(name);
}

/** Who a figure is about: a region, or an entity (a company, park or facility) located in a region. */
export const SubjectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('region'), code: RegionCodeSchema }),
  z.object({
    type: z.literal('entity'),
    name: lineText()
      .min(1, 'must not be empty')
      .max(100)
      .regex(/^[^:\s]+$/, 'must not contain ":" or spaces'),
    regionCode: RegionCodeSchema,
  }),
]);
export type Subject = z.infer<typeof SubjectSchema>;
