/** Why no candidate could provide the service; the suite reports it instead of running. */
export interface Unavailable {
  skipReason: string;
}

/** One way of getting a service for tests, tried in order by `firstAvailable`. */
export interface Candidate<T> {
  /** Names the candidate in the reason given when nothing is available. */
  name: string;
  /** Resolves to the service, or rejects saying why this candidate cannot provide it. */
  provide(): Promise<T>;
}

/**
 * The first candidate that provides `service`. When none does, CI fails loudly (a silently skipped suite
 * would pass there), while a developer machine without the service gets a skip reason.
 */
export async function firstAvailable<T>(
  service: string,
  candidates: readonly Candidate<T>[],
): Promise<T | Unavailable> {
  const reasons: string[] = [];
  for (const candidate of candidates) {
    try {
      return await candidate.provide();
    } catch (error) {
      reasons.push(`${candidate.name}: ${(error as Error).message}`);
    }
  }
  const summary = reasons.join('; ');
  if (process.env.CI === 'true') throw new Error(`${service} is required in CI: ${summary}`);
  return { skipReason: `${service} is not available (${summary})` };
}

export const isUnavailable = <T extends object>(found: T | Unavailable): found is Unavailable => 'skipReason' in found;

/** A service the tests only use, so stopping it does nothing; `stop` is there for the ones they start. */
export const notOurs = async () => {};

/**
 * The address in the first of `variables` that is set. Used as given: a wrong address should fail the tests
 * rather than fall back to another candidate.
 */
export function fromEnvironment<T>(variables: readonly string[], serve: (address: string) => T): Candidate<T> {
  return {
    name: variables.join(' / '),
    provide: async () => {
      const address = variables.map((name) => process.env[name]).find(Boolean);
      if (!address) throw new Error('not set');
      return serve(address);
    },
  };
}

/** A throwaway container, when a Docker engine answers. */
export function fromContainer<T>(image: string, start: () => Promise<T>): Candidate<T> {
  return {
    name: `testcontainers (${image})`,
    provide: async () => {
      // Loaded only when needed: importing testcontainers costs a few hundred milliseconds.
      const { getContainerRuntimeClient } = await import('testcontainers');
      await getContainerRuntimeClient();
      return start();
    },
  };
}
