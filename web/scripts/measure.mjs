// Prints what the first page costs in JavaScript (gzipped, as the browser downloads it) and
// how long a signed-in recruiter waits from navigation to a ranked candidates list.
/* global process, fetch, console */
// Usage: node web/scripts/measure.mjs [base URL] [posting id] [runs], against `npm start` on the demo data.
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const [base = 'http://127.0.0.1:4000', postingId = '1', runs = '5'] = process.argv.slice(2);
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
      'mutation { logIn(email: "recruiter@example.com", password: "demo-recruiter-password") { token } }',
  }),
});
const token = (await logIn.json()).data.logIn.token;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });

const scripts = [];
const first = await browser.newPage();
first.on('response', (response) => {
  if (response.request().resourceType() === 'script') scripts.push(response.body());
});
await first.goto(`${base}/`, { waitUntil: 'networkidle' });
const bodies = await Promise.all(scripts);
const gzipped = bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
console.log(`first page (/): ${bodies.length} script(s), ${(gzipped / 1024).toFixed(1)} KiB gzipped`);

const times = [];
for (let i = 0; i < Number(runs); i++) {
  // A fresh profile each time: nothing cached, signed in as the app keeps a session.
  const context = await browser.newContext({
    storageState: {
      cookies: [],
      origins: [{ origin: base, localStorage: [{ name: 'skillgraph.token', value: token }] }],
    },
  });
  const page = await context.newPage();
  const start = Date.now();
  await page.goto(`${base}/postings/${postingId}/candidates`, { waitUntil: 'commit' });
  await page.locator('ol.ranked > li').first().waitFor();
  times.push(Date.now() - start);
  await context.close();
}
times.sort((a, b) => a - b);
console.log(
  `navigation to ranked list: median ${times[Math.floor(times.length / 2)]} ms (runs: ${times.join(', ')} ms)`,
);
await browser.close();
