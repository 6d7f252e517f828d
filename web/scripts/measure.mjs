// Prints what the first page costs in JavaScript (gzipped, as the browser downloads it) and
// how long a signed-in recruiter waits from navigation to a ranked candidates list.
/* global process, fetch, console, document, performance, MutationObserver */
// Usage: node web/scripts/measure.mjs [base URL] [posting id] [runs], against `npm start` on the demo data.
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

// The posting's id as the API gives it; the default is the demo's first posting (`JobPosting:1`).
const [base = 'http://127.0.0.1:4000', postingId = 'Sm9iUG9zdGluZzox', runs = '5'] = process.argv.slice(2);
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const logIn = await fetch(`${base}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    query:
      'mutation { logIn(input: { email: "recruiter@example.com", password: "demo-recruiter-password" }) { token } }',
  }),
});
const token = (await logIn.json()).data.logIn.token;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });

const scripts = [];
const first = await browser.newPage();
first.on('response', (response) => {
  if (response.request().resourceType() === 'script') {
    scripts.push(response.body().then((body) => ({ url: response.url(), body })));
  }
});
await first.goto(`${base}/`, { waitUntil: 'networkidle' });
const loaded = await Promise.all(scripts);
const kib = (list) =>
  (list.reduce((sum, s) => sum + gzipSync(s.body, { level: 9 }).length, 0) / 1024).toFixed(1);
// The first bundle (every page's), the early script and the home page's own chunks.
const part = (pattern) => kib(loaded.filter((s) => pattern.test(s.url)));
console.log(
  `first page (/): ${loaded.length} script(s), ${kib(loaded)} KiB gzipped ` +
    `(first bundle ${part(/\/assets\/index-/)} KiB, early script ${part(/\/assets\/early-/)} KiB)`,
);

// Each run: when the page's own script arrived, when the ranking was asked for and answered,
// and when the list was on screen, in ms from the start of navigation.
const results = [];
for (let i = 0; i < Number(runs); i++) {
  // A fresh profile each time: nothing cached, signed in as the app keeps a session.
  const context = await browser.newContext({
    storageState: {
      cookies: [],
      origins: [{ origin: base, localStorage: [{ name: 'skillgraph.token', value: token }] }],
    },
  });
  // Notes, in the page, when the first ranked candidate enters the document: the test
  // runner's own polling would add its delay to the figure.
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('ol.ranked > li')) {
        performance.mark('ranked-list-shown');
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  let ranking;
  page.on('requestfinished', (request) => {
    if (request.url().endsWith('/graphql') && request.postDataJSON()?.operationName === 'CandidateMatches') {
      ranking ??= request.timing();
    }
  });
  await page.goto(`${base}/postings/${postingId}/candidates`, { waitUntil: 'commit' });
  await page.locator('ol.ranked > li').first().waitFor();
  const { origin, script, shown } = await page.evaluate(() => ({
    origin: performance.timeOrigin,
    script: performance.getEntriesByType('resource').find((e) => e.name.includes('/assets/index-'))
      ?.responseEnd,
    shown: performance.getEntriesByName('ranked-list-shown')[0].startTime,
  }));
  results.push({
    script: script ?? NaN,
    asked: ranking ? ranking.startTime - origin : NaN,
    answered: ranking ? ranking.startTime + ranking.responseEnd - origin : NaN,
    shown: Math.round(shown),
  });
  await context.close();
}
const median = (key) => {
  const sorted = results.map((r) => r[key]).sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]);
};
console.log(
  `navigation to ranked list: median ${median('shown')} ms (runs: ${results.map((r) => r.shown).join(', ')} ms)`,
);
console.log(
  `  medians: page script loaded ${median('script')} ms, ranking asked ${median('asked')} ms, ` +
    `answered ${median('answered')} ms, list shown ${median('shown')} ms`,
);
// A figure taken while other work holds the processors says more about them than about the app.
const [load] = loadavg();
console.log(
  `  load average ${load.toFixed(1)} on ${cpus().length} processors${load > cpus().length ? ': not a quiet machine' : ''}`,
);
await browser.close();
