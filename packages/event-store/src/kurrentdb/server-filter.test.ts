import { describe, it, expect } from '@jest/globals';
import { serverFilter } from './server-filter.ts';

describe('serverFilter', () => {
  it('narrows by namespaced stream prefix when the read has one', () => {
    expect(serverFilter('ns/', { streamPrefixes: ['series-', 'doc-'], eventTypes: ['A'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['ns/series-', 'ns/doc-'],
    });
  });

  it('keeps to the namespace otherwise', () => {
    expect(serverFilter('ns/', { eventTypes: ['A'] })).toMatchObject({ filterOn: 'streamName', prefixes: ['ns/'] });
  });

  it('without a namespace, narrows by event type, else excludes system events', () => {
    expect(serverFilter('', { eventTypes: ['Reported'] })).toMatchObject({
      filterOn: 'eventType',
      prefixes: ['Reported'],
    });
    expect(serverFilter('', {})).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    expect(serverFilter('')).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
  });
});
