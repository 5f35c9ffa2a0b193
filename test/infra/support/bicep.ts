import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

/**
 * Bicep read through tree-sitter-bicep (its bundled wasm, so no compiler or network is needed) and turned into the
 * few facts the infra tests check: declarations, module calls with their arguments, and references between symbols.
 * It is a syntax-level reading, not the Bicep compiler: expressions are kept as text unless they are literals.
 */

export const REPO = join(__dirname, '..', '..', '..');
export const INFRA = join(REPO, 'infra');

const require_ = createRequire(__filename);
let parserPromise: Promise<Parser> | undefined;

/** One parser per worker: the wasm is loaded once and shared by every test in the file. */
export function bicepParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const language = await Language.load(require_.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

/** A literal Bicep value as JSON, or an expression kept as its source text. */
export type BicepValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'object'; readonly properties: ReadonlyMap<string, BicepValue>; readonly node: Node }
  | { readonly kind: 'array'; readonly items: readonly BicepValue[] }
  | { readonly kind: 'expression'; readonly text: string; readonly node: Node };

export interface ParamDecl {
  readonly name: string;
  readonly type: string;
  readonly hasDefault: boolean;
  readonly decorators: readonly string[];
  readonly allowed: readonly string[] | undefined;
}

export interface ModuleCall {
  readonly symbol: string;
  readonly path: string;
  readonly conditional: boolean;
  readonly loop: boolean;
  readonly body: ReadonlyMap<string, BicepValue>;
  readonly node: Node;
}

export interface BicepFile {
  readonly path: string;
  readonly text: string;
  readonly tree: Tree;
  readonly errors: readonly string[];
  readonly params: ReadonlyMap<string, ParamDecl>;
  readonly vars: ReadonlyMap<string, BicepValue>;
  readonly modules: readonly ModuleCall[];
  readonly resources: readonly { readonly symbol: string; readonly type: string; readonly node: Node }[];
  /** Output name → its value expression, as source text. */
  readonly outputs: ReadonlyMap<string, string>;
}

function unquote(node: Node): string | undefined {
  if (node.type !== 'string') return undefined;
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  // Multi-line and escaped strings are rare here; the content nodes carry the text.
  return node.namedChildren.map((c) => (c?.type === 'escape_sequence' ? JSON.parse(`"${c.text.replace(/^\\'/, "'")}"`) : c?.text ?? '')).join('');
}

