/**
 * A fast path for the YAML files read with positions (workflows and action metadata,
 * dependabot.yml, Compose files, the config file): js-yaml's event parser (about nine times faster
 * than `yaml` on the 2,000 workflows of the large benchmark, and with no cold start of `yaml`'s own
 * parser for a small file) builds the same `yaml` nodes, with the same source ranges, that
 * `yaml.parseDocument` would, so their readers read both alike.
 *
 * It takes plain YAML only — block and flow collections, plain, quoted and block scalars — and
 * returns undefined for anything else (anchors, aliases, tags, merge keys, `|+` chomping, complex
 * or empty keys, several documents, directives, syntax errors, and a repeated key where keys must
 * be unique), which then goes to `yaml`, whose messages the reports quote. Differential tests hold
 * it to `yaml` over every YAML fixture, with each reader's options.
 */
import {
  CHOMPING_MODE,
  COLLECTION_STYLE,
  EVENT_ID,
  getScalarValue,
  parseEvents,
  SCALAR_STYLE,
  type Event,
  type ScalarEvent,
} from 'js-yaml';
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

class Unsupported extends Error {}

interface Open {
  node: YAMLMap | YAMLSeq;
  /** A mapping's key waiting for its value. */
  key?: Scalar;
  /** A mapping's key values so far, where keys must be unique. */
  keys?: Set<unknown>;
}

export function parseDocumentFast(
  text: string,
  { uniqueKeys = true }: { uniqueKeys?: boolean } = {},
): Document | undefined {
  // A lone carriage return is a line break to YAML; the two parsers need not agree on it.
  if (/\r(?!\n)/.test(text)) return undefined;
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: 100 });
  } catch {
    return undefined; // a syntax error: `yaml` says what it is
  }
  try {
    return build(text, events, uniqueKeys);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function build(text: string, events: Event[], uniqueKeys: boolean): Document {
  const doc = new Document();
  let documents = 0;
  let root: Node | null | undefined;
  const stack: Open[] = [];
  /** End of the last scalar read (a key's end locates the value after it). */
  let lastEnd = 0;

  const attach = (node: Node): void => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      if (root !== undefined) throw new Unsupported('two roots');
      root = node;
      return;
    }
    if (parent.node instanceof YAMLSeq) {
      parent.node.items.push(node);
    } else if (parent.key === undefined) {
      if (!(node instanceof Scalar) || node.value === null) throw new Unsupported('complex or empty key');
      if (node.source === '<<') throw new Unsupported('merge key');
      // YAML bounds an implicit key to 1024 characters; `yaml` reports a longer one as an error.
      if (node.range![1] - node.range![0] > 1000) throw new Unsupported('long key');
      // `yaml` reports a key equal to an earlier one in its mapping, unless told keys need not be
      // unique. A set, not a search of the pairs, so a hostile mapping costs no more than its size
      // (it also takes two `.nan` keys for one, which `yaml` does not: declining is always safe).
      if (uniqueKeys) {
        parent.keys ??= new Set();
        if (parent.keys.has(node.value)) throw new Unsupported('duplicate key');
        parent.keys.add(node.value);
      }
      parent.key = node;
    } else {
      parent.node.items.push(new Pair(parent.key, node));
      parent.key = undefined;
    }
  };

  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        if (++documents > 1 || event.directives.length) throw new Unsupported('documents');
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        if (event.anchorStart >= 0 || event.tagStart >= 0) throw new Unsupported('anchor or tag');
        const node = event.type === EVENT_ID.MAPPING ? new YAMLMap() : new YAMLSeq();
        node.range = [event.start, event.start, event.start];
        node.flow = event.style === COLLECTION_STYLE.FLOW;
        stack.push({ node });
        break;
      }
      case EVENT_ID.POP: {
        const open = stack.pop();
        if (!open) break; // the document's end
        if (open.key !== undefined) throw new Unsupported('key without value');
        const end = open.node.flow ? flowEnd(text, open.node) : blockEnd(open.node);
        open.node.range = [open.node.range![0], end, end];
        attach(open.node);
        break;
      }
      case EVENT_ID.SCALAR: {
        const scalar = readScalar(text, event, stack[stack.length - 1], lastEnd);
        lastEnd = scalar.range![1];
        attach(scalar);
        break;
      }
      default:
        throw new Unsupported('alias');
    }
  }
  if (stack.length) throw new Unsupported('unclosed');
  doc.contents = root ?? null;
  return doc;
}

