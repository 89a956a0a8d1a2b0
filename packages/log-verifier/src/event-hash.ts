import { createHash } from 'node:crypto';

/** The fields of an event as GET /v1/events returns it that its chain hash covers. */
export interface ChainedEvent {
  eventId: string;
  type: string;
  stream: string;
  revision: number;
  position: number;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

/**
 * The ledger's chain hash, restated here so that a verifier needs none of the server's code:
 * sha256(prevHash ‖ "\n" ‖ JSON of the event's content with object keys sorted at every depth), in hex.
 */
export function chainHashOf(event: ChainedEvent): string {
  const { eventId, type, stream, revision, position, data, metadata, recordedAt } = event;
  const content = sortedJson({ eventId, type, stream, revision, position, data, metadata, recordedAt });
  return createHash('sha256').update(`${event.prevHash}\n${content}`).digest('hex');
}

function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}
