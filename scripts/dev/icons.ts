// Renders public/icon.svg to the PNG icons the web app manifest names (public/icons/), with
// Debian's Chromium: `npx tsx scripts/dev/icons.ts`. A maskable variant keeps the mark inside
// the 80 % safe zone on a full-bleed background.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/cli/browser.ts';

const root = resolve(import.meta.dirname, '../..');
const svg = readFileSync(resolve(root, 'public/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const page = await browser.newPage();
for (const [size, maskable] of [[192, false], [512, false], [512, true]] as const) {
  await page.setViewportSize({ width: size, height: size });
  const inner = maskable ? Math.round(size * 0.72) : size;
  await page.setContent(`<html><body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;background:${maskable ? '#0f172a' : 'transparent'}">
    <div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`);
  const name = `icon-${size}${maskable ? '-maskable' : ''}.png`;
  await page.screenshot({ path: resolve(root, 'public/icons', name), omitBackground: !maskable });
  console.log(name);
}
await browser.close();
