/**
 * `sscop org plan` and `sscop org report`: parses their arguments, runs them, writes their files.
 * The CLI's dispatcher hands `org …` here; exit codes are the CLI's (0 done, 1 the estate below the
 * threshold, 2 usage or configuration error).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { errorMessage, UserError } from '../errors.js';
import { writeOutputFile } from '../output-file.js';
import { jsonDocument } from '../report/json-chunks.js';
import { escapeTerminal } from '../report/escape.js';
import { parseRepositoryList, planOrganisation, type PlanFilters, type Visibility } from './plan.js';
import { runOrgReport } from './report-command.js';
import type { ListingSource } from './repositories.js';

export interface OrgIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
}

export const ORG_HELP = `Organisation-wide scans (see docs/org.md):
  sscop org plan --org NAME --output plan.json [options]
      --include-archived, --include-forks    plan archived repositories and forks too (default: no)
      --visibility public|private|all        private includes internal (default: all)
      --topic T                              only repositories with topic T (repeatable: all must match)
      --name-pattern RE                      only repositories whose name matches RE
      --repos FILE                           only the repositories FILE names (NAME or OWNER/NAME a line)
      --chunk-size N                         matrix entries per chunk, at most 256 (default: 256)
      --source installation|organisation     list an App installation's repositories or the organisation's
                                             (default: installation for ghs_ tokens)
      --token TOKEN                          default: the GITHUB_TOKEN environment variable
  sscop org report DIR|FILES --out DIR [--baseline previous.json] [--threshold N]
      merges per-repository JSON reports into summary.md, estate.json, estate.csv and dashboard.html`;

const PLAN_OPTIONS = {
  org: { type: 'string' },
  'include-archived': { type: 'boolean' },
  'include-forks': { type: 'boolean' },
  visibility: { type: 'string' },
  topic: { type: 'string', multiple: true },
  'name-pattern': { type: 'string' },
  repos: { type: 'string' },
  'chunk-size': { type: 'string' },
  output: { type: 'string', short: 'o' },
  source: { type: 'string' },
  token: { type: 'string' },
} as const;

const REPORT_OPTIONS = {
  baseline: { type: 'string' },
  threshold: { type: 'string' },
  out: { type: 'string' },
} as const;

export async function runOrgCommand(argv: string[], io: OrgIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'plan') return runPlan(rest, io);
  if (sub === 'report')
    return runOrgReport(
      parseOrThrow(() =>
        parseArgs({ args: rest, options: REPORT_OPTIONS, allowPositionals: true, strict: true }),
      ),
      io,
    );
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout(`${ORG_HELP}\n`);
    return 0;
  }
  throw new UserError(`unknown org command "${sub}" (expected plan or report)`);
}

/** What `parse` returns, or a usage error when it refuses the arguments. */
export function parseOrThrow<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UserError(`${errorMessage(error)} (see sscop org --help)`);
  }
}

async function runPlan(argv: string[], io: OrgIO): Promise<number> {
  const { values } = parseOrThrow(() => parseArgs({ args: argv, options: PLAN_OPTIONS, strict: true }));
  const org = values.org;
  if (!org || !/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/.test(org))
    throw new UserError(`--org must name an organisation (letters, digits, hyphens), got "${org ?? ''}"`);
  if (!values.output) throw new UserError('--output FILE is required (where the plan is written)');
  const token = values.token ?? io.env.GITHUB_TOKEN;
  if (!token) throw new UserError('org plan needs a token: set GITHUB_TOKEN or pass --token');
  const plan = await planOrganisation({
    organisation: org,
    token,
    ...(io.env.GITHUB_API_URL ? { apiUrl: io.env.GITHUB_API_URL } : {}),
    ...(values.source !== undefined ? { source: listingSource(values.source) } : {}),
    filters: await planFilters(values, org, io.cwd),
    chunkSize: values['chunk-size'] === undefined ? 256 : Number(values['chunk-size']),
  });
  await writeOutputFile(path.resolve(io.cwd, values.output), jsonDocument(plan));
  const unseen = plan.unseen.length ? `, ${plan.unseen.length} could not be seen` : '';
  io.stderr(
    `sscop: plan written to ${escapeTerminal(values.output)}: ${plan.repositories} repositories in ${plan.chunks.length} chunks${unseen} (${plan.requests} API requests)\n`,
  );
  return 0;
}

async function planFilters(
  values: {
    'include-archived'?: boolean;
    'include-forks'?: boolean;
    visibility?: string;
    topic?: string[];
    'name-pattern'?: string;
    repos?: string;
  },
  org: string,
  cwd: string,
): Promise<PlanFilters> {
  const visibility = (values.visibility ?? 'all') as Visibility;
  if (!['public', 'private', 'all'].includes(visibility))
    throw new UserError(`--visibility must be public, private or all, got "${values.visibility}"`);
  return {
    includeArchived: values['include-archived'] === true,
    includeForks: values['include-forks'] === true,
    visibility,
    topics: values.topic ?? [],
    ...(values['name-pattern'] !== undefined ? { namePattern: namePattern(values['name-pattern']) } : {}),
    ...(values.repos !== undefined ? { only: await readRepositoryList(values.repos, org, cwd) } : {}),
  };
}

function namePattern(source: string): RegExp {
  if (source.length > 200) throw new UserError('--name-pattern is longer than 200 characters');
  try {
    return new RegExp(source, 'u');
  } catch (error) {
    throw new UserError(`--name-pattern is not a regular expression: ${errorMessage(error)}`);
  }
}

function listingSource(value: string): ListingSource {
  if (value === 'installation' || value === 'organisation') return value;
  throw new UserError(`--source must be installation or organisation, got "${value}"`);
}

/** Larger than a list of every repository of the largest estates. */
const MAX_LIST_BYTES = 4 * 1024 * 1024;

async function readRepositoryList(file: string, org: string, cwd: string): Promise<Set<string>> {
  let text: string;
  try {
    const st = await fs.stat(path.resolve(cwd, file));
    if (!st.isFile() || st.size > MAX_LIST_BYTES)
      throw new UserError(`--repos ${file}: expected a regular file under 4 MiB`);
    text = await fs.readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `--repos ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  return parseRepositoryList(text, org, file);
}
