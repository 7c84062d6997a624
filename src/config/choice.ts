/**
 * Which config a scan applies, and what a config it does not apply would have changed.
 *
 * A pull request can edit `.github/sscop.yml`. If its own config were applied, it could loosen the
 * gate that judges it: a failing check's `weight: 0`, `enabled: false`, a lower `severity`, an
 * `exclude` over the files behind a finding, claims marked `not-applicable` or `attested`, a lower
 * `threshold`. So on a pull request the action applies the base branch's config (trusted: it went
 * through review) and treats the checkout's config as a proposal — assessed for its effect and
 * shown, never applied.
 */
import type { Config } from './config.js';

/** The config a scan applies instead of the checkout's (the action's base-branch config on a pull request). */
export interface TrustedConfig {
  /** Its text; undefined when the trusted revision has no config file (the defaults apply). */
  text?: string;
  /** Where it came from, as people read it: e.g. `.github/sscop.yml on the base branch (1a2b3c4)`. */
  label: string;
}

/** What the report says about the configuration. */
export interface ConfigReport {
  /** The config applied, e.g. `.github/sscop.yml`, `.github/sscop.yml on the base branch (1a2b3c4)`, `defaults`. */
  applied: string;
  /** The checkout's config, when it differs from the one applied: a proposal, not applied. */
  proposed?: ProposedConfig;
}

export interface ProposedConfig {
  path: string;
  /** The score and gate the proposal would give (absent when it could not be assessed). */
  score?: number;
  passed?: boolean;
  /** True when applying it would raise the score or turn a failing gate into a passing one. */
  loosens?: boolean;
  /** The top-level keys it changes. */
  changes: string[];
  /** Why it could not be assessed (it is invalid or unreadable). */
  error?: string;
  /** Changes whose effect is not in `score` (an `exclude` change alters which files are read). */
  notAssessed: string[];
}

const KEYS = [
  'threshold',
  'fail-on',
  'exclude',
  'checks',
  'attestations',
  'not-applicable',
  'ignore',
  'min-confidence',
] as const;

/** The top-level keys whose values differ between two configs. */
export function changedKeys(from: Config, to: Config): string[] {
  return KEYS.filter((key) => JSON.stringify(from[key] ?? null) !== JSON.stringify(to[key] ?? null));
}

/** How a proposal compares with the applied verdict. */
export function describeProposal(
  path: string,
  applied: { score: number; passed: boolean; config: Config },
  proposed: { score: number; passed: boolean; config: Config },
): ProposedConfig {
  const changes = changedKeys(applied.config, proposed.config);
  return {
    path,
    score: proposed.score,
    passed: proposed.passed,
    loosens: proposed.score > applied.score || (proposed.passed && !applied.passed),
    changes,
    notAssessed: changes.includes('exclude')
      ? ['exclude (it changes which files are read; the score shown keeps the applied exclusions)']
      : [],
  };
}

/** One line for people: which config was applied, and what the proposal would do. */
export function configSentences(config: ConfigReport): string[] {
  const out = [`Configuration applied: ${config.applied}.`];
  const p = config.proposed;
  if (!p) return out;
  if (p.error !== undefined) {
    out.push(`This change proposes a new ${p.path}, not applied: it could not be assessed (${p.error}).`);
    return out;
  }
  const effect = p.loosens
    ? `it would loosen the gate (score ${p.score}/100, ${p.passed ? 'passed' : 'failed'})`
    : `score ${p.score}/100, ${p.passed ? 'passed' : 'failed'}`;
  out.push(
    `This change proposes a new ${p.path} (changes: ${p.changes.join(', ') || 'none'}), not applied until it is merged: ${effect}.` +
      (p.notAssessed.length ? ` Not reflected: ${p.notAssessed.join('; ')}.` : ''),
  );
  return out;
}
