// Prints the plain closing line "tests: N passed, N failed" that CI log readers understand,
// since Jest's own summary ("Tests: 5 passed, 5 total") is not in that form.
class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line =
      `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed` +
      (skipped ? `, ${skipped} skipped` : '');
    process.stdout.write(`\n${line}\n`);
  }
}
module.exports = ClosingLineReporter;
