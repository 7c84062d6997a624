/**
 * dependency-update-tool: Dependabot version updates or Renovate configured, and covering every
 * package ecosystem the repository actually uses (github-actions included when it has workflows).
 */
import type { CheckOutcome, Evidence, Finding, Location } from '../model/types.js';
import { detectEcosystems, type Ecosystem } from '../evidence/ecosystems.js';
import {
  BUDGETS,
  parseYamlDocument,
  readJsonFile,
  recordOverBudget,
  type OverBudget,
} from '../evidence/parse-budget.js';
import type { Document } from 'yaml';
import { findingAt, type CheckContext, type FileCheck } from './check.js';
import { notApplicable, unknown } from './outcome.js';
import { LineIndex } from '../evidence/line-index.js';
import { isRecord } from '../model/json.js';
import { errorFirstLine } from '../errors.js';

const ID = 'dependency-update-tool';

const DEPENDABOT_PATHS = ['.github/dependabot.yml', '.github/dependabot.yaml'];
const RENOVATE_PATHS = [
  'renovate.json',
  'renovate.json5',
  '.github/renovate.json',
  '.github/renovate.json5',
  '.gitlab/renovate.json',
  '.gitlab/renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  '.renovaterc.json5',
];

/** Dependabot ecosystem names that cover one of ours under another name. */
const DEPENDABOT_ALIASES: Record<string, Ecosystem> = { uv: 'pip', bun: 'npm', 'docker-compose': 'docker' };

/** Renovate manager names mapped onto ecosystems (used only when `enabledManagers` narrows the default). */
const RENOVATE_MANAGERS: Record<string, Ecosystem> = {
  npm: 'npm',
  bun: 'npm',
  gomod: 'gomod',
  cargo: 'cargo',
  pip_requirements: 'pip',
  pip_setup: 'pip',
  'pip-compile': 'pip',
  pipenv: 'pip',
  poetry: 'pip',
  pep621: 'pip',
  pep723: 'pip',
  'setup-cfg': 'pip',
  bundler: 'bundler',
  composer: 'composer',
  nuget: 'nuget',
  maven: 'maven',
  'maven-wrapper': 'maven',
  gradle: 'gradle',
  'gradle-wrapper': 'gradle',
  dockerfile: 'docker',
  'docker-compose': 'docker',
  'github-actions': 'github-actions',
  terraform: 'terraform',
  mix: 'mix',
  pub: 'pub',
  swift: 'swift',
};

interface ToolConfig {
  tool: 'Dependabot' | 'Renovate';
  path: string;
  /** Ecosystems covered; `all` when the tool covers everything by default. */
  covers: Set<Ecosystem> | 'all';
  problem?: Finding;
  /** Settings of a working configuration that weaken it (rules `dependabot-execution`, `dependabot-cooldown`). */
  hardening?: Finding[];
  /** Over its parse budget: not read, so neither working nor broken. */
  overBudget?: OverBudget;
  evidence: Evidence[];
}

export const dependencyUpdateTool: FileCheck = {
  id: ID,
  source: 'files',
  needs: (path) =>
    DEPENDABOT_PATHS.includes(path) || RENOVATE_PATHS.includes(path) || path === 'package.json'
      ? 'text'
      : undefined,
  run: (ctx) => {
    const { files } = ctx;
    const used = detectEcosystems(files.paths);
    const configs: ToolConfig[] = [];
    for (const path of DEPENDABOT_PATHS) {
      const text = files.text(path);
      if (text === undefined) continue;
      const config = readDependabot(path, text);
      if (config.overBudget) recordOverBudget(ctx, path, config.overBudget);
      configs.push(config);
    }
    for (const path of RENOVATE_PATHS) {
      const config = readRenovate(ctx, path);
      if (config) configs.push(config);
    }
    const fromPkg = readRenovateInPackageJson(ctx);
    if (fromPkg) configs.push(fromPkg);
    return judge(used, configs);
  },
};

