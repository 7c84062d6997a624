/**
 * How attacker-controlled text reaches a script under another name: a `strategy.matrix` axis
 * filled from the event (`matrix.target` ← `fromJSON(github.event.comment.body)`), and the inputs
 * a caller hands to a local reusable workflow or composite action (`inputs.title` ←
 * `github.event.issue.title`). For script-injection, which follows these names into `run:`.
 */
import { contextRefs, type ContextRef } from '../evidence/ci-steps.js';
import { findExpressions } from '../evidence/expressions.js';
import { attackerControlled } from '../evidence/untrusted-contexts.js';
import type { Job, Located, Workflow } from '../evidence/workflows.js';

/** Attacker text carried by a name: what it reads, and where that is written. */
export interface Carried {
  /** The context the attacker fills (`github.event.comment.body`). */
  source: ContextRef;
  /** The value that hands it on (the matrix value, the `with:` entry), in `file`. */
  at: Located;
  file: Workflow;
}

/** Any axis: a whole matrix, or a whole `include:` list, is filled at once. */
const ANY = '*';

/** The attacker text in a located value, if any. */
function attackerTextIn(wf: Workflow, value: Located): ContextRef | undefined {
  for (const expr of findExpressions(wf, value)) {
    const source = attackerControlled(contextRefs(expr.expression));
    if (source) return source;
  }
  return undefined;
}

/** The matrix axes of a job that carry attacker text (`*` for every axis). */
export function matrixCarriers(wf: Workflow, job: Job): ReadonlyMap<string, Carried> {
  const out = new Map<string, Carried>();
  for (const { axis, value } of job.matrixExpressions ?? []) {
    const source = attackerTextIn(wf, value);
    const key = axis?.toLowerCase() ?? ANY;
    if (source && !out.has(key)) out.set(key, { source, at: value, file: wf });
  }
  return out;
}

/** The `with:` inputs a caller fills with attacker text, by lower-case input name. */
export function inputCarriers(
  wf: Workflow,
  inputs: ReadonlyMap<string, Located>,
): ReadonlyMap<string, Carried> {
  const out = new Map<string, Carried>();
  for (const [name, value] of inputs) {
    const source = attackerTextIn(wf, value);
    if (source) out.set(name.toLowerCase(), { source, at: value, file: wf });
  }
  return out;
}

/**
 * The carried attacker text an expression reads through `matrix.<axis>` or `inputs.<name>`
 * (`toJSON(matrix)` reads every axis), with the name it reads it by.
 */
export function carriedIn(
  refs: readonly ContextRef[],
  context: 'matrix' | 'inputs',
  carriers: ReadonlyMap<string, Carried>,
): { name: string; carried: Carried } | undefined {
  if (carriers.size === 0) return undefined;
  for (const ref of refs) {
    const [head, name] = ref.path.split('.');
    if (head !== context) continue;
    const carried =
      name === undefined || name === '*'
        ? ref.serialized
          ? carriers.values().next().value
          : undefined
        : (carriers.get(name) ?? carriers.get(ANY));
    if (carried) return { name: name && name !== '*' ? `${context}.${name}` : context, carried };
  }
  return undefined;
}
