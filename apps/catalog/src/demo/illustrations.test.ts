import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { demoFarms } from './catalog.ts';
import { fruitIllustration, hasOwnDrawing, ILLUSTRATION_HEIGHT, ILLUSTRATION_WIDTH } from './illustrations.ts';

const demoProducts = demoFarms.flatMap((farm) => farm.products);

describe('the demo catalog pictures', () => {
  it('draw every kind of fruit the demo sells, none left to the generic fruit', () => {
    expect(demoProducts.filter((product) => !hasOwnDrawing(product.fruit)).map((product) => product.fruit)).toEqual([]);
  });

  it('rasterise offline at 4:3, as plain shapes with no text and nothing linked', async () => {
    for (const { fruit, variety } of demoProducts) {
      const svg = fruitIllustration(fruit, variety);
      // Nothing to fetch (no href but the clip path's own url(#…)) and no letters to translate.
      expect(svg).not.toMatch(/<text|<image|href=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
      const { width, height } = await sharp(Buffer.from(svg)).metadata();
      expect([width, height]).toEqual([ILLUSTRATION_WIDTH, ILLUSTRATION_HEIGHT]);
    }
  });

  it('tell a yellow apple from a red one', () => {
    expect(fruitIllustration('사과', '시나노골드')).not.toBe(fruitIllustration('사과', '부사'));
  });
});