function readScalar(text: string, event: ScalarEvent, parent: Open | undefined, lastEnd: number): Scalar {
  if (event.anchorStart >= 0 || event.tagStart >= 0) throw new Unsupported('anchor or tag');
  if (event.valueStart < 0) {
    // An empty value: `yaml` places it after the `:` and the blanks that follow.
    if (!parent || parent.node instanceof YAMLSeq || parent.key === undefined) {
      throw new Unsupported('empty item');
    }
    let at = lastEnd;
    while (text[at] === ' ' || text[at] === '\t') at++;
    if (text[at] !== ':') throw new Unsupported('empty value away from its key');
    at++;
    while (text[at] === ' ' || text[at] === '\t') at++;
    const empty = new Scalar(null);
    empty.range = [at, at, at];
    return empty;
  }
  const raw = getScalarValue(text, event);
  let start = event.valueStart;
  let end = event.valueEnd;
  let value: unknown = raw;
  switch (event.style) {
    case SCALAR_STYLE.PLAIN:
      value = resolvePlain(raw);
      break;
    case SCALAR_STYLE.SINGLE_QUOTED:
    case SCALAR_STYLE.DOUBLE_QUOTED:
      // `yaml` counts the quotes in the range.
      start -= 1;
      end += 1;
      break;
    default: {
      if (event.chomping === CHOMPING_MODE.KEEP) throw new Unsupported('keep chomping');
      // `yaml` starts a block scalar at its `|` or `>` and ends it after its last non-blank line.
      const headerEnd = start - 1;
      const lineStart = text.lastIndexOf('\n', headerEnd - 1) + 1;
      const from = Math.max(lineStart, lastEnd);
      const pipe = text.indexOf('|', from);
      const fold = text.indexOf('>', from);
      const indicator = event.style === SCALAR_STYLE.LITERAL_BLOCK ? pipe : fold;
      if (indicator < 0 || indicator >= headerEnd || text[headerEnd] !== '\n') {
        throw new Unsupported('block header');
      }
      start = indicator;
      let last = end;
      while (last > event.valueStart && /[\s]/.test(text[last - 1]!)) last--;
      end = text[last] === '\n' ? last + 1 : text[last] === '\r' && text[last + 1] === '\n' ? last + 2 : last;
    }
  }
  const scalar = new Scalar(value);
  if (event.style === SCALAR_STYLE.PLAIN) scalar.source = raw;
  scalar.range = [start, end, end];
  return scalar;
}

/** YAML 1.2 core schema, as `yaml` resolves untagged plain scalars. */
function resolvePlain(s: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(s)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(s)) return false;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(s)) return NaN;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(s)) return parseFloat(s);
  return s;
}

/** A block collection ends where its last item does (the model uses only where collections start). */
function blockEnd(node: YAMLMap | YAMLSeq): number {
  const last = node.items[node.items.length - 1];
  const item = (last instanceof Pair ? last.value : last) as Node | undefined;
  return item?.range?.[1] ?? node.range![0];
}

/** A flow collection ends after its closing bracket. */
function flowEnd(text: string, node: YAMLMap | YAMLSeq): number {
  const close = node instanceof YAMLMap ? '}' : ']';
  let at = blockEnd(node);
  if (at === node.range![0]) at++;
  while (at < text.length) {
    const c = text[at]!;
    if (c === close) return at + 1;
    if (c === '#') {
      const nl = text.indexOf('\n', at);
      at = nl < 0 ? text.length : nl;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',') at++;
    else throw new Unsupported('flow collection end');
  }
  throw new Unsupported('flow collection end');
}
