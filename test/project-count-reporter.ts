import fs from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

type Counts = { passed: number; failed: number; skipped: number; passedOnRetry: string[] };

/**
 * Counts results per project (unit, pglite, postgres, e2e) into .test-results/projects.json, so CI
 * can prove the PostgreSQL and browser suites really ran, and prints one plain summary line. A test
 * that passed only when tried again is named, so a flaky test is seen rather than hidden.
 */
export default class ProjectCountReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const byProject: Record<string, Counts> = {};
    for (const testModule of testModules) {
      const name = testModule.project.name;
      byProject[name] ??= { passed: 0, failed: 0, skipped: 0, passedOnRetry: [] };
      const counts = byProject[name];
      for (const testCase of testModule.children.allTests()) {
        const state = testCase.result().state;
        if (state === 'passed') {
          counts.passed += 1;
          if ((testCase.diagnostic()?.retryCount ?? 0) > 0) counts.passedOnRetry.push(testCase.fullName);
        } else if (state === 'failed') counts.failed += 1;
        else counts.skipped += 1;
      }
      if (testModule.state() === 'failed' && testModule.children.size === 0) counts.failed += 1;
    }
    const outputDirectory = path.resolve('.test-results');
    fs.mkdirSync(outputDirectory, { recursive: true });
    fs.writeFileSync(path.join(outputDirectory, 'projects.json'), `${JSON.stringify(byProject, null, 2)}\n`);
    const total = Object.values(byProject).reduce(
      (sum, counts) => ({
        passed: sum.passed + counts.passed,
        failed: sum.failed + counts.failed,
        skipped: sum.skipped + counts.skipped,
      }),
      { passed: 0, failed: 0, skipped: 0 },
    );
    const retried = Object.entries(byProject).flatMap(([name, counts]) =>
      counts.passedOnRetry.map((test) => `${name}: ${test}`),
    );
    const perProject = Object.entries(byProject)
      .map(([name, counts]) => `${name} ${counts.passed}/${counts.passed + counts.failed + counts.skipped}`)
      .join(', ');
    console.log(`\nBy project (passed/total): ${perProject}`);
    console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
    if (retried.length > 0) console.log(`Passed only when tried again:\n- ${retried.join('\n- ')}`);
  }
}