function judge(used: Map<Ecosystem, string[]>, configs: ToolConfig[]): CheckOutcome {
  const evidence = configs.flatMap((c) => c.evidence);
  const problems = configs.flatMap((c) => (c.problem ? [c.problem] : []));
  const working = configs.filter((c) => !c.problem && !c.overBudget);
  const unread = configs.filter((c) => c.overBudget);
  if (working.length === 0 && unread.length > 0) {
    const paths = unread.map((c) => c.path).join(', ');
    return unknown(
      `Not observed: ${paths} could not be parsed within its budget.`,
      {
        reason: `${paths} over the parse budget`,
        howToObserve: 'split or simplify the file so it can be parsed',
      },
      { findings: problems, evidence: [...evidence, ...usedEvidence(used)] },
    );
  }
  if (used.size === 0 && configs.length === 0) {
    return notApplicable('No package manifests or workflows: there are no dependencies to update.');
  }
  if (working.length === 0) {
    return {
      status: 'fail',
      summary: configs.length
        ? 'The dependency update configuration cannot be used (see findings).'
        : 'Neither Dependabot nor Renovate is configured.',
      findings: problems.length
        ? problems
        : [
            findingAt(ID, undefined, {
              severity: 'medium',
              message: `No automated dependency updates for ${[...used.keys()].join(', ')}.`,
            }),
          ],
      evidence: [...evidence, ...usedEvidence(used)],
    };
  }

  const missing: Ecosystem[] = [];
  for (const eco of used.keys()) {
    if (!working.some((c) => c.covers === 'all' || c.covers.has(eco))) missing.push(eco);
  }
  const hardening = working.flatMap((c) => c.hardening ?? []);
  const findings = [...problems, ...hardening];
  const primary = working[0]!;
  for (const eco of missing) {
    const examples = used.get(eco) ?? [];
    findings.push(
      findingAt(
        ID,
        { path: primary.path, line: 1 },
        {
          severity: 'medium',
          message: `${primary.tool} does not cover the ${eco} ecosystem used by ${examples.slice(0, 3).join(', ')}.`,
          remediation:
            primary.tool === 'Dependabot'
              ? `Add an entry with \`package-ecosystem: "${eco}"\` to updates: in ${primary.path}.`
              : `Add the ${eco} manager to enabledManagers in ${primary.path}, or remove enabledManagers.`,
        },
      ),
    );
  }
  const tools = [...new Set(working.map((c) => c.tool))].join(' and ');
  // A missing cooldown is advice; letting package managers run the updates' code is a weakness.
  const weakened = hardening.some((f) => f.rule === 'dependabot-execution');
  return {
    status: missing.length || weakened ? 'partial' : 'pass',
    summary: missing.length
      ? `${tools} configured, but not for ${missing.join(', ')}.`
      : `${tools} covers every ecosystem in use (${[...used.keys()].join(', ') || 'none detected'}).`,
    findings,
    evidence: [...evidence, ...usedEvidence(used)],
  };
}

function usedEvidence(used: Map<Ecosystem, string[]>): Evidence[] {
  return [...used].map(([eco, paths]) => ({ summary: `uses ${eco}`, path: paths[0] }));
}

