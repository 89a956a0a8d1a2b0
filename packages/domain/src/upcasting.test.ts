import { describe, it, expect } from '@jest/globals';
import { createUpcasterRegistry, ledgerUpcasters } from './upcasting.ts';

const registry = createUpcasterRegistry({
  Renamed: {
    current: 3,
    upcasters: {
      1: ({ name, ...rest }) => ({ ...rest, title: name }),
      2: (data) => ({ ...data, tags: [] }),
    },
  },
  Stable: { current: 1 },
});

describe('upcaster registry', () => {
  it('upcasts step by step from the stored version to the current one', () => {
    expect(registry.upcastData('Renamed', { schemaVersion: 1, name: 'a' })).toEqual({
      schemaVersion: 3,
      title: 'a',
      tags: [],
    });
    expect(registry.upcastData('Renamed', { schemaVersion: 2, title: 'b' })).toEqual({
      schemaVersion: 3,
      title: 'b',
      tags: [],
    });
  });

  it('returns current data, and data of types it does not know, as they are', () => {
    const current = { schemaVersion: 3, title: 'c', tags: ['x'] };
    expect(registry.upcastData('Renamed', current)).toBe(current);
    const stable = { schemaVersion: 1 };
    expect(registry.upcastData('Stable', stable)).toBe(stable);
    const other = { anything: true };
    expect(registry.upcastData('NotALedgerEvent', other)).toBe(other);
  });

  it('refuses a version it cannot know, naming the type and the field', () => {
    expect(() => registry.upcastData('Renamed', { schemaVersion: 4 })).toThrow(
      'Renamed: data.schemaVersion 4 is not a version this reader knows (1 to 3)',
    );
    expect(() => registry.upcastData('Stable', {})).toThrow(/Stable: data\.schemaVersion undefined/);
    expect(() => registry.upcastData('Stable', { schemaVersion: '1' })).toThrow(/data\.schemaVersion "1"/);
  });

  it('refuses to be created with a missing step', () => {
    expect(() => createUpcasterRegistry({ Gap: { current: 3, upcasters: { 1: (d) => d } } })).toThrow(
      'Gap: no upcaster from version 2 to 3',
    );
    expect(() => createUpcasterRegistry({ Zero: { current: 0 } })).toThrow(/current version must be 1 or more/);
  });

  it("knows every ledger event type at its schema's version", () => {
    const reported = { schemaVersion: 1, figureId: 'f' };
    expect(ledgerUpcasters.upcastData('FigureReported', reported)).toBe(reported);
    expect(() => ledgerUpcasters.upcastData('DocumentRegistered', { schemaVersion: 2 })).toThrow(/1 to 1/);
  });
});
