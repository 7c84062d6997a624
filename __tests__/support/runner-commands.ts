/**
 * Whether the Actions runner would act on a log line (stdout or stderr of a step), as its
 * ActionCommand parser decides: `::name …::` after leading blanks, or the legacy `##[name …]`
 * anywhere in the line. Only registered command names count; they are matched case-insensitively.
 */
const COMMANDS = [
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning',
];

export function isRunnerCommand(line: string): boolean {
  const trimmed = line.trimStart();
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2);
    if (end >= 0 && isCommandName(trimmed.slice(2, end))) return true;
  }
  const legacy = line.indexOf('##[');
  if (legacy >= 0) {
    const end = line.indexOf(']', legacy);
    if (end >= 0 && isCommandName(line.slice(legacy + 3, end))) return true;
  }
  return false;
}

function isCommandName(info: string): boolean {
  const space = info.indexOf(' ');
  return COMMANDS.includes((space < 0 ? info : info.slice(0, space)).toLowerCase());
}
