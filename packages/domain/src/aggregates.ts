import type { Command } from './commands.ts';
import { unreachable } from './decider.ts';
import { documentAggregate, type DocumentCommand } from './document-decider.ts';
import { seriesAggregate } from './series-decider.ts';

/** Which aggregate decides a command: a document's registration, or a figure of a series. */
export function isDocumentCommand(command: Command): command is DocumentCommand {
  const { type } = command;
  switch (type) {
    case 'RegisterDocument':
      return true;
    case 'ReportFigure':
    case 'CorrectFigure':
    case 'RetractFigure':
      return false;
    default:
      return unreachable(type, 'command');
  }
}

/** The stream a command is decided against. */
export const streamOf = (command: Command): string =>
  isDocumentCommand(command) ? documentAggregate.streamOf(command) : seriesAggregate.streamOf(command);
