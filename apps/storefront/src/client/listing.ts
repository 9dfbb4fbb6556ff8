/** One product of the listing's embedded JSON index (see pages/listing.tsx). */
interface Row {
  id: string;
  variety: string;
  sido: string;
  certifications: string[];
  harvestedOn: string | null;
  offers: { grade: string; priceKrw: number; stockState: string }[];
}

interface Filters {
  grades: string[];
  certifications: string[];
  variety: string;
  sido: string;
  minPrice: number | null;
  maxPrice: number | null;
  inStock: boolean;
  sort: string;
}

// Filters run here, over the index the page carries: no request per change. Without
// JavaScript the form stays hidden and every product is listed.
const form = document.querySelector<HTMLFormElement>('form[data-filters]');
const list = document.querySelector<HTMLElement>('[data-listing]');
const count = document.querySelector<HTMLElement>('[data-listing-count]');
const indexElement = document.getElementById('listing-index');

function readFilters(data: FormData): Filters {
  const price = (name: string) => {
    const value = String(data.get(name) ?? '').replaceAll(',', '');
    return value === '' || Number.isNaN(Number(value)) ? null : Number(value);
  };
  return {
    grades: data.getAll('grade').map(String),
    certifications: data.getAll('certification').map(String),
    variety: String(data.get('variety') ?? ''),
    sido: String(data.get('sido') ?? ''),
    minPrice: price('minPrice'),
    maxPrice: price('maxPrice'),
    inStock: data.get('inStock') === 'on',
    sort: String(data.get('sort') ?? 'recommended'),
  };
}

/** An offer must pass every offer filter at once (a cheap 못난이 box that is in stock, not one of each). */
function offersMatching(row: Row, filters: Filters): Row['offers'] {
  return row.offers.filter(
    (offer) =>
      (filters.grades.length === 0 || filters.grades.includes(offer.grade)) &&
      (filters.minPrice === null || offer.priceKrw >= filters.minPrice) &&
      (filters.maxPrice === null || offer.priceKrw <= filters.maxPrice) &&
      (!filters.inStock || offer.stockState !== 'sold_out'),
  );
}

function matches(row: Row, filters: Filters): boolean {
  if (filters.variety && row.variety !== filters.variety) return false;
  if (filters.sido && row.sido !== filters.sido) return false;
  if (filters.certifications.length > 0 && !filters.certifications.some((c) => row.certifications.includes(c))) {
    return false;
  }
  return offersMatching(row, filters).length > 0 || (row.offers.length === 0 && isUnfiltered(filters));
}

const isUnfiltered = (filters: Filters): boolean =>
  filters.grades.length === 0 && filters.minPrice === null && filters.maxPrice === null && !filters.inStock;

function lowest(row: Row, filters: Filters): number {
  const prices = offersMatching(row, filters).map((offer) => offer.priceKrw);
  return prices.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...prices);
}

function apply(rows: Row[], original: string[]): void {
  if (!form || !list) return;
  const filters = readFilters(new FormData(form));
  const visible = rows.filter((row) => matches(row, filters));
  const order =
    filters.sort === 'price_asc'
      ? [...visible].sort((a, b) => lowest(a, filters) - lowest(b, filters))
      : filters.sort === 'price_desc'
        ? [...visible].sort((a, b) => lowest(b, filters) - lowest(a, filters))
        : filters.sort === 'newest_harvest'
          ? [...visible].sort((a, b) => (b.harvestedOn ?? '').localeCompare(a.harvestedOn ?? ''))
          : [...visible].sort((a, b) => original.indexOf(a.id) - original.indexOf(b.id));
  const cards = new Map(
    [...list.querySelectorAll<HTMLElement>('[data-product]')].map((card) => [card.dataset.product ?? '', card]),
  );
  for (const card of cards.values()) card.hidden = true;
  for (const row of order) {
    const card = cards.get(row.id);
    if (!card) continue;
    card.hidden = false;
    list.append(card);
  }
  if (count) count.textContent = `${order.length}개 상품`;
}

if (form && list && indexElement) {
  const rows = JSON.parse(indexElement.textContent ?? '[]') as Row[];
  const original = rows.map((row) => row.id);
  form.hidden = false;
  form.addEventListener('change', () => apply(rows, original));
  form.addEventListener('input', () => apply(rows, original));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply(rows, original);
  });
  form.addEventListener('reset', () => setTimeout(() => apply(rows, original), 0));
}
