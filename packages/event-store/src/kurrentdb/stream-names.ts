import { InvalidEventError } from '../errors.ts';
import type { NewEvent } from '../types.ts';

/** Streams the adapter keeps beside the ledger's own; ledger streams may not take these names. */
const INDEX_PREFIX = 'ledger-index-';

/** System streams ("$…") belong to KurrentDB, the index streams to the adapter: neither holds ledger events. */
const isReservedStream = (stream: string): boolean => stream.startsWith('$') || stream.startsWith(INDEX_PREFIX);

/** Throws for names KurrentDB or the adapter keep for themselves (readAll leaves "$" event types out, as system events). */
export function rejectReservedNames(stream: string, events: readonly NewEvent[]): void {
  if (isReservedStream(stream))
    throw new InvalidEventError(
      'stream',
      `is reserved: "$" starts system streams, "${INDEX_PREFIX}" the ledger's indexes`,
    );
  const i = events.findIndex((event) => event.type.startsWith('$'));
  if (i >= 0)
    throw new InvalidEventError(`events.${i}.type`, 'must not start with "$": KurrentDB keeps it for system events');
}

export interface StreamNames {
  /** Revision r holds the entry of ledger position r + 1 (see position-index.ts). */
  positionIndex: string;
  /** Holds one record once `eventId` is stored: the exact, unwindowed duplicate check. */
  eventIdClaim(eventId: string): string;
  /** The KurrentDB stream that holds a ledger stream. */
  native(stream: string): string;
  /** The ledger stream a KurrentDB stream holds, or undefined for other namespaces, index and system streams. */
  ledgerStream(nativeStream: string): string | undefined;
}

/**
 * Stream names under `namespace`, a prefix that lets several ledgers (e.g. one per test) share a database.
 * The namespace is part of every KurrentDB stream name, never of the ledger's.
 */
export function streamNames(namespace: string): StreamNames {
  return {
    positionIndex: `${namespace}${INDEX_PREFIX}positions`,
    eventIdClaim: (eventId) => `${namespace}${INDEX_PREFIX}event-${eventId}`,
    native: (stream) => `${namespace}${stream}`,
    ledgerStream: (nativeStream) => {
      if (!nativeStream.startsWith(namespace)) return undefined;
      const stream = nativeStream.slice(namespace.length);
      return stream === '' || isReservedStream(stream) ? undefined : stream;
    },
  };
}