function readDependabot(path: string, text: string): ToolConfig {
  const base: ToolConfig = { tool: 'Dependabot', path, covers: new Set(), evidence: [] };
  const parsed = parseYamlDocument(text, BUDGETS.dependabot, { fast: true });
  if (!parsed.ok) return overBudgetConfig(base, parsed.overBudget);
  const doc = parsed.value;
  const err = doc.errors[0];
  if (err) {
    return unusableConfig(
      base,
      { path, ...LineIndex.of(text, 'lf').positionAt(err.pos[0]) },
      `${path} is not valid YAML, so Dependabot ignores it: ${errorFirstLine(err)}`,
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return unusableConfig(base, { path, line: 1 }, `${path} cannot be read: ${String(error)}`);
  }
  const updates = isRecord(data) && Array.isArray(data.updates) ? data.updates : undefined;
  if (!updates || updates.length === 0) {
    return unusableConfig(
      base,
      { path, line: 1 },
      `${path} has no \`updates:\` entries, so Dependabot updates nothing.`,
    );
  }
  const covers = new Set<Ecosystem>();
  const hardening: Finding[] = [];
  const lines = LineIndex.of(text, 'lf');
  updates.forEach((u, i) => {
    if (!isRecord(u) || typeof u['package-ecosystem'] !== 'string') return;
    const name = u['package-ecosystem'];
    const eco = Object.hasOwn(DEPENDABOT_ALIASES, name) ? DEPENDABOT_ALIASES[name]! : (name as Ecosystem);
    covers.add(eco);
    const node = doc.getIn(['updates', i, 'package-ecosystem'], true) as
      { range?: [number, number, number] } | undefined;
    const line = node?.range ? lines.lineAt(node.range[0]) : undefined;
    base.evidence.push({ summary: `Dependabot updates ${name}`, path, line });
    hardening.push(
      ...updateHardening(u, name, (key) => positionIn(doc, lines, path, ['updates', i, ...key])),
    );
  });
  return { ...base, covers, hardening };
}

/** Shorter than this, a cooldown lets a release that was malicious on its first day in. */
const COOLDOWN_DAYS = 7;

/**
 * Findings on one `updates:` entry: `insecure-external-code-execution: allow` (the package
 * manager runs code from the updated packages while Dependabot resolves them, with its
 * credentials) and a missing or short `cooldown:`.
 */
function updateHardening(
  entry: Record<string, unknown>,
  name: string,
  at: (key: Array<string | number>) => Location,
): Finding[] {
  const out: Finding[] = [];
  if (entry['insecure-external-code-execution'] === 'allow') {
    out.push({
      ...findingAt(ID, at(['insecure-external-code-execution']), {
        severity: 'high',
        message: `Dependabot's ${name} updates allow insecure external code execution: the package manager runs code from the packages it updates, with the registry credentials Dependabot holds.`,
        remediation:
          'Remove `insecure-external-code-execution: allow` (or set it to deny); if updates need private registries, declare them under `registries:`.',
      }),
      rule: 'dependabot-execution',
      confidence: 'high',
    });
  }
  const cooldown = isRecord(entry.cooldown) ? entry.cooldown : undefined;
  const days = cooldown?.['default-days'];
  if (!cooldown || (typeof days === 'number' && days < COOLDOWN_DAYS)) {
    out.push({
      ...findingAt(ID, at(cooldown ? ['cooldown', 'default-days'] : ['package-ecosystem']), {
        severity: 'low',
        message: cooldown
          ? `Dependabot's ${name} updates wait ${String(days)} day${days === 1 ? '' : 's'} after a release; ${COOLDOWN_DAYS} days lets most malicious releases be caught and pulled first.`
          : `Dependabot's ${name} updates have no cooldown: a release that is malicious on its first day is proposed the same day.`,
        remediation: `Add \`cooldown: { default-days: ${COOLDOWN_DAYS} }\` to the entry (security updates are not delayed).`,
      }),
      rule: 'dependabot-cooldown',
      confidence: 'high',
    });
  }
  return out;
}

/** Where a value of the document stands (the file's first line when it cannot be found). */
function positionIn(doc: Document, lines: LineIndex, path: string, key: Array<string | number>): Location {
  const node = doc.getIn(key, true) as { range?: [number, number, number] } | undefined;
  if (!node?.range) return { path, line: 1 };
  return { path, ...lines.positionAt(node.range[0]) };
}

/** A configuration the tool cannot use (it does not parse, or configures nothing): reported where it fails. */
function unusableConfig(base: ToolConfig, where: Location, message: string): ToolConfig {
  return { ...base, problem: findingAt(ID, where, { severity: 'medium', message }) };
}

/** A configuration over its parse budget: reported, and counted neither as working nor as broken. */
function overBudgetConfig(base: ToolConfig, over: OverBudget): ToolConfig {
  const { path, tool } = base;
  return {
    ...base,
    overBudget: over,
    problem: findingAt(
      ID,
      { path, line: over.line },
      {
        severity: 'medium',
        message: `${path} was not read as a ${tool} configuration: ${over.message}.`,
        remediation: 'Split or simplify the file; real configurations are a few kilobytes.',
      },
    ),
  };
}

function readRenovate(ctx: CheckContext, path: string): ToolConfig | undefined {
  const parsed = readJsonFile(ctx, path, BUDGETS.toolJson);
  if (!parsed) return undefined;
  const base: ToolConfig = {
    tool: 'Renovate',
    path,
    covers: 'all',
    evidence: [{ summary: 'Renovate configuration', path, line: 1 }],
  };
  if (parsed.ok) return { ...base, covers: renovateCoverage(parsed.value) };
  if ('overBudget' in parsed) return overBudgetConfig(base, parsed.overBudget);
  if (path.endsWith('.json5')) return base; // JSON5 syntax; Renovate's defaults cover every manager
  return unusableConfig(base, { path, line: 1 }, `${path} is not valid JSON.`);
}

function readRenovateInPackageJson(ctx: CheckContext): ToolConfig | undefined {
  const parsed = readJsonFile(ctx, 'package.json', BUDGETS.manifestJson);
  if (!parsed?.ok || !isRecord(parsed.value) || !isRecord(parsed.value.renovate)) return undefined;
  return {
    tool: 'Renovate',
    path: 'package.json',
    covers: renovateCoverage(parsed.value.renovate),
    evidence: [{ summary: 'Renovate configuration in package.json', path: 'package.json' }],
  };
}

function renovateCoverage(config: unknown): Set<Ecosystem> | 'all' {
  if (!isRecord(config) || !Array.isArray(config.enabledManagers)) return 'all';
  const covers = new Set<Ecosystem>();
  for (const m of config.enabledManagers) {
    const eco =
      typeof m === 'string' && Object.hasOwn(RENOVATE_MANAGERS, m) ? RENOVATE_MANAGERS[m] : undefined;
    if (eco) covers.add(eco);
  }
  return covers;
}
