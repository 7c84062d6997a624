/**
 * Docker Compose files (`compose.yaml`, `docker-compose.yml`, `docker-compose.<env>.yml`…): the
 * images each service pulls, with where each is written. Parsed once per scan within the compose
 * parse budget, anchors and merge keys followed (Compose files use them for shared service fields).
 */
import type { EvidenceContext } from './context.js';
import { LineIndex } from './line-index.js';
import { splitPath } from './locate.js';
import { BUDGETS, parseYamlDocument, recordOverBudget } from './parse-budget.js';
import { isFixtureOrVendored } from './test-material.js';
import { NodeReader } from './workflow-reader.js';
import type { Located } from './workflows.js';

/** Compose's own file names, and the `docker-compose.<env>.yml` / `compose.override.yaml` variants. */
const COMPOSE_NAME = /^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$/i;

export function isComposePath(path: string): boolean {
  return COMPOSE_NAME.test(splitPath(path).name) && !isFixtureOrVendored(path);
}

/** One service's pulled image. */
export interface ComposeImage {
  service: string;
  image: Located;
}

export interface ComposeFile {
  path: string;
  images: ComposeImage[];
  /** Set when the file could not be read as YAML (or was over its budget). */
  error?: { message: string; line: number };
}

/** Every Compose file of the checkout, parsed once per scan. */
export function parseComposeFiles(ctx: EvidenceContext): ComposeFile[] {
  return ctx.memo('compose-files', () => {
    const out: ComposeFile[] = [];
    // Only a file some check declared a need for has a text: no need to look through every path.
    for (const path of ctx.files.needed()) {
      if (!isComposePath(path)) continue;
      const text = ctx.files.text(path);
      if (text !== undefined) out.push(parseCompose(ctx, path, text));
    }
    return out;
  });
}

/** Parses one Compose file; never throws. */
export function parseCompose(ctx: EvidenceContext, path: string, text: string): ComposeFile {
  const parsed = parseYamlDocument(text, BUDGETS.compose, { merge: true, uniqueKeys: false, fast: true });
  if (!parsed.ok) {
    recordOverBudget(ctx, path, parsed.overBudget);
    return { path, images: [], error: { message: parsed.overBudget.message, line: parsed.overBudget.line } };
  }
  const doc = parsed.value;
  const lines = LineIndex.of(text, 'lf');
  const err = doc.errors[0];
  if (err) {
    const message = err.message.split('\n')[0] ?? 'invalid YAML';
    return { path, images: [], error: { message, line: lines.positionAt(err.pos[0]).line } };
  }
  const reader = new NodeReader(doc, lines);
  const root = reader.map(doc.contents);
  const services = root ? reader.map(reader.get(root, 'services')) : undefined;
  const images: ComposeImage[] = [];
  for (const pair of services ? reader.pairs(services) : []) {
    const service = reader.keyString(pair.key);
    const body = reader.map(pair.value);
    if (service === undefined || !body) continue;
    // With `build:`, `image:` names what is built, not what is pulled.
    if (reader.get(body, 'build') !== undefined) continue;
    const image = reader.through(pair.value, () => reader.located(reader.get(body, 'image')));
    if (image && image.value.trim()) images.push({ service, image });
  }
  return { path, images };
}
