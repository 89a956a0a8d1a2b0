/** A command the domain refuses, with the field at fault where there is one. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: 'not-found' | 'conflict' | 'invalid';
  readonly field: string | undefined;
  constructor(code: DomainError['code'], message: string, field?: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

export interface FieldProblem {
  field: string;
  problem: string;
}

/** Input that fails its schema; every problem names its field ("citations.0.quote"). */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field || '(root)'}: ${p.problem}`).join('; '));
    this.problems = problems;
  }
}
