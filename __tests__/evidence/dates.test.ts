import { describe, expect, it } from '@jest/globals';
import {
  daysBetween,
  findDates,
  findDurations,
  findRelativeStatements,
  findTimeLimits,
  isAtLeastOneYear,
  isoDay,
  parseDate,
} from '../../src/evidence/dates.js';

/** The date a string stands for, as [precision, first day, last day]. */
function read(text: string): [string, string, string] | undefined {
  const date = parseDate(text);
  return date && [date.precision, isoDay(date.start), isoDay(date.end)];
}

describe('parseDate', () => {
  it('reads ISO dates, with dashes, slashes or dots', () => {
    expect(read('2027-03-31')).toEqual(['day', '2027-03-31', '2027-03-31']);
    expect(read('2027/3/1')).toEqual(['day', '2027-03-01', '2027-03-01']);
    expect(read('2027.12.05')).toEqual(['day', '2027-12-05', '2027-12-05']);
  });

  it('reads day-month-year with full or short month names and ordinals', () => {
    expect(read('31 March 2027')).toEqual(['day', '2027-03-31', '2027-03-31']);
    expect(read('1st Sept 2026')).toEqual(['day', '2026-09-01', '2026-09-01']);
    expect(read('5 of June, 2028')).toEqual(['day', '2028-06-05', '2028-06-05']);
  });

  it('reads month-day-year as US text writes it', () => {
    expect(read('March 31, 2027')).toEqual(['day', '2027-03-31', '2027-03-31']);
    expect(read('Dec. 1st 2026')).toEqual(['day', '2026-12-01', '2026-12-01']);
  });

  it('reads a month as its whole month, ending on its last day', () => {
    expect(read('March 2027')).toEqual(['month', '2027-03-01', '2027-03-31']);
    expect(read('Feb 2028')).toEqual(['month', '2028-02-01', '2028-02-29']);
    expect(read('2027-06')).toEqual(['month', '2027-06-01', '2027-06-30']);
  });

  it('reads quarters in either order and in words', () => {
    expect(read('Q1 2027')).toEqual(['quarter', '2027-01-01', '2027-03-31']);
    expect(read('2027-Q4')).toEqual(['quarter', '2027-10-01', '2027-12-31']);
    expect(read('third quarter of 2026')).toEqual(['quarter', '2026-07-01', '2026-09-30']);
  });

  it('reads a bare year only after words that make it a date', () => {
    expect(read('end of 2028')).toEqual(['year', '2028-01-01', '2028-12-31']);
    expect(findDates('We shipped 2028 bug fixes')).toEqual([]);
  });

  it('reads numeric day/month/year only when the order is unambiguous', () => {
    expect(read('13/04/2027')).toEqual(['day', '2027-04-13', '2027-04-13']);
    expect(read('04/13/2027')).toEqual(['day', '2027-04-13', '2027-04-13']);
    expect(read('03/04/2027')).toBeUndefined();
  });

  it('rejects dates that do not exist', () => {
    expect(read('2027-02-30')).toBeUndefined();
    expect(read('31 April 2027')).toBeUndefined();
    expect(read('2027-13-01')).toBeUndefined();
    expect(read('29 February 2027')).toBeUndefined();
    expect(read('29 February 2028')).toEqual(['day', '2028-02-29', '2028-02-29']);
  });

  it('rejects years that are not plausible support dates, and text that is not only a date', () => {
    expect(read('3000-01-01')).toBeUndefined();
    expect(read('Q5 2027')).toBeUndefined();
    expect(read('until 31 March 2027')).toBeUndefined();
    expect(read('')).toBeUndefined();
  });
});

