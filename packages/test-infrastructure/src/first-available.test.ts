import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { firstAvailable, fromEnvironment, type Candidate } from './first-available.ts';

const ready = (name: string): Candidate<string> => ({ name, provide: async () => name });
const missing = (name: string, why: string): Candidate<string> => ({
  name,
  provide: async () => {
    throw new Error(why);
  },
});

describe('firstAvailable', () => {
  const ci = process.env.CI;
  beforeEach(() => {
    delete process.env.CI;
  });
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  });

  it('returns the first candidate that provides the service, without trying later ones', async () => {
    let triedLast = false;
    const last: Candidate<string> = { name: 'last', provide: async () => ((triedLast = true), 'last') };
    expect(await firstAvailable('Thing', [missing('a', 'down'), ready('b'), last])).toBe('b');
    expect(triedLast).toBe(false);
  });

  it('gives a skip reason naming every candidate when none is available', async () => {
    expect(await firstAvailable('Thing', [missing('a', 'not set'), missing('b', 'refused')])).toEqual({
      skipReason: 'Thing is not available (a: not set; b: refused)',
    });
  });

  it('fails in CI instead of skipping', async () => {
    process.env.CI = 'true';
    await expect(firstAvailable('Thing', [missing('a', 'refused')])).rejects.toThrow(
      'Thing is required in CI: a: refused',
    );
  });
});

describe('fromEnvironment', () => {
  const saved = { A: process.env.LEDGER_TEST_A, B: process.env.LEDGER_TEST_B };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[`LEDGER_TEST_${name}`];
      else process.env[`LEDGER_TEST_${name}`] = value;
    }
  });

  it('serves the address of the first variable that is set', async () => {
    process.env.LEDGER_TEST_B = 'b:1';
    const candidate = fromEnvironment(['LEDGER_TEST_A', 'LEDGER_TEST_B'], (address) => `at ${address}`);
    expect(candidate.name).toBe('LEDGER_TEST_A / LEDGER_TEST_B');
    expect(await candidate.provide()).toBe('at b:1');
    process.env.LEDGER_TEST_A = 'a:1';
    expect(await candidate.provide()).toBe('at a:1');
  });

  it('is unavailable when none is set, so the next candidate is tried', async () => {
    delete process.env.LEDGER_TEST_A;
    delete process.env.LEDGER_TEST_B;
    expect(
      await firstAvailable('Thing', [fromEnvironment(['LEDGER_TEST_A', 'LEDGER_TEST_B'], String), ready('local')]),
    ).toBe('local');
  });
});
