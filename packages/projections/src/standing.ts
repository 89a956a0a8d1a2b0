import type { Cutoff } from './point-in-time.ts';
import type { ReadModelDb } from './schema.ts';

/** The figures standing at a point in time (recorded by its position, not ended by then, published by its date). */
export function standingFigures(db: ReadModelDb, c: Cutoff) {
  const position = c.position;
  return db
    .selectFrom('figures')
    .$if(position === undefined, (q) => q.where('figures.standing', '=', 'active'))
    .$if(position !== undefined, (q) =>
      q
        .where('figures.position', '<=', position!)
        .where((eb) =>
          eb.or([eb('figures.ended_at_position', 'is', null), eb('figures.ended_at_position', '>', position!)]),
        ),
    )
    .$if(c.publishedBy !== undefined, (q) => q.where('figures.available_from', '<=', c.publishedBy!));
}