export function valueOf(node: Node): BicepValue {
  switch (node.type) {
    case 'string': {
      const s = unquote(node);
      return s === undefined ? { kind: 'expression', text: node.text, node } : { kind: 'string', value: s };
    }
    case 'number':
      return { kind: 'int', value: Number(node.text) };
    case 'boolean':
      return { kind: 'bool', value: node.text === 'true' };
    case 'object': {
      const properties = new Map<string, BicepValue>();
      for (const p of node.namedChildren) {
        if (p?.type !== 'object_property') continue;
        const [key, value] = p.namedChildren;
        if (!key || !value) continue;
        properties.set(key.type === 'string' ? unquote(key) ?? key.text : key.text, valueOf(value));
      }
      return { kind: 'object', properties, node };
    }
    case 'array':
      return { kind: 'array', items: node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment').map(valueOf) };
    default:
      return { kind: 'expression', text: node.text, node };
  }
}

function collectErrors(node: Node, into: string[]): void {
  if (node.isError || node.isMissing) into.push(`${node.isMissing ? 'missing' : 'unexpected'} ${node.type} at ${node.startPosition.row + 1}:${node.startPosition.column + 1}`);
  for (const child of node.children) if (child) collectErrors(child, into);
}

function decoratorsBefore(node: Node): string[] {
  const prev = node.previousNamedSibling;
  if (prev?.type !== 'decorators') return [];
  return prev.namedChildren.map((d) => d?.text ?? '');
}

/** The object a module/resource declaration assigns: directly, under `if (...)`, or in a `for` body. */
function bodyOf(decl: Node): { body: Node | undefined; conditional: boolean; loop: boolean } {
  const last = decl.namedChildren[decl.namedChildren.length - 1];
  if (!last) return { body: undefined, conditional: false, loop: false };
  if (last.type === 'object') return { body: last, conditional: false, loop: false };
  if (last.type === 'if_statement') return { body: last.namedChildren.find((c) => c?.type === 'object') ?? undefined, conditional: true, loop: false };
  if (last.type === 'for_statement') {
    const inner = last.namedChildren[last.namedChildren.length - 1];
    if (inner?.type === 'object') return { body: inner, conditional: false, loop: true };
    if (inner?.type === 'if_statement') return { body: inner.namedChildren.find((c) => c?.type === 'object') ?? undefined, conditional: true, loop: true };
  }
  return { body: undefined, conditional: false, loop: false };
}

export function readBicep(parser: Parser, path: string, text: string): BicepFile {
  const tree = parser.parse(text);
  if (!tree) throw new Error(`tree-sitter returned no tree for ${path}`);
  const errors: string[] = [];
  collectErrors(tree.rootNode, errors);
  const params = new Map<string, ParamDecl>();
  const vars = new Map<string, BicepValue>();
  const modules: ModuleCall[] = [];
  const resources: { symbol: string; type: string; node: Node }[] = [];
  const outputs = new Map<string, string>();
  for (const decl of tree.rootNode.namedChildren) {
    if (!decl) continue;
    const [id, second] = decl.namedChildren;
    if (!id) continue;
    switch (decl.type) {
      case 'parameter_declaration': {
        const decorators = decoratorsBefore(decl);
        const allowedDecorator = decl.previousNamedSibling?.type === 'decorators'
          ? decl.previousNamedSibling.descendantsOfType('call_expression').find((c) => c?.childForFieldName('function')?.text === 'allowed')
          : undefined;
        const allowedArray = allowedDecorator?.descendantsOfType('array')[0];
        const allowed = allowedArray ? valueOf(allowedArray) : undefined;
        params.set(id.text, {
          name: id.text,
          type: second?.text ?? '',
          hasDefault: decl.namedChildren.length > 2,
          decorators,
          allowed: allowed?.kind === 'array' ? allowed.items.map((i) => (i.kind === 'string' ? i.value : JSON.stringify(i))) : undefined,
        });
        break;
      }
      case 'variable_declaration':
        if (second) vars.set(id.text, valueOf(decl.namedChildren[decl.namedChildren.length - 1]!));
        break;
      case 'module_declaration': {
        const { body, conditional, loop } = bodyOf(decl);
        const v = body ? valueOf(body) : undefined;
        modules.push({ symbol: id.text, path: second ? unquote(second) ?? second.text : '', conditional, loop, body: v?.kind === 'object' ? v.properties : new Map(), node: decl });
        break;
      }
      case 'resource_declaration':
        resources.push({ symbol: id.text, type: second ? unquote(second) ?? '' : '', node: decl });
        break;
      case 'output_declaration':
        outputs.set(id.text, decl.namedChildren[decl.namedChildren.length - 1]?.text ?? '');
        break;
      default:
        break;
    }
  }
  return { path, text, tree, errors, params, vars, modules, resources, outputs };
}

/** Every .bicep file under infra/, keyed by its path relative to infra/ (e.g. `app/functionApp.bicep`). */
export function bicepSources(root = INFRA): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.bicep')) continue;
    files.set(relative(root, join(root, entry)).split('\\').join('/'), readFileSync(join(root, entry), 'utf8'));
  }
  return files;
}

export async function readInfra(sources = bicepSources()): Promise<Map<string, BicepFile>> {
  const parser = await bicepParser();
  return new Map([...sources].map(([path, text]) => [path, readBicep(parser, path, text)]));
}

/** Symbols `<symbol>.outputs.<name>` a node's subtree reads, as [symbol, output] pairs. */
export function outputReads(node: Node): [string, string][] {
  const reads: [string, string][] = [];
  for (const m of node.descendantsOfType('member_expression')) {
    const inner = m?.childForFieldName('object');
    if (inner?.type !== 'member_expression') continue;
    const symbol = inner.childForFieldName('object');
    if (symbol?.type === 'identifier' && inner.childForFieldName('property')?.text === 'outputs') {
      reads.push([symbol.text, m!.childForFieldName('property')?.text ?? '']);
    }
  }
  return reads;
}

/** Identifiers a node's subtree mentions (symbols it depends on, in Bicep's implicit-dependency sense). */
export function identifiersIn(node: Node): Set<string> {
  return new Set(node.descendantsOfType('identifier').map((n) => n?.text ?? ''));
}
