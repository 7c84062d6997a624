/**
 * Dates and periods as support policies write them: "2027-03-31", "31 March 2027", "March 2027",
 * "Q1 2027", "end of 2027", and relative statements such as "supported for 18 months after
 * release" or "at least 12 months' notice". Pure: "today" is always an argument.
 *
 * The patterns run on untrusted text: every quantifier is bounded and none is nested.
 */

export type DatePrecision = 'day' | 'month' | 'quarter' | 'year';

/** A date found in text. A month, quarter or year stands for its whole period, start to end. */
export interface FoundDate {
  text: string;
  index: number;
  precision: DatePrecision;
  /** First day of the period (UTC midnight). */
  start: Date;
  /** Last day of the period (UTC midnight): the date an end of support written this way falls on. */
  end: Date;
}

/** A table's names as regular-expression alternatives, longest first so "September" is not read as "Sep". */
function alternation(names: Record<string, number>): string {
  return Object.keys(names)
    .sort((a, b) => b.length - a.length)
    .join('|');
}

const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const MONTH = alternation(MONTHS);
const ORDINAL = '(?:st|nd|rd|th)?';
const QUARTERS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, last: 4 };

/** Years outside this range are not support dates (they are version numbers, ports or typos). */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

interface DatePattern {
  pattern: RegExp;
  read(m: RegExpExecArray): { year: number; month?: number; day?: number; quarter?: number } | undefined;
}

// In order of precedence: a longer, more precise form wins over a shorter one at the same place.
const DATE_PATTERNS: DatePattern[] = [
  {
    pattern: /\b(\d{4})([-/.])(\d{1,2})\2(\d{1,2})\b/g,
    read: (m) => ({ year: Number(m[1]), month: Number(m[3]), day: Number(m[4]) }),
  },
  {
    pattern: new RegExp(`\\b(\\d{1,2})${ORDINAL} (?:of )?(${MONTH})\\.?,? (\\d{4})\\b`, 'gi'),
    read: (m) => ({ year: Number(m[3]), month: MONTHS[m[2]!.toLowerCase()], day: Number(m[1]) }),
  },
  {
    pattern: new RegExp(`\\b(${MONTH})\\.? (\\d{1,2})${ORDINAL},? (\\d{4})\\b`, 'gi'),
    read: (m) => ({ year: Number(m[3]), month: MONTHS[m[1]!.toLowerCase()], day: Number(m[2]) }),
  },
  {
    // Numeric day/month/year is ambiguous between UK and US order; only read it when one part settles it.
    pattern: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g,
    read: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (a > 12 && b <= 12) return { year: Number(m[3]), month: b, day: a };
      if (b > 12 && a <= 12) return { year: Number(m[3]), month: a, day: b };
      if (a === b) return { year: Number(m[3]), month: a, day: b };
      return undefined;
    },
  },
  {
    pattern: new RegExp(`\\b(${MONTH})\\.?,? (\\d{4})\\b`, 'gi'),
    read: (m) => ({ year: Number(m[2]), month: MONTHS[m[1]!.toLowerCase()] }),
  },
  {
    pattern: /\b(\d{4})-(\d{2})\b(?![-/.]\d)/g,
    read: (m) => ({ year: Number(m[1]), month: Number(m[2]) }),
  },
  {
    pattern: /\bQ([1-4]) ?(?:of )?(\d{4})\b/gi,
    read: (m) => ({ year: Number(m[2]), quarter: Number(m[1]) }),
  },
  {
    pattern: /\b(\d{4})[ -]?Q([1-4])\b/gi,
    read: (m) => ({ year: Number(m[1]), quarter: Number(m[2]) }),
  },
  {
    pattern: /\b(first|second|third|fourth|last) quarter (?:of )?(\d{4})\b/gi,
    read: (m) => ({ year: Number(m[2]), quarter: QUARTERS[m[1]!.toLowerCase()] }),
  },
  {
    // A bare year is a date only after words that make it one ("end of 2027", "until 2027").
    pattern: /\b(?:end of|until|through|till|before) (?:the )?(?:year )?(\d{4})\b(?![-/.]\d)/gi,
    read: (m) => ({ year: Number(m[1]) }),
  },
];

