import { existsSync, readdirSync } from 'node:fs';
import { isRoot, run } from './shell.ts';

/** A program the stack needs, the Debian package that ships it, and the Homebrew formula for macOS. */
export interface Requirement {
  name: string;
  found: () => boolean;
  debian: string[];
  brew: string;
}

/** The newest PostgreSQL (15 or later) installed from the OS packages, as its bin folder. */
export function findPostgresBin(): string | null {
  const roots = ['/usr/lib/postgresql', '/opt/homebrew/opt', '/usr/local/opt'];
  const candidates: { version: number; bin: string }[] = [];
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root)) {
      const match = /^(?:postgresql@)?(\d+)$/.exec(entry);
      const bin = root === '/usr/lib/postgresql' ? `${root}/${entry}/bin` : `${root}/${entry}/bin`;
      if (match?.[1] && Number(match[1]) >= 15 && existsSync(`${bin}/initdb`)) {
        candidates.push({ version: Number(match[1]), bin });
      }
    }
  }
  candidates.sort((a, b) => b.version - a.version);
  return candidates[0]?.bin ?? null;
}

/** Chromium from the OS packages (Debian names it `chromium`, Ubuntu's older images `chromium-browser`). */
export function findChromium(): string | null {
  return Bun.which('chromium') ?? Bun.which('chromium-browser');
}

// Korean glyphs (and the emoji the pages use) for the browser tests' phone screenshots:
// without these fonts Hangul renders as boxes. macOS ships both.
const pageFonts = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf',
];
const hasPageFonts = (): boolean => process.platform === 'darwin' || pageFonts.every((font) => existsSync(font));

const vmodDirs = [
  '/usr/lib/x86_64-linux-gnu/varnish/vmods',
  '/usr/lib/aarch64-linux-gnu/varnish/vmods',
  '/usr/lib/varnish/vmods',
];

export const requirements = {
  postgres: {
    name: 'PostgreSQL 15+',
    found: () => findPostgresBin() !== null,
    debian: ['postgresql'],
    brew: 'postgresql@16',
  },
  redis: { name: 'Redis 7', found: () => Bun.which('redis-server') !== null, debian: ['redis-server'], brew: 'redis' },
  varnish: {
    name: 'Varnish with xkey',
    found: () => Bun.which('varnishd') !== null && vmodDirs.some((dir) => existsSync(`${dir}/libvmod_xkey.so`)),
    debian: ['varnish', 'varnish-modules'],
    brew: 'varnish',
  },
  wrk: { name: 'wrk', found: () => Bun.which('wrk') !== null, debian: ['wrk'], brew: 'wrk' },
  browser: {
    name: 'Chromium with Korean fonts',
    found: () => findChromium() !== null && hasPageFonts(),
    debian: ['chromium', 'fonts-noto-cjk', 'fonts-noto-color-emoji'],
    brew: '--cask chromium',
  },
} satisfies Record<string, Requirement>;

/**
 * Installs what is missing from the OS packages (Debian/Ubuntu, as root or with sudo). On
 * other systems it stops and says what to install, rather than guessing a package manager.
 */
export async function ensureInstalled(needed: Requirement[]): Promise<void> {
  const missing = needed.filter((requirement) => !requirement.found());
  if (missing.length === 0) return;
  const names = missing.map((requirement) => requirement.name).join(', ');
  if (process.platform === 'darwin') {
    const formulas = missing.map((requirement) => requirement.brew).join(' ');
    throw new Error(`missing ${names}: run \`brew install ${formulas}\` and try again`);
  }
  if (!Bun.which('apt-get')) throw new Error(`missing ${names}: install them with your package manager`);
  const sudo = isRoot ? [] : ['sudo'];
  const packages = missing.flatMap((requirement) => requirement.debian);
  console.error(`fruitables: installing ${packages.join(' ')} from the OS packages`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await run([...sudo, 'apt-get', 'update', '-qq'], { env, check: true });
  await run([...sudo, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages], { env, check: true });
  // Debian starts a system-wide instance after install; ours run on their own ports and data, so leave it be.
  const still = missing.filter((requirement) => !requirement.found());
  if (still.length > 0) throw new Error(`installed packages but still missing: ${still.map((r) => r.name).join(', ')}`);
}
