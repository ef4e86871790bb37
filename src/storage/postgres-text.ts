import { OperationNodeTransformer, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type PrimitiveValueListNode, type QueryResult, type RootOperationNode, type UnknownRow, type ValueNode } from 'kysely';

// PostgreSQL text cannot hold U+0000: a parameter with one fails the whole statement ("invalid
// byte sequence for encoding UTF8: 0x00"), where SQLite stores and compares it. User input reaches
// queries in slugs, search words and form fields, so "/topic/%00/" would answer 500 instead of
// 404. The character is replaced by U+FFFD (the replacement character) in every parameter: it
// matches nothing that is stored, and stored text keeps a visible mark where it was.
const NUL = /\u0000/g;
const REPLACEMENT = '\uFFFD';

const withoutNul = (value: unknown): unknown => (typeof value === 'string' && value.includes('\u0000') ? value.replace(NUL, REPLACEMENT) : value);

class NulFreeParameters extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const value = withoutNul(node.value);
    return value === node.value ? super.transformValue(node) : { ...node, value };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...node, values: node.values.map(withoutNul) };
  }
}

/** The Kysely plugin that keeps U+0000 out of every PostgreSQL query parameter. */
export function nulFreeParameters(): KyselyPlugin {
  const transformer = new NulFreeParameters();
  return {
    transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => transformer.transformNode(args.node),
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => args.result,
  };
}
