/**
 * What the workflow checks that hold several rules share: a hit of one rule (its id, severity,
 * confidence, place, message and fix), its state in the walk, and one judge that turns hits into
 * an outcome, so each such check reads alike and each rule is its own SARIF rule.
 */
import { PRIVILEGED_EVENTS } from '../evidence/triggers.js';
import type {
  CheckOutcome,
  Confidence,
  Finding,
  Location,
  RelatedLocation,
  Severity,
} from '../model/types.js';
import type { Job, Located, Workflow } from '../evidence/workflows.js';
import { EvidenceList, findingAt, moreOf } from './check.js';
import { notApplicable } from './outcome.js';

/** One rule's finding before it is built. */
export interface RuleHit {
  rule: string;
  severity: Severity;
  confidence: Confidence;
  at: Location;
  message: string;
  remediation: string;
  related?: RelatedLocation[];
  /**
   * What else tells two hits at one place apart: a job id where a value reused by alias is judged
   * per job (a shared `runs-on:` anchor), unset where one report per place is enough.
   */
  scope?: string;
}

/** What a rule check's walk gathers: the files met, the hits, and the places already reported. */
export interface RuleState {
  files: number;
  unparsed: number;
  hits: RuleHit[];
  /** rule:path:line:column of each hit, so a step reused through a YAML alias is reported once. */
  seen: Set<string>;
  /** The privileged triggers of the workflow being walked (see `enterWorkflow`). */
  privileged: string[];
}

export function ruleState(): RuleState {
  return { files: 0, unparsed: 0, hits: [], seen: new Set(), privileged: [] };
}

/** The `workflow` hook rule checks share: count the file and note its privileged triggers. */
export function enterWorkflow(state: RuleState, wf: Workflow): void {
  state.files++;
  state.privileged = privilegedTriggers(wf);
}

/** Records a hit unless the same rule already fired at the same place. */
export function addHit(state: RuleState, hit: RuleHit): void {
  const key = `${hit.rule}:${hit.at.path}:${hit.at.line ?? ''}:${hit.at.column ?? ''}:${hit.scope ?? ''}`;
  if (state.seen.has(key)) return;
  state.seen.add(key);
  state.hits.push(hit);
}

/** The privileged triggers a workflow runs on (none for action metadata). */
export function privilegedTriggers(wf: Workflow): string[] {
  return wf.kind === 'workflow' ? PRIVILEGED_EVENTS.filter((t) => wf.triggers.has(t)) : [];
}

/** Where the workflow names each of `triggers`, as related locations saying why it matters. */
export function triggerNotes(wf: Workflow, triggers: readonly string[], note: string): RelatedLocation[] {
  return triggers.flatMap((t) => {
    const at = wf.triggers.get(t);
    return at ? [{ path: wf.path, line: at.line, column: at.column, note: `the ${t} trigger: ${note}` }] : [];
  });
}

/** A located value's span as a finding location. */
export function spanOf(wf: Workflow, value: Located): Location {
  const { line, column, endLine, endColumn } = value.pos;
  return { path: wf.path, line, column, endLine, endColumn };
}

/** Every value of a job and its steps that can hold an expression, with what it is. */
export function* jobValues(job: Job): Generator<Located> {
  if (job.if) yield job.if;
  yield* job.env.values();
  yield* job.with.values();
  yield* job.secrets.values();
  for (const step of job.steps) {
    if (step.if) yield step.if;
    if (step.run) yield step.run;
    yield* step.with.values();
    yield* step.env.values();
  }
}

/** How a rule check words its outcome. */
export interface RuleCheckText {
  /** When there is nothing to judge. */
  none: string;
  /** The pass summary, given how many files were read. */
  clean: (files: number) => string;
  /** The fail or partial summary, given how many findings. */
  found: (count: number) => string;
}

/**
 * The outcome of a rule check: fail when a finding of medium severity or above is at least of
 * medium confidence, partial when every finding is low severity or low confidence, pass without
 * findings; each hit becomes a finding carrying its rule and confidence.
 */
export function judgeRuleHits(checkId: string, state: RuleState, text: RuleCheckText): CheckOutcome {
  if (state.files + state.unparsed === 0) return notApplicable(text.none);
  const findings: Finding[] = state.hits.map((h) => ({
    ...findingAt(checkId, h.at, {
      severity: h.severity,
      message: h.message,
      remediation: h.remediation,
      related: h.related,
    }),
    rule: h.rule,
    confidence: h.confidence,
  }));
  const listed = new EvidenceList();
  for (const h of state.hits) {
    listed.add(() => ({ summary: `${h.rule}: ${h.at.path}`, path: h.at.path, line: h.at.line }));
  }
  const evidence = [
    ...listed.entries((n) => `${moreOf(n, 'finding', 'findings')} not listed here (each is a finding)`),
    {
      summary:
        `${state.files} workflow file${state.files === 1 ? '' : 's'} read` +
        (state.unparsed ? `; ${state.unparsed} could not be parsed and were not judged` : ''),
    },
  ];
  if (findings.length === 0) return { status: 'pass', summary: text.clean(state.files), findings, evidence };
  const serious = state.hits.some(
    (h) => ['critical', 'high', 'medium'].includes(h.severity) && h.confidence !== 'low',
  );
  return { status: serious ? 'fail' : 'partial', summary: text.found(findings.length), findings, evidence };
}
