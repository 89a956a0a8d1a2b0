import { logLevel, type logCreator } from 'kafkajs';

/** What the relay needs of a logger; a pino logger is one. */
export interface RelayLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * kafkajs logs through the relay's logger. Its errors are logged as warnings: kafkajs reports every retriable failure
 * (a broker that is down) as an error, and the relay retries those itself, logging what it could not get done.
 */
export const kafkaLogCreator =
  (logger: RelayLogger): logCreator =>
  () =>
  ({ namespace, level, log }) => {
    const { message, timestamp: _timestamp, ...fields } = log;
    const entry = { kafkajs: namespace, ...fields };
    if (level <= logLevel.WARN) logger.warn(entry, message);
    else if (level === logLevel.INFO) logger.info(entry, message);
    else logger.debug(entry, message);
  };

/** KAFKA_BROKERS: comma-separated bootstrap addresses. */
export const parseBrokers = (text: string): string[] =>
  text
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address.length > 0);
