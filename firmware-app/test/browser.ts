// Debian's Chromium through playwright-core (never a downloaded browser), at the kiosk's
// real screen size, with a fresh profile that the no-trace test can search afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { SCREEN } from '../src/index.ts';

export interface Kiosk {
  context: BrowserContext;
  page: Page;
  profile: string;
  close(): Promise<void>;
}

export async function openKiosk(url: string): Promise<Kiosk> {
  const profile = await mkdtemp(join(tmpdir(), 'ovs-kiosk-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    viewport: { width: SCREEN.widthPx, height: SCREEN.heightPx },
    deviceScaleFactor: 1,
    hasTouch: true,
  });
  // tsx compiles this test code with esbuild's keepNames, so functions handed to
  // page.evaluate call a `__name` helper that only exists in Node: give the page one.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  return {
    context,
    page,
    profile,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the page shows a screen of this kind (the app sets data-screen on <html>). */
export async function screenIs(page: Page, kind: string): Promise<void> {
  await page.waitForSelector(`html[data-screen="${kind}"]`);
}

/** Current screen number shown by the page. */
export async function seqOf(page: Page): Promise<number> {
  return Number(await page.locator('html').getAttribute('data-seq'));
}

/**
 * One touch, as a finger makes it (a tap on a touch screen), then waits until the page shows
 * the screen that answers it. Playwright waits for the target to be enabled: touches are
 * refused for a moment after each change of screen (the double-tap guard).
 */
export async function touch(page: Page, testId: string): Promise<void> {
  const before = await seqOf(page);
  await page.getByTestId(testId).tap();
  await page.waitForFunction((s) => Number(document.documentElement.dataset.seq) > s, before);
}

export interface LayoutReport {
  targets: Array<{ id: string; width: number; height: number }>;
  /** Pairs of targets closer than the minimum gap. */
  crowded: Array<{ a: string; b: string; gap: number }>;
  /** Targets (partly) outside the viewport or clipped by a scrolling/overflow ancestor. */
  clipped: string[];
  /** Text whose contrast to its background is below the minimum. */
  lowContrast: Array<{ text: string; ratio: number }>;
  /** Text set smaller than the minimum font size. */
  smallText: Array<{ text: string; px: number }>;
}

/**
 * Measures every touch target and every piece of text as rendered. Runs in the page; the
 * contrast formula is WCAG 2 (same as @ovs/ui contrastRatio).
 */
export async function measureLayout(page: Page, minGapPx: number, minContrast: number, minFontPx: number): Promise<LayoutReport> {
  return page.evaluate(
    ({ minGapPx, minContrast, minFontPx }) => {
      const parse = (c: string) => {
        const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
        return m ? { r: +m[1]!, g: +m[2]!, b: +m[3]!, a: m[4] === undefined ? 1 : +m[4] } : undefined;
      };
      const lum = (c: { r: number; g: number; b: number }) => {
        const f = (v: number) => {
          const x = v / 255;
          return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
      };
      const background = (el: Element | null): string => {
        for (let e = el; e; e = e.parentElement) {
          const bg = getComputedStyle(e).backgroundColor;
          const p = parse(bg);
          if (p && p.a > 0) return bg;
        }
        return 'rgb(255, 255, 255)';
      };
      const targets = [...document.querySelectorAll('button')].filter((b) => b.getClientRects().length > 0 && getComputedStyle(b).visibility !== 'hidden');
      const rects = targets.map((b) => ({ id: b.dataset.testid ?? b.textContent ?? '?', r: b.getBoundingClientRect(), el: b }));
      const crowded: Array<{ a: string; b: string; gap: number }> = [];
      for (let i = 0; i < rects.length; i++) {
        for (let j = i + 1; j < rects.length; j++) {
          const a = rects[i]!.r;
          const b = rects[j]!.r;
          const dx = Math.max(0, Math.max(a.left, b.left) - Math.min(a.right, b.right));
          const dy = Math.max(0, Math.max(a.top, b.top) - Math.min(a.bottom, b.bottom));
          const gap = Math.hypot(dx, dy);
          if (gap < minGapPx) crowded.push({ a: rects[i]!.id, b: rects[j]!.id, gap });
        }
      }
      const clipped: string[] = [];
      for (const { id, r, el } of rects) {
        let out = r.left < 0 || r.top < 0 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5;
        for (let e = el.parentElement; e && !out; e = e.parentElement) {
          const s = getComputedStyle(e);
          if (s.overflow === 'visible' && s.overflowX === 'visible' && s.overflowY === 'visible') continue;
          const c = e.getBoundingClientRect();
          if (r.left < c.left - 0.5 || r.top < c.top - 0.5 || r.right > c.right + 0.5 || r.bottom > c.bottom + 0.5) out = true;
        }
        if (out) clipped.push(id);
      }
      const lowContrast: Array<{ text: string; ratio: number }> = [];
      const smallText: Array<{ text: string; px: number }> = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.textContent ?? '').trim();
        const el = n.parentElement;
        if (!text || !el || el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
        const px = parseFloat(getComputedStyle(el).fontSize);
        if (px < minFontPx) smallText.push({ text, px });
        const fg = parse(getComputedStyle(el).color);
        const bg = parse(background(el));
        if (!fg || !bg) continue;
        const l1 = lum(fg);
        const l2 = lum(bg);
        const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
        if (ratio < minContrast) lowContrast.push({ text, ratio });
      }
      return { targets: rects.map(({ id, r }) => ({ id, width: r.width, height: r.height })), crowded, clipped, lowContrast, smallText };
    },
    { minGapPx, minContrast, minFontPx },
  );
}
