import { createHash } from 'node:crypto';
import { describe, it, expect } from '@jest/globals';
import { loadConfig } from './index.ts';

describe('loadConfig', () => {
  it('has defaults that run the embedded ledger', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      store: 'sqlite',
      logLevel: 'info',
      port: 8080,
      readAccess: 'open',
      apiTokens: [],
      projector: 'inline',
      kafkaBrokers: [],
    });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('selects the production stores', () => {
    const config = loadConfig({
      LEDGER_STORE: 'postgres',
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test',
      KAFKA_BROKERS: '127.0.0.1:19092,127.0.0.1:29092',
    });
    expect(config).toMatchObject({
      store: 'postgres',
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/test',
      kafkaBrokers: ['127.0.0.1:19092', '127.0.0.1:29092'],
    });
  });

  it('has limits for live streams and the HTTP server, each configurable and checked', () => {
    expect(loadConfig({})).toMatchObject({
      sse: { maxStreams: 100, bufferBytes: 1_048_576, heartbeatMs: 15_000 },
      http: {
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 60_000,
        keepAliveTimeoutMs: 5_000,
        maxRequestsPerSocket: 1000,
        maxConnections: 1000,
      },
    });
    expect(loadConfig({ LEDGER_SSE_MAX_STREAMS: '5', LEDGER_MAX_CONNECTIONS: '50' })).toMatchObject({
      sse: { maxStreams: 5 },
      http: { maxConnections: 50 },
    });
    expect(() => loadConfig({ LEDGER_SSE_BUFFER_BYTES: '100', LEDGER_HEADERS_TIMEOUT_MS: 'soon' })).toThrow(
      /LEDGER_SSE_BUFFER_BYTES must be at least 16384.*LEDGER_HEADERS_TIMEOUT_MS must be a number of milliseconds/,
    );
    expect(() => loadConfig({ LEDGER_HEADERS_TIMEOUT_MS: '20000', LEDGER_REQUEST_TIMEOUT_MS: '10000' })).toThrow(
      /LEDGER_HEADERS_TIMEOUT_MS must not exceed LEDGER_REQUEST_TIMEOUT_MS/,
    );
  });

  it('parses tokens with their scopes; an unnamed token is named by a short hash of its secret', () => {
    const config = loadConfig({
      LEDGER_API_TOKENS: 's3cret-writer:write,analyst1=s3cret-reader:read,b64==:write',
      LEDGER_READ_ACCESS: 'token',
    });
    const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 8);
    expect(config.apiTokens).toEqual([
      { name: hash('s3cret-writer'), token: 's3cret-writer', scope: 'write' },
      { name: 'analyst1', token: 's3cret-reader', scope: 'read' },
      { name: hash('b64=='), token: 'b64==', scope: 'write' },
    ]);
    expect(() => loadConfig({ LEDGER_API_TOKENS: 'a=x:write,a=y:read' })).toThrow(/names one token twice/);
    expect(() => loadConfig({ LEDGER_API_TOKENS: 'a=x:admin' })).toThrow(/LEDGER_API_TOKENS must be/);
  });

  it('names each bad variable without echoing secrets', () => {
    expect(() => loadConfig({ LEDGER_STORE: 'oracle', LOG_LEVEL: 'loud', PORT: '99999' })).toThrow(
      /LEDGER_STORE must be "sqlite", "postgres" or "kurrentdb".*LOG_LEVEL.*PORT must be at most 65535/,
    );
    expect(() => loadConfig({ LEDGER_STORE: 'postgres' })).toThrow(/DATABASE_URL is required/);
    expect(() => loadConfig({ LEDGER_STORE: 'kurrentdb', DATABASE_URL: 'postgresql://x@h/db' })).toThrow(
      /EVENTSTORE_CONNECTION_STRING is required/,
    );
    expect(() => loadConfig({ KAFKA_BROKERS: 'localhost' })).toThrow(/KAFKA_BROKERS must be comma-separated host:port/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://secret-password@h' })).toThrow(
      /^(?!.*secret-password).*DATABASE_URL must be a postgres/,
    );
    let message = '';
    try {
      loadConfig({ LEDGER_API_TOKENS: 'hunter2-no-scope' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/LEDGER_API_TOKENS must be a comma-separated list/);
    expect(message).not.toContain('hunter2');
    expect(() => loadConfig({ LEDGER_READ_ACCESS: 'token' })).toThrow(/names no token/);
  });
});
