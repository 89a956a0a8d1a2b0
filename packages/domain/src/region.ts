import { z } from 'zod';
import { resolveRegion } from './region-catalog.ts';
import { lineText } from './text.ts';

/** Administrative division code, GB/T 2260: six digits. */
export const RegionCodeSchema = lineText().regex(/^\d{6}$/, 'must be a six-digit GB/T 2260 code such as "370112"');
export type RegionCode = z.infer<typeof RegionCodeSchema>;

/** The code of the one region a name denotes (历城区, 历城, 济南市), or undefined when none or several do. */
export function regionCodeForName(name: string, options: { within?: string } = {}): RegionCode | undefined {
  const found = resolveRegion(name, options);
  return found.length === 1 ? found[0]!.code : undefined;
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
