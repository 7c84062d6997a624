/**
 * Commands that scan dependencies against vulnerability databases, recognised by their command
 * word and subcommand (after the wrappers command-words.ts peels): `snyk test`, `npm audit`,
 * `go run golang.org/x/vuln/cmd/govulncheck@latest`, never a word inside another command's line.
 */
import { commandBase, operands, runCandidates } from '../evidence/command-words.js';

type Matcher = (argv: readonly string[]) => boolean;

const always: Matcher = () => true;
const sub =
  (...subcommands: string[]): Matcher =>
  (argv) =>
    subcommands.includes(operands(argv)[0] ?? '');

/** Each scanner: the name reports use, and its command words with what makes them a scan. */
const SCANNERS: ReadonlyArray<{ name: string; commands: Record<string, Matcher> }> = [
  {
    name: 'npm audit',
    commands: {
      npm: sub('audit'),
      pnpm: sub('audit'),
      bun: sub('audit'),
      yarn: (argv) => {
        const [first, second] = operands(argv);
        return first === 'audit' || (first === 'npm' && second === 'audit');
      },
      'audit-ci': always,
      'better-npm-audit': always,
    },
  },
  { name: 'pip-audit', commands: { 'pip-audit': always } },
  { name: 'Safety', commands: { safety: sub('check', 'scan') } },
  { name: 'OSV-Scanner', commands: { 'osv-scanner': always } },
  {
    name: 'Trivy',
    // Trivy's scanning subcommands (a list in one string: one of them is also a check's id).
    commands: { trivy: sub(...'fs filesystem repo repository image sbom rootfs'.split(' ')) },
  },
  { name: 'Grype', commands: { grype: always } },
  { name: 'Snyk', commands: { snyk: sub('test', 'monitor') } },
  { name: 'govulncheck', commands: { govulncheck: always } },
  {
    name: 'cargo audit',
    commands: {
      cargo: (argv) => {
        const [first, ...rest] = operands(argv).filter((o) => !o.startsWith('+'));
        return first === 'audit' || (first === 'deny' && rest.includes('check'));
      },
      'cargo-audit': always,
      'cargo-deny': (argv) => operands(argv).includes('check'),
    },
  },
  {
    name: 'bundler-audit',
    commands: { 'bundler-audit': always, 'bundle-audit': always, bundle: sub('audit') },
  },
  { name: 'composer audit', commands: { composer: sub('audit') } },
  {
    name: 'dotnet vulnerable packages',
    commands: { dotnet: (argv) => operands(argv)[0] === 'list' && argv.includes('--vulnerable') },
  },
  {
    name: 'OWASP Dependency-Check',
    commands: {
      'dependency-check': always,
      'dependency-check.sh': always,
      mvn: (argv) =>
        argv.some((a) =>
          /^(?:org\.owasp:)?dependency-check(?:-maven)?(?::[\w.-]+)?:(?:check|aggregate)$/.test(a),
        ),
      gradle: (argv) => argv.includes('dependencyCheckAnalyze') || argv.includes('dependencyCheckAggregate'),
    },
  },
];

/** The scanner the command runs (at any wrapper peeled, or inside a container run), if any. */
export function scannerOf(words: readonly string[]): string | undefined {
  for (const argv of runCandidates(words)) {
    let name = commandBase(argv[0]);
    if (name === 'mvnw') name = 'mvn';
    if (name === 'gradlew') name = 'gradle';
    // Own keys only: a command word from the repository (`constructor`) must not reach Object's.
    const scanner = SCANNERS.find((s) => Object.hasOwn(s.commands, name) && s.commands[name]!(argv) === true);
    if (scanner) return scanner.name;
  }
  return undefined;
}
