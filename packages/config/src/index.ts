export { loadConfig, ConfigError, type LedgerConfig, type ApiToken } from './load-config.ts';
