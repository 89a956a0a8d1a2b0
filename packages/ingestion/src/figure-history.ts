import { isExtractorRecorded, type Citation, type EventData, type LedgerEvent } from '@ledger/domain';

type FigureData = EventData<'FigureReported'> | EventData<'FigureCorrected'>;

/** One figure and the line of corrections it belongs to. */
export interface FigureHistoryEntry {
  data: FigureData;
  standing: 'active' | 'superseded' | 'retracted';
  chain: FigureChain;
}

/** A reported figure and every correction and retraction of it: whose it is, and which document it came from. */
export interface FigureChain {
  documentId: string;
  /** A person reported, corrected or retracted some figure of the chain (or provenance is unknown): hands off. */
  person: boolean;
  figures: FigureHistoryEntry[];
}

export interface FigureHistory {
  byId: Map<string, FigureHistoryEntry>;
  chains: FigureChain[];
}

export const emptyFigureHistory = (): FigureHistory => ({ byId: new Map(), chains: [] });

/** Folds one figure event, with its metadata, into the history; other events are ignored. */
export function foldFigureHistory(
  history: FigureHistory,
  event: LedgerEvent,
  metadata: Readonly<Record<string, unknown>>,
): void {
  const machine = isExtractorRecorded(metadata);
  const startChain = (citations: Citation[]): FigureChain => {
    const chain = { documentId: citations[0]!.documentId, person: false, figures: [] };
    history.chains.push(chain);
    return chain;
  };
  const add = (data: FigureData, chain: FigureChain) => {
    const entry: FigureHistoryEntry = { data, standing: 'active', chain };
    chain.figures.push(entry);
    if (!machine) chain.person = true;
    history.byId.set(data.figureId, entry);
  };
  switch (event.type) {
    case 'FigureReported':
      add(event.data, startChain(event.data.citations));
      break;
    case 'FigureCorrected': {
      const corrected = history.byId.get(event.data.supersedes);
      if (corrected) corrected.standing = 'superseded';
      add(event.data, corrected?.chain ?? startChain(event.data.citations));
      break;
    }
    case 'FigureRetracted': {
      const retracted = history.byId.get(event.data.figureId);
      if (!retracted) break;
      retracted.standing = 'retracted';
      if (!machine) retracted.chain.person = true;
      break;
    }
  }
}