/** Every date in `text`, in order of position; invalid dates ("31 February 2027") are left out. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  const taken: Array<[number, number]> = [];
  const overlaps = (start: number, end: number): boolean => taken.some(([s, e]) => start < e && end > s);
  for (const { pattern, read } of DATE_PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(start, end)) continue;
      const parts = read(m);
      const date = parts && toFoundDate(m[0], start, parts);
      if (!date) continue;
      found.push(date);
      taken.push([start, end]);
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Reads `text` as exactly one date, or undefined. */
export function parseDate(text: string): FoundDate | undefined {
  const trimmed = text.trim();
  const [first] = findDates(trimmed);
  return first && first.index === 0 && first.text.length === trimmed.length ? first : undefined;
}

function toFoundDate(
  text: string,
  index: number,
  { year, month, day, quarter }: { year: number; month?: number; day?: number; quarter?: number },
): FoundDate | undefined {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return undefined;
  if (quarter !== undefined) {
    const startMonth = (quarter - 1) * 3 + 1;
    return {
      text,
      index,
      precision: 'quarter',
      start: utc(year, startMonth, 1),
      end: lastDayOf(year, startMonth + 2),
    };
  }
  if (month === undefined)
    return { text, index, precision: 'year', start: utc(year, 1, 1), end: utc(year, 12, 31) };
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (day === undefined)
    return { text, index, precision: 'month', start: utc(year, month, 1), end: lastDayOf(year, month) };
  if (!Number.isInteger(day) || day < 1 || day > lastDayOf(year, month).getUTCDate()) return undefined;
  const date = utc(year, month, day);
  return { text, index, precision: 'day', start: date, end: date };
}

