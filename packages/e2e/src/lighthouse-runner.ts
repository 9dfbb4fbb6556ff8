import { writeFileSync } from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { generateReport, type Result } from 'lighthouse';
import { artifactPath } from './artifacts.ts';
import { CHROMIUM_FLAGS, chromiumPath } from './browser.ts';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];
export type Scores = Record<Category, number>;

/** One page's Lighthouse result: the median of each category over the runs, and every run's scores. */
export interface PageScores {
  url: string;
  median: Scores;
  runs: Scores[];
  /** Audits that cost points in the median-performance run (for the report when a score is short). */
  losses: { category: Category; audit: string; score: number; display: string }[];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

function scoresOf(lhr: Result): Scores {
  const score = (category: Category) => lhr.categories[category]?.score ?? 0;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    'best-practices': score('best-practices'),
    seo: score('seo'),
  };
}

function lossesOf(lhr: Result): PageScores['losses'] {
  return CATEGORIES.flatMap((category) =>
    (lhr.categories[category]?.auditRefs ?? []).flatMap((ref) => {
      const audit = lhr.audits[ref.id];
      if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) return [];
      return [{ category, audit: ref.id, score: audit.score, display: audit.displayValue ?? '' }];
    }),
  );
}

/** Lighthouse may fail to record a trace (NO_NAVSTART) on a loaded machine: that run is repeated, once or twice, and says so. */
const ATTEMPTS = 3;

async function auditOnce(url: string, port: number): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const failure = result.lhr.runtimeError;
    if (!failure) return result.lhr;
    if (attempt === ATTEMPTS) throw new Error(`Lighthouse failed on ${url}: ${failure.code} ${failure.message}`);
    console.warn(`Lighthouse could not audit ${url} (${failure.code}); running it again`);
  }
}

/**
 * Lighthouse's default (mobile) audit of `url`, `runs` times, in the OS Chromium. Its phone
 * emulation simulates a slow 4G network and a 4× slower CPU from what it measures, so a
 * busy machine moves the performance score between runs: the median is what counts. The
 * median-performance run's report is kept as `<name>.html` / `.json` in the artifacts.
 */
export async function auditPage(url: string, name: string, runs: number): Promise<PageScores> {
  const chrome = await chromeLauncher.launch({ chromePath: chromiumPath(), chromeFlags: CHROMIUM_FLAGS });
  try {
    const results: Result[] = [];
    for (let run = 0; run < runs; run++) results.push(await auditOnce(url, chrome.port));
    const all = results.map(scoresOf);
    const medianPerformance = median(all.map((scores) => scores.performance));
    const representative = results[all.findIndex((scores) => scores.performance === medianPerformance)] ?? results[0];
    if (!representative) throw new Error(`no Lighthouse run for ${url}`);
    writeFileSync(artifactPath('lighthouse', `${name}.html`), generateReport(representative, 'html'));
    writeFileSync(artifactPath('lighthouse', `${name}.json`), JSON.stringify(representative));
    const medians = Object.fromEntries(
      CATEGORIES.map((category) => [category, median(all.map((scores) => scores[category]))]),
    ) as Scores;
    return { url, median: medians, runs: all, losses: lossesOf(representative) };
  } finally {
    chrome.kill();
  }
}
