import { photos } from '@fruitables/schema-catalog';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import type { DomainContext } from '../domain/context.ts';
import { type PhotoServices, uploadPhoto } from '../photos/upload-photo.ts';
import { findProductId } from './find.ts';
import { fruitIllustration } from './illustrations.ts';
import type { DemoFarm } from './types.ts';

/** What drawing the demo's pictures needs: the photo pipeline, and where the products are. */
export type IllustrateContext = Pick<DomainContext, 'db' | 'clock' | 'logger'> & PhotoServices;

async function hasPhoto(ctx: IllustrateContext, productId: string): Promise<boolean> {
  const [row] = await ctx.db
    .select({ id: photos.id })
    .from(photos)
    .where(and(eq(photos.subjectType, 'product'), eq(photos.subjectId, productId)))
    .limit(1);
  return row !== undefined;
}

/**
 * Gives every demo product without a photo a drawn picture of its fruit (illustrations.ts),
 * so every card of the demo shop has one. The SVG is rasterised to PNG here and then goes
 * through the same pipeline as a farmer's upload (checks, WebP variants, the photo store),
 * so the shop cannot tell it from a photo. A product with any photo keeps it: a re-run adds
 * nothing, and a demo farmer's own upload is never joined by a drawing. Returns how many
 * pictures it added.
 */
export async function illustrateDemoProducts(ctx: IllustrateContext, demo: readonly DemoFarm[]): Promise<number> {
  let added = 0;
  for (const farm of demo) {
    for (const product of farm.products) {
      const productId = await findProductId(ctx.db, farm.id, product.fruit, product.variety);
      if (productId === undefined || (await hasPhoto(ctx, productId))) continue;
      const png = await sharp(Buffer.from(fruitIllustration(product.fruit, product.variety)))
        .png()
        .toBuffer();
      await uploadPhoto(ctx, farm.id, {
        subjectType: 'product',
        subjectId: productId,
        alt: `${product.variety === product.fruit ? product.fruit : `${product.variety} ${product.fruit}`} 그림`,
        bytes: new Uint8Array(png),
      });
      added += 1;
    }
  }
  return added;
}
