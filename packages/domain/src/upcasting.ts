import { EVENT_SCHEMAS } from './events.ts';

/** Turns an event's data of one schema version into the next; the registry sets the new schemaVersion itself. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export interface EventTypeVersions {
  /** The schema version events of this type are written with now. */
  current: number;
  /** `upcasters[v]` turns version v into v + 1, for every v from 1 below `current`. */
  upcasters?: Readonly<Record<number, Upcaster>>;
}

/** Maps an event type and its data's `schemaVersion` to the current shape of that type. */
export interface UpcasterRegistry {
  /**
   * The data in the current shape of its type. Current data and types the registry does not know come back as they
   * are (the same object); a version newer than the current one, or none, is an error: this reader cannot know it.
   */
  upcastData(type: string, data: Record<string, unknown>): Record<string, unknown>;
}

export function createUpcasterRegistry(types: Readonly<Record<string, EventTypeVersions>>): UpcasterRegistry {
  for (const [type, { current, upcasters = {} }] of Object.entries(types)) {
    if (!Number.isInteger(current) || current < 1) throw new RangeError(`${type}: current version must be 1 or more`);
    for (let version = 1; version < current; version++)
      if (!upcasters[version]) throw new RangeError(`${type}: no upcaster from version ${version} to ${version + 1}`);
  }
  return {
    upcastData(type, data) {
      const versions = Object.hasOwn(types, type) ? types[type] : undefined;
      if (!versions) return data;
      const stored = data.schemaVersion;
      if (typeof stored !== 'number' || !Number.isInteger(stored) || stored < 1 || stored > versions.current)
        throw new RangeError(
          `${type}: data.schemaVersion ${JSON.stringify(stored)} is not a version this reader knows (1 to ${versions.current})`,
        );
      let upcast = data;
      for (let version = stored; version < versions.current; version++)
        upcast = { ...versions.upcasters![version]!(upcast), schemaVersion: version + 1 };
      return upcast;
    },
  };
}

/** The ledger's event types at the versions of their schemas (EVENT_SCHEMAS); upcasters join here as versions grow. */
export const ledgerUpcasters = createUpcasterRegistry(
  Object.fromEntries(
    Object.entries(EVENT_SCHEMAS).map(([type, schema]) => [type, { current: schema.shape.schemaVersion.value }]),
  ),
);
