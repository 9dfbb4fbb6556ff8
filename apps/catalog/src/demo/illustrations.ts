/*
 * Drawn pictures of the demo catalog's fruit, as SVG: the demo shop shows a picture on every
 * card without a single photo fetched from anywhere (the stack runs offline, and a stock photo
 * would carry someone else's licence). Plain shapes only, no text: librsvg (inside sharp)
 * rasterises them without fonts, and a picture with letters would need translating.
 */

/** 4:3 like a phone photo, drawn on a 640×480 canvas and rendered at twice that. */
export const ILLUSTRATION_WIDTH = 1280;
export const ILLUSTRATION_HEIGHT = 960;

interface Palette {
  skin: string;
  shade: string;
  background: string;
}

const LEAF = '#4f8a3a';
const STEM = '#6b4a2b';

/** One round fruit at (x, y): a body, a darker lower half for volume, a highlight. */
function roundFruit(x: number, y: number, r: number, palette: Palette, squash = 1): string {
  const ry = r * squash;
  return [
    `<ellipse cx="${x}" cy="${y}" rx="${r}" ry="${ry}" fill="${palette.skin}"/>`,
    `<ellipse cx="${x + r * 0.12}" cy="${y + ry * 0.3}" rx="${r * 0.82}" ry="${ry * 0.62}" fill="${palette.shade}" opacity="0.45"/>`,
    `<ellipse cx="${x - r * 0.38}" cy="${y - ry * 0.4}" rx="${r * 0.22}" ry="${ry * 0.14}" fill="#fff" opacity="0.55" transform="rotate(-30 ${x - r * 0.38} ${y - ry * 0.4})"/>`,
  ].join('');
}

function leaf(x: number, y: number, angle: number, size = 1): string {
  const path = `M0 0 C ${18 * size} ${-22 * size}, ${58 * size} ${-22 * size}, ${76 * size} 0 C ${58 * size} ${22 * size}, ${18 * size} ${22 * size}, 0 0 Z`;
  return `<g transform="translate(${x} ${y}) rotate(${angle})"><path d="${path}" fill="${LEAF}"/><path d="M4 0 L ${70 * size} 0" stroke="#3b6b2b" stroke-width="2"/></g>`;
}

const stem = (x: number, y: number, length = 34) =>
  `<path d="M${x} ${y} q 4 ${-length / 2} 12 ${-length}" stroke="${STEM}" stroke-width="7" stroke-linecap="round" fill="none"/>`;

/** A persimmon's four-leaved cap. */
const calyx = (x: number, y: number) =>
  `${[0, 90, 180, 270]
    .map(
      (angle) =>
        `<ellipse cx="${x}" cy="${y - 16}" rx="11" ry="20" fill="#5d7f34" transform="rotate(${angle + 45} ${x} ${y})"/>`,
    )
    .join('')}<circle cx="${x}" cy="${y}" r="8" fill="${STEM}"/>`;

const apple = (p: Palette) => roundFruit(320, 260, 130, p, 0.92) + stem(316, 150) + leaf(334, 128, -25);

const pear = (p: Palette) =>
  `<circle cx="320" cy="290" r="125" fill="${p.skin}"/><circle cx="320" cy="180" r="72" fill="${p.skin}"/>` +
  `<ellipse cx="340" cy="320" rx="100" ry="80" fill="${p.shade}" opacity="0.4"/>` +
  Array.from({ length: 18 }, (_, i) => {
    const angle = i * 2.4;
    const r = 30 + ((i * 37) % 90);
    return `<circle cx="${320 + Math.cos(angle) * r}" cy="${280 + Math.sin(angle) * r * 0.9}" r="2.5" fill="${p.shade}" opacity="0.6"/>`;
  }).join('') +
  stem(318, 112, 30);

const citrus = (p: Palette) =>
  roundFruit(250, 290, 105, p, 0.95) + roundFruit(410, 270, 115, p, 0.95) + leaf(404, 160, -35, 0.9);

