import { formatKrw } from './config.ts';
import { initials, isInitialsOnly, normalize } from './hangul.ts';

/** One row of /data/search-index.json (built by the storefront with the pages). */
interface Entry {
  url: string;
  name: string;
  fruit: string;
  variety: string;
  farm: string;
  region: string;
  grades: string[];
  price: number | null;
  inStock: boolean;
  harvestedOn: string | null;
  /** The cover photo's smallest rendition; absent in an index a visit cached before it had one. */
  thumbnail?: { url: string; width: number; height: number } | null;
}

interface Prepared extends Entry {
  text: string;
  initials: string;
}

const CACHE_KEY = 'fruitables.search-index.v1';
const form = document.querySelector<HTMLFormElement>('form[data-search]');
const input = document.querySelector<HTMLInputElement>('#q');
const results = document.querySelector<HTMLElement>('[data-search-results]');
const summary = document.querySelector<HTMLElement>('[data-search-summary]');

function prepare(entries: Entry[]): Prepared[] {
  return entries.map((entry) => {
    const text = normalize(
      [entry.name, entry.fruit, entry.variety, entry.farm, entry.region, ...entry.grades].join(' '),
    );
    return { ...entry, text, initials: initials(text) };
  });
}

/**
 * The index once per visit, from the network when it can be reached and otherwise from the
 * copy the last visit kept: search keeps working offline once the index has loaded.
 */
async function loadIndex(): Promise<Prepared[]> {
  const url = document.body.dataset.searchIndex ?? '/data/search-index.json';
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(String(response.status));
    const text = await response.text();
    try {
      localStorage.setItem(CACHE_KEY, text);
    } catch {
      // Storage full or disabled: search still works for this visit.
    }
    return prepare(JSON.parse(text) as Entry[]);
  } catch {
    const cached = localStorage.getItem(CACHE_KEY);
    return cached ? prepare(JSON.parse(cached) as Entry[]) : [];
  }
}

/** Every word must appear somewhere (partial matches count); initials-only words match initials. */
function matches(entry: Prepared, words: string[]): boolean {
  return words.every((word) => (isInitialsOnly(word) ? entry.initials.includes(word) : entry.text.includes(word)));
}

function render(found: Prepared[], query: string): void {
  if (!results || !summary) return;
  results.replaceChildren(
    ...found.slice(0, 60).map((entry) => {
      const item = document.createElement('li');
      item.className = 'card';
      const link = document.createElement('a');
      link.href = entry.url;
      link.className = 'card-link';
      const text = document.createElement('span');
      text.className = 'card-text';
      const title = document.createElement('strong');
      title.textContent = entry.name;
      const farm = document.createElement('span');
      farm.className = 'muted';
      farm.textContent = `${entry.farm} · ${entry.region}`;
      const price = document.createElement('span');
      price.className = 'price';
      price.textContent = entry.price === null ? '' : `${formatKrw(entry.price)}부터`;
      text.append(title, farm, price);
      if (!entry.inStock) {
        const sold = document.createElement('span');
        sold.className = 'badge badge-sold_out';
        sold.textContent = '품절';
        text.append(sold);
      }
      if (entry.thumbnail) {
        // As the list cards' CardPhoto: decorative beside the name, its box fixed by CSS.
        const photo = document.createElement('img');
        photo.className = 'card-photo';
        photo.src = entry.thumbnail.url;
        photo.width = entry.thumbnail.width;
        photo.height = entry.thumbnail.height;
        photo.alt = '';
        photo.loading = 'lazy';
        photo.decoding = 'async';
        link.classList.add('card-link-photo');
        link.append(photo);
      }
      link.append(text);
      item.append(link);
      return item;
    }),
  );
  summary.textContent = query ? `‘${query}’ 검색 결과 ${found.length}개` : '';
}

async function start(): Promise<void> {
  if (!form || !input) return;
  const index = await loadIndex();
  const run = () => {
    const query = input.value.trim();
    const words = query.split(/\s+/).map(normalize).filter(Boolean);
    const found = words.length === 0 ? [] : index.filter((entry) => matches(entry, words));
    found.sort((a, b) => Number(b.inStock) - Number(a.inStock) || (a.price ?? 0) - (b.price ?? 0));
    render(found, query);
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
  };
  input.value = new URL(location.href).searchParams.get('q') ?? input.value;
  input.addEventListener('input', run);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  run();
}

void start();
