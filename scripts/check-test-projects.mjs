// CI gate: the PostgreSQL suite must have run (not been skipped) and passed at least as many tests
// as the PGlite suite (a few tests need a server, such as two processes sharing one database, and
// run on PostgreSQL only), and the browser and component suites must have run.
import fs from 'node:fs';

const file = '.test-results/projects.json';
if (!fs.existsSync(file)) {
  console.error(`${file} is missing: the test run did not finish.`);
  process.exit(1);
}
const projects = JSON.parse(fs.readFileSync(file, 'utf8'));
const problems = [];
const ran = (name) => projects[name]?.passed ?? 0;
if (ran('postgres') === 0) problems.push('the PostgreSQL suite ran no tests (was the server reachable?)');
if (ran('postgres') < ran('pglite')) {
  problems.push(
    `the PostgreSQL suite passed ${ran('postgres')} tests but the PGlite suite passed ${ran('pglite')}`,
  );
}
if (ran('e2e') === 0) problems.push('the browser suite ran no tests (is /usr/bin/chromium installed?)');
if (ran('components') === 0) problems.push('the component suite ran no tests');
for (const [name, counts] of Object.entries(projects)) {
  if (counts.failed > 0) problems.push(`${counts.failed} tests failed in ${name}`);
  if (counts.skipped > 0 && (name === 'postgres' || name === 'e2e'))
    problems.push(`${counts.skipped} tests were skipped in ${name}`);
}
const retried = Object.entries(projects).flatMap(([name, counts]) =>
  (counts.passedOnRetry ?? []).map((test) => `${name}: ${test}`),
);
if (retried.length > 0)
  console.warn(`Passed only when tried again (flaky, to look into):\n- ${retried.join('\n- ')}`);
if (problems.length > 0) {
  console.error(`Test gate failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`Test gate passed: ${JSON.stringify(projects)}`);
