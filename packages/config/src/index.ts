export { loadConfig, loadConfigOrExit, ConfigError, type LedgerConfig, type ApiToken } from './load-config.ts';
