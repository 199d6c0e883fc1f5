// Stemcomputer: how fast the screen answers a touch, measured in Debian's Chromium at the
// kiosk's screen size (from the tap's click event to the next screen painted), and how long
// from the voter's last "confirm" to the printer receiving the ballot (card marked, ballot
// encoded, signed, checked, QR rendered, ESC/POS job handed to the printer).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { demoKeyMaterial, randomBytes, Signer } from '@ovs/crypto';
import { createBallotContext, issueSessionCertificate } from '@ovs/ballot';
import { issueActivationCard, issueVoterCard, newActivationCode, TEST_ACTIVATION_KDF } from '@ovs/card';
import { findElection, generateDemoElection, unsealStembureauKey, verifyPackage } from '@ovs/election';
import type { PrintJob } from '@ovs/devices';
import { insertCard, planActivationCode, planVoter, removeCard, SCREEN, startVotingComputer } from '@ovs/firmware-app';
import { median, p95, round } from './stats.ts';
import type { BenchFn } from './types.ts';

export const bench: BenchFn = async ({ quick }) => {
  const demo = generateDemoElection({ scrypt: { N: 1024, r: 8, p: 1 } });
  const v = verifyPackage(demo.bytes, demo.signature, demo.organiser.publicKey);
  if (!v.ok) throw new Error(v.error.message);
  const pkg = v.value.election;
  const context = createBallotContext(v.value);
  const unsealed = await unsealStembureauKey(pkg, 1, demo.passwords.get(1)!);
  if (!unsealed.ok) throw new Error(unsealed.error);
  const seed = demoKeyMaterial('bench', 'session');
  const code = newActivationCode(randomBytes);
  const activation = await issueActivationCard({
    certificate: issueSessionCertificate(context.hashPrefix, 1, new Signer(seed).publicKey, unsealed.value),
    sessionPrivateKey: seed,
    code,
    salt: randomBytes(16),
    nonce: randomBytes(12),
    kdf: TEST_ACTIVATION_KDF,
  });
  const voterCard = () => issueVoterCard(pkg, context.hashPrefix, { test: false, pollingStation: 1, elections: ['G', 'P'], nonce: randomBytes(16) }, unsealed.value);

  const started = await startVotingComputer({ verifiedPackage: v.value, station: 1 });
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  const m = started.handle;
  const voter = m.voter();
  insertCard(m.devices, activation);
  await voter.waitFor('activation-code');
  await voter.touchAll(planActivationCode(code));
  await voter.waitFor('activated');
  removeCard(m.devices);
  await voter.waitFor('insert-card');

  // Confirm → printer, headless through the HTTP API (the UI's own path).
  const printer = m.devices.printer;
  const original = printer.print.bind(printer);
  let handedAt = 0;
  let doneAt = 0;
  printer.print = async (job: PrintJob) => {
    handedAt = performance.now();
    const r = await original(job);
    doneAt = performance.now();
    return r;
  };
  const G = findElection(pkg, 'G')!;
  const P = findElection(pkg, 'P')!;
  const ballots = quick ? 8 : 40;
  const toPrinter: number[] = [];
  const toPaper: number[] = [];
  for (let i = 0; i < ballots; i++) {
    insertCard(m.devices, voterCard());
    await voter.waitFor('election-intro');
    const actions = planVoter([G, P], false, {
      elections: [{ choice: { kind: 'list', list: 1 + (i % 7), topBox: true, candidates: [1, 3, 5] } }, { choice: { kind: 'list', list: 1 + (i % 8), topBox: false, candidates: [2] } }],
    });
    await voter.touchAll(actions.slice(0, -1));
    const t0 = performance.now();
    await voter.touch(actions.at(-1)!);
    await voter.waitFor('printed');
    toPrinter.push(handedAt - t0);
    toPaper.push(doneAt - t0);
    removeCard(m.devices);
    await voter.waitFor('insert-card');
  }
  printer.print = original;

  // Touch → next screen, in Chromium.
  const profile = await mkdtemp(join(tmpdir(), 'ovs-bench-kiosk-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    viewport: { width: SCREEN.widthPx, height: SCREEN.heightPx },
    deviceScaleFactor: 1,
    hasTouch: true,
  });
  await browser.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(m.url);
  await page.waitForSelector('html[data-screen="insert-card"]');
  // In the page: the time from the tap's click to the frame after the new screen's commit.
  await page.evaluate(() => {
    const w = window as unknown as { __t0?: number; __lat: number[] };
    w.__lat = [];
    document.addEventListener('click', () => (w.__t0 = performance.now()), true);
    new MutationObserver(() => {
      const t0 = w.__t0;
      if (t0 === undefined) return;
      w.__t0 = undefined;
      requestAnimationFrame(() => w.__lat.push(performance.now() - t0));
    }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-seq'] });
  });
  const touch = async (testId: string) => {
    const before = Number(await page.locator('html').getAttribute('data-seq'));
    await page.getByTestId(testId).tap();
    await page.waitForFunction((s) => Number(document.documentElement.dataset.seq) > s, before);
  };
  const rounds = quick ? 3 : 12;
  insertCard(m.devices, voterCard());
  await page.waitForSelector('html[data-screen="election-intro"]');
  await touch('start-election');
  const toggles: number[] = [];
  const screens: number[] = [];
  const take = async (into: number[]) => {
    const lat = await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat.splice(0));
    into.push(...lat);
  };
  await take([]);
  for (let r = 0; r < rounds; r++) {
    await touch(`list-${1 + (r % 7)}`);
    await take(screens);
    for (const p of [1, 2, 3, 2, 1]) await touch(`candidate-${p}`);
    await take(toggles);
    await touch('back-to-lists');
    await take(screens);
  }
  await browser.close();
  await rm(profile, { recursive: true, force: true });
  await m.stop();

  const all = [...screens, ...toggles];
  return {
    key: 'firmware',
    results: {
      screen: `${SCREEN.widthPx}x${SCREEN.heightPx}`,
      touchToNextScreenMs: { median: round(median(all), 1), p95: round(p95(all), 1), samples: all.length },
      touchToOtherScreenMs: { median: round(median(screens), 1), p95: round(p95(screens), 1), samples: screens.length },
      touchToToggleMs: { median: round(median(toggles), 1), p95: round(p95(toggles), 1), samples: toggles.length },
      confirmToPrinterMs: { median: round(median(toPrinter), 1), p95: round(p95(toPrinter), 1), samples: toPrinter.length },
      confirmToPrintedMs: { median: round(median(toPaper), 1), p95: round(p95(toPaper), 1), samples: toPaper.length },
    },
    table: [
      ['touch → next screen (Chromium) median / p95', `${round(median(all), 1)} / ${round(p95(all), 1)} ms`],
      ['  of which: to another screen', `${round(median(screens), 1)} / ${round(p95(screens), 1)} ms`],
      ['  of which: tick a candidate', `${round(median(toggles), 1)} / ${round(p95(toggles), 1)} ms`],
      ['confirm → job at the printer median / p95', `${round(median(toPrinter), 1)} / ${round(p95(toPrinter), 1)} ms`],
      ['confirm → printed (simulator renders PNG)', `${round(median(toPaper), 1)} / ${round(p95(toPaper), 1)} ms`],
    ],
  };
};