/** 한라봉 and its kin: the bump on top is the whole point. */
const dekopon = (p: Palette) =>
  roundFruit(320, 285, 135, p, 0.9) +
  `<ellipse cx="320" cy="160" rx="42" ry="34" fill="${p.skin}"/>` +
  `<ellipse cx="306" cy="150" rx="10" ry="6" fill="#fff" opacity="0.5"/>` +
  stem(318, 130, 22) +
  leaf(330, 122, -20, 0.8);

function strawberry(x: number, y: number, scale: number, p: Palette): string {
  const body = `<path d="M-60 -40 C -70 20, -20 70, 0 80 C 20 70, 70 20, 60 -40 C 30 -62, -30 -62, -60 -40 Z" fill="${p.skin}"/>`;
  const shade = `<path d="M10 -40 C 50 -30, 50 20, 0 80 C 30 40, 40 0, 10 -40 Z" fill="${p.shade}" opacity="0.45"/>`;
  const seeds = [
    [-35, -20],
    [-10, -25],
    [18, -22],
    [40, -15],
    [-30, 10],
    [-5, 5],
    [22, 8],
    [-15, 35],
    [10, 38],
    [0, 60],
  ]
    .map(([sx, sy]) => `<ellipse cx="${sx}" cy="${sy}" rx="3" ry="5" fill="#f6d96b"/>`)
    .join('');
  const cap = [-50, -25, 0, 25, 50]
    .map((dx) => `<ellipse cx="${dx}" cy="-50" rx="20" ry="9" fill="${LEAF}" transform="rotate(${dx / 2} ${dx} -50)"/>`)
    .join('');
  return `<g transform="translate(${x} ${y}) scale(${scale})">${body}${shade}${seeds}${cap}</g>`;
}

const strawberries = (p: Palette) => strawberry(235, 270, 1.35, p) + strawberry(420, 290, 1.2, p);

/** A bunch: rows of berries narrowing downwards. */
const grapes = (p: Palette) => {
  const rows = [5, 4, 4, 3, 2, 1];
  const berries = rows.flatMap((count, row) =>
    Array.from({ length: count }, (_, i) => roundFruit(320 + (i - (count - 1) / 2) * 54, 140 + row * 50, 30, p)),
  );
  return stem(320, 118, 40) + leaf(330, 92, -15, 0.9) + berries.join('');
};

const peach = (p: Palette) =>
  roundFruit(320, 270, 130, p) +
  `<path d="M320 145 C 290 210, 290 330, 330 395" stroke="${p.shade}" stroke-width="6" fill="none" opacity="0.6"/>` +
  stem(318, 142, 18) +
  leaf(326, 132, -30);

const watermelon = (p: Palette) => {
  const stripes = [-90, -50, -10, 30, 70]
    .map(
      (dx) =>
        `<path d="M${320 + dx} 140 C ${300 + dx} 220, ${340 + dx} 300, ${320 + dx * 1.05} 400" stroke="#1f4d22" stroke-width="16" fill="none" stroke-linecap="round" opacity="0.85"/>`,
    )
    .join('');
  return `<clipPath id="melon"><ellipse cx="320" cy="270" rx="150" ry="135"/></clipPath>${roundFruit(320, 270, 150, p, 0.9)}<g clip-path="url(#melon)">${stripes}</g>${stem(320, 138, 20)}`;
};

const orientalMelon = (p: Palette) => {
  const stripes = [-60, -20, 20, 60]
    .map(
      (dy) =>
        `<path d="M180 ${270 + dy * 0.4} C 260 ${250 + dy}, 380 ${250 + dy}, 460 ${270 + dy * 0.4}" stroke="#fff8dc" stroke-width="7" fill="none" opacity="0.9"/>`,
    )
    .join('');
  return roundFruit(320, 270, 145, p, 0.68) + stripes + stem(462, 262, 16);
};

const persimmon = (p: Palette, squash: number) =>
  roundFruit(320, 280, 135, p, squash) + calyx(320, 280 - 135 * squash + 6);

