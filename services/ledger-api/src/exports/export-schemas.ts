import { z } from 'zod';
import { RegionCodeSchema } from '@ledger/domain';
import { PointInTimeQuery } from '../request-schemas.ts';

const Flag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((s) => s === 'true' || s === '1');

export const ObservationsCsvQuery = PointInTimeQuery.extend({
  region: RegionCodeSchema.optional(),
  indicator: z.string().min(1, 'must not be empty').max(120).optional(),
  updatedAfter: z.iso.datetime({ error: 'must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z' }).optional(),
  includeHistory: Flag.optional(),
});

export const VintagesCsvQuery = z.strictObject({
  shape: z.enum(['long', 'wide', 'initial'], { error: 'must be long, wide or initial' }).optional(),
  track: z.enum(['result', 'target'], { error: 'must be result or target' }).optional(),
});