describe('findDates', () => {
  it('finds every date in a sentence, in order, the most precise reading winning', () => {
    const dates = findDates(
      '2.x is supported until 31 March 2027; 1.x ended in March 2025 (see 2025-03-01).',
    );
    expect(dates.map((d) => [d.text, d.precision])).toEqual([
      ['31 March 2027', 'day'],
      ['March 2025', 'month'],
      ['2025-03-01', 'day'],
    ]);
  });

  it('does not read version numbers as dates', () => {
    expect(findDates('Upgrade from 1.2.3 to 10.4.12 or 2.0')).toEqual([]);
  });

  it('stays fast on long hostile input', () => {
    const hostile = `${'1'.repeat(50_000)} ${'March '.repeat(10_000)}`;
    const started = Date.now();
    findDates(hostile);
    findDurations(hostile);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('durations and relative statements', () => {
  it('reads periods in digits and words, with possessive apostrophes', () => {
    expect(findDurations("at least 12 months' notice").map((d) => [d.amount, d.unit])).toEqual([
      [12, 'month'],
    ]);
    expect(findDurations("a year's notice").map((d) => [d.amount, d.unit])).toEqual([[1, 'year']]);
    expect(
      findDurations('an 18-month window and two years and 90 days').map((d) => Math.round(d.days)),
    ).toEqual([548, 730, 90]);
    expect(findDurations('within 72 hours or 3 working days').map((d) => [d.amount, d.unit])).toEqual([
      [72, 'hour'],
      [3, 'day'],
    ]);
  });

  it('reads the forms policies use for response times', () => {
    const read = (text: string) => findDurations(text).map((d) => [d.text, d.amount, d.unit]);
    expect(read('within three (3) business days')).toEqual([['three (3) business days', 3, 'day']]);
    expect(read('within 3 (three) working days')).toEqual([['3 (three) working days', 3, 'day']]);
    expect(read('in 72h, or 48 hrs, or forty-eight hours')).toEqual([
      ['72h', 72, 'hour'],
      ['48 hrs', 48, 'hour'],
      ['forty-eight hours', 48, 'hour'],
    ]);
    expect(read('one business day, two weeks, fourteen days')).toEqual([
      ['one business day', 1, 'day'],
      ['two weeks', 2, 'week'],
      ['fourteen days', 14, 'day'],
    ]);
    expect(read('columns a h and 5 hosts')).toEqual([]);
  });

  it('tells a deadline from a bare period and leaves out periods that look back', () => {
    const limits = (text: string) => findTimeLimits(text).map((l) => [l.duration.text, l.deadline]);
    expect(limits('We acknowledge reports within three (3) business days.')).toEqual([
      ['three (3) business days', true],
    ]);
    expect(limits('No later than 72 hours, and usually 2 days.')).toEqual([
      ['72 hours', true],
      ['2 days', false],
    ]);
    expect(limits('Fixes are released for versions published in the last 12 months.')).toEqual([]);
    expect(limits('Releases older than six months and reports 2 weeks old are closed.')).toEqual([]);
  });

  it('counts 12 months, 52 weeks and 365 days as a year, and 11 months as less', () => {
    const [twelveMonths, weeks, days, eleven] = findDurations('12 months, 52 weeks, 365 days, 11 months');
    expect([twelveMonths, weeks, days, eleven].map((d) => isAtLeastOneYear(d!))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('classifies a notice period', () => {
    const [statement] = findRelativeStatements(
      'We give at least 12 months’ notice before a major version reaches end of life.',
    );
    expect(statement?.kind).toBe('notice');
    expect(statement?.duration.amount).toBe(12);
  });

  it('classifies a support period anchored on a release', () => {
    const [statement] = findRelativeStatements(
      'Each major version is supported for 18 months after its release.',
    );
    expect(statement?.kind).toBe('support-period');
    expect(Math.round(statement!.duration.days)).toBe(548);
  });

  it('does not take a response time for a support period', () => {
    expect(findRelativeStatements('We acknowledge security reports within 2 days.')).toEqual([]);
    expect(findRelativeStatements('The project is 3 years old.')).toEqual([]);
  });

  it('measures days between dates', () => {
    expect(daysBetween(new Date('2026-11-22'), new Date('2027-11-22'))).toBe(365);
    expect(daysBetween(new Date('2026-11-22'), new Date('2026-11-01'))).toBe(-21);
  });
});
