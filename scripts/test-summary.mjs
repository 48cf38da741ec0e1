// Prints the plain closing line CI reads ("N passed, N failed") from vitest's JSON report.
import { readFileSync, rmSync } from 'node:fs';

const file = '.vitest-results.json';
const report = JSON.parse(readFileSync(file, 'utf8'));
rmSync(file, { force: true });
const skipped = report.numPendingTests + report.numTodoTests;
console.log(
  `tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`,
);