function utc(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

function lastDayOf(year: number, month: number): Date {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/** Formats a date as YYYY-MM-DD. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export type DurationUnit = 'hour' | 'day' | 'week' | 'month' | 'year';

export interface Duration {
  text: string;
  index: number;
  amount: number;
  unit: DurationUnit;
  /** Length in days (a month counts as a twelfth of a year), to two decimals. */
  days: number;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  fifteen: 15,
  eighteen: 18,
  twenty: 20,
  'twenty-one': 21,
  'twenty-four': 24,
  thirty: 30,
  'forty-five': 45,
  'forty-eight': 48,
  'seventy-two': 72,
  sixty: 60,
  ninety: 90,
};
const NUMBER_WORD = alternation(NUMBER_WORDS);
const UNIT_DAYS: Record<DurationUnit, number> = { hour: 1 / 24, day: 1, week: 7, month: 365 / 12, year: 365 };

// An amount, its restatement in brackets as legal text writes it ("three (3)"), a qualifier, then
// the unit; hours may be written short after a figure ("72h", "48 hrs").
const DURATION = new RegExp(
  `\\b(\\d{1,4}(?:\\.\\d{1,2})?|${NUMBER_WORD})(?: ?\\((?:\\d{1,4}|${NUMBER_WORD})\\))?(?: full| calendar| working| business)?(?:[ -](hour|day|week|month|year)s?|[ -]?(hrs?|h)\\b)(?:'s|’s|'|’)?(?![\\w])`,
  'gi',
);

/** Every period of time in `text` ("18 months", "a year's", "12-month", "three (3) business days"), in order. */
export function findDurations(text: string): Duration[] {
  const out: Duration[] = [];
  DURATION.lastIndex = 0;
  for (let m = DURATION.exec(text); m; m = DURATION.exec(text)) {
    const word = m[1]!.toLowerCase();
    // "a h" is not an hour: the short forms follow a figure.
    if (m[3] !== undefined && !/^\d/.test(word)) continue;
    const amount = NUMBER_WORDS[word] ?? Number(word);
    if (!Number.isFinite(amount) || amount <= 0) continue;
    const unit = (m[2]?.toLowerCase() ?? 'hour') as DurationUnit;
    out.push({
      text: m[0],
      index: m.index,
      amount,
      unit,
      days: Math.round(amount * UNIT_DAYS[unit] * 100) / 100,
    });
  }
  return out;
}

/** A period in a sentence that lies ahead, and whether a word such as "within" makes it a deadline. */
export interface TimeLimit {
  duration: Duration;
  deadline: boolean;
}

/** Words that make the period after them a deadline: "within", "in under", "no later than", "up to". */
const DEADLINE_BEFORE =
  /\b(?:within|in|under|than|inside(?: of)?|up to|at most|after|takes?|allow|of)(?: about| around| approximately| roughly| the next)?\s$/i;
/** Words that make a period look back: "in the last 12 months", "older than six months", "2 weeks ago". */
const LOOKBACK_BEFORE = /\b(?:last|past|previous|recent|older than|newer than)(?:\s\w{1,12})?\s$/i;
const LOOKBACK_AFTER = /^\s(?:ago|old)\b/i;

/** The periods of a sentence that lie ahead ("within three (3) business days", "48 hours"), in order. */
export function findTimeLimits(text: string): TimeLimit[] {
  return findDurations(text).flatMap((duration) => {
    const before = text.slice(Math.max(0, duration.index - 30), duration.index);
    const end = duration.index + duration.text.length;
    if (LOOKBACK_BEFORE.test(before) || LOOKBACK_AFTER.test(text.slice(end, end + 8))) return [];
    return [{ duration, deadline: DEADLINE_BEFORE.test(before) }];
  });
}

/** Where a duration stands in the text it was found in, for quoting it. */
export function spanOf(duration: Duration): { index: number; length: number } {
  return { index: duration.index, length: duration.text.length };
}

/** A year, with a day's slack so "52 weeks" counts as one. */
export const ONE_YEAR_DAYS = 364;

export function isAtLeastOneYear(duration: Duration): boolean {
  return duration.days >= ONE_YEAR_DAYS;
}

/** Describes a duration for a report, e.g. "6 months". */
export function describeDuration(duration: Duration): string {
  return `${duration.amount} ${duration.unit}${duration.amount === 1 ? '' : 's'}`;
}

/**
 * What a sentence's period is about: how long before end of support users are told (`notice`), or
 * how long a release is supported (`support-period`).
 */
export interface RelativeStatement {
  kind: 'notice' | 'support-period';
  duration: Duration;
  text: string;
}

const NOTICE_WORDS =
  /\bnotice\b|\bin advance\b|\bahead of\b|\bprior to\b|\bannounce|\bdeprecat|\bwarn(?:ing)?\b/i;
const SUPPORT_WORDS =
  /\b(?:supported|maintained|receives?|gets?|lts|long[- ]term support|security (?:fixes|updates|patches)|end[- ]of[- ](?:life|support)|eol)\b/i;
/** Words that make a period a response time ("we respond within 2 days"), not a support term. */
const RESPONSE_WORDS = /\b(?:respond|response|acknowledge?|reply|replies|triage|within)\b/i;

/** The relative support statements in one sentence, e.g. "supported for 18 months after release". */
export function findRelativeStatements(sentence: string): RelativeStatement[] {
  const durations = findDurations(sentence);
  if (durations.length === 0) return [];
  const kind = NOTICE_WORDS.test(sentence)
    ? 'notice'
    : SUPPORT_WORDS.test(sentence) && !RESPONSE_WORDS.test(sentence)
      ? 'support-period'
      : undefined;
  return kind ? durations.map((duration) => ({ kind, duration, text: sentence })) : [];
}
