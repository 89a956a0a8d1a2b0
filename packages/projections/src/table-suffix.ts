import {
  IdentifierNode,
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SchemableIdentifierNode,
  type UnknownRow,
} from 'kysely';

class TableSuffixTransformer extends OperationNodeTransformer {
  readonly #suffix: string;
  readonly #tables: ReadonlySet<string>;
  constructor(suffix: string, tables: ReadonlySet<string>) {
    super();
    this.#suffix = suffix;
    this.#tables = tables;
  }
  protected override transformSchemableIdentifier(node: SchemableIdentifierNode): SchemableIdentifierNode {
    const name = node.identifier.name;
    return this.#tables.has(name) ? { ...node, identifier: IdentifierNode.create(`${name}${this.#suffix}`) } : node;
  }
}

/**
 * Points every query at other tables of the same shape (`figures` → `figures_next`), so that the code that writes the
 * read models builds a new version of them beside the ones readers use. Table names in references are renamed too.
 */
export class TableSuffixPlugin implements KyselyPlugin {
  readonly #transformer: TableSuffixTransformer;
  constructor(suffix: string, tables: Iterable<string>) {
    this.#transformer = new TableSuffixTransformer(suffix, new Set(tables));
  }
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node, args.queryId);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
