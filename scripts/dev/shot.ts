// Developer aid: screenshot a URL of the running app at desktop and phone widths.
// npx tsx scripts/dev/shot.ts URL OUT_PREFIX [actions-js]
import { chromium } from 'playwright-core';

const [url, out, script] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'],
});
for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  page.on('console', (m) => console.log(`[${label}] console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console.log(`[${label}] pageerror: ${e.message}`));
  await page.goto(url!);
  if (script) await new Function('page', `return (async () => { ${script} })()`)(page);
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}-${label}.png`, fullPage: true });
  await page.close();
}
await browser.close();