/** 곶감: dried, flattened, dusted white, hung in a row. */
const driedPersimmons = (p: Palette) =>
  `<path d="M120 110 L 520 110" stroke="${STEM}" stroke-width="5"/>` +
  [190, 320, 450]
    .map(
      (x) =>
        `<path d="M${x} 110 L ${x} 170" stroke="${STEM}" stroke-width="3"/>` +
        roundFruit(x, 260, 62, p, 1.35) +
        `<ellipse cx="${x}" cy="270" rx="46" ry="64" fill="#fff" opacity="0.18"/>` +
        calyx(x, 178),
    )
    .join('');

const genericFruit = (p: Palette) => roundFruit(320, 270, 130, p) + stem(318, 142) + leaf(330, 130, -25);

interface Drawing {
  palette: Palette;
  draw: (palette: Palette) => string;
}

const red = { skin: '#d8343a', shade: '#8e1b22', background: '#fbe9e4' };
const orange = { skin: '#f39a1e', shade: '#c8620f', background: '#fff1dc' };

/** By fruit; a variety that looks different (yellow apples, green grapes) overrides the palette. */
const drawings: Record<string, Drawing> = {
  사과: { palette: red, draw: apple },
  배: { palette: { skin: '#d9b46a', shade: '#9c7433', background: '#f6efdc' }, draw: pear },
  감귤: { palette: orange, draw: citrus },
  한라봉: { palette: orange, draw: dekopon },
  딸기: { palette: { skin: '#e23a4d', shade: '#9e1528', background: '#fde8ea' }, draw: strawberries },
  포도: { palette: { skin: '#5b2d7a', shade: '#2d1240', background: '#efe6f5' }, draw: grapes },
  복숭아: { palette: { skin: '#f7a8a0', shade: '#e0606a', background: '#fdeeea' }, draw: peach },
  수박: { palette: { skin: '#4c9a3f', shade: '#2d6b28', background: '#e7f3e1' }, draw: watermelon },
  참외: { palette: { skin: '#f4c21f', shade: '#c98f0a', background: '#fdf6d8' }, draw: orientalMelon },
  단감: { palette: orange, draw: (p) => persimmon(p, 0.78) },
  반시: { palette: { ...orange, skin: '#ee7f1a' }, draw: (p) => persimmon(p, 0.62) },
  곶감: { palette: { skin: '#9a4a1c', shade: '#5e2a0e', background: '#f3e9dd' }, draw: driedPersimmons },
};

const varietyPalettes: Record<string, Partial<Palette>> = {
  시나노골드: { skin: '#e9c53a', shade: '#b48a14', background: '#fbf3d6' },
  샤인머스캣: { skin: '#a9cf5a', shade: '#6f9a2a', background: '#eef6df' },
  황도: { skin: '#f6c04a', shade: '#e08a2a', background: '#fff3dc' },
  천도: { skin: '#c8324a', shade: '#7d1a2c' },
  레드향: { skin: '#ec6a1f', shade: '#b04210' },
};

/** Whether this kind of fruit has a drawing of its own (else it gets a generic fruit). */
export const hasOwnDrawing = (fruit: string): boolean => fruit in drawings;

/** The picture of one demo product, as an SVG document (a generic fruit for a kind not drawn yet). */
export function fruitIllustration(fruit: string, variety: string): string {
  const drawing = drawings[fruit] ?? {
    palette: { skin: '#8fbf4a', shade: '#5d8a2a', background: '#eef5e4' },
    draw: genericFruit,
  };
  const palette = { ...drawing.palette, ...varietyPalettes[variety] };
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${ILLUSTRATION_WIDTH}" height="${ILLUSTRATION_HEIGHT}" viewBox="0 0 640 480">`,
    `<rect width="640" height="480" fill="${palette.background}"/>`,
    // The table the fruit sits on, and its shadow: enough depth for a thumbnail.
    `<rect y="390" width="640" height="90" fill="${palette.shade}" opacity="0.08"/>`,
    `<ellipse cx="320" cy="410" rx="190" ry="22" fill="#000" opacity="0.12"/>`,
    drawing.draw(palette),
    '</svg>',
  ].join('');
}
