// What the browser tests (tests/docs/docs_browser.mjs, tests/http/e2e_cors_browser.mjs) share: their checks and
// the summary line that decides their exit code, the environment they need, and playwright-core's chromium
// (from tools/check; Debian's chromium, no browser download).
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../tools/check/package.json', import.meta.url));
export const { chromium } = require('playwright-core');

let passed = 0;
let failed = 0;

/** Records one check and prints it; returns `ok`. */
export function check(ok, what, detail = '') {
  if (ok) {
    passed += 1;
    console.log(`ok: ${what}`);
  } else {
    failed += 1;
    console.log(`FAILED: ${what}${detail ? `\n  ${detail}` : ''}`);
  }
  return ok;
}

export function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through scripts/test (it starts the stack)`);
  return value;
}

/** Runs the test's `main` (a throw is one more failed check, `what`), prints "N passed, N failed" and ends the
 *  process: 0 when every check passed. */
export async function run(main, what) {
  try {
    await main();
  } catch (error) {
    check(false, what, error.stack || String(error));
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}
