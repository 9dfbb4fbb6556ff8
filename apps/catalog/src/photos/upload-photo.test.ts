import { readdirSync } from 'node:fs';
import { photos } from '@fruitables/schema-catalog';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogHarness, createHarness, seedFarm } from '../testing/harness.ts';
import { png } from '../testing/photo-fixtures.ts';
import type { PhotoStore } from './photo-store.ts';
import { PHOTO_POLICY, type ProcessPhoto, processPhoto } from './process-photo.ts';
import { uploadPhoto } from './upload-photo.ts';

let h: CatalogHarness;
beforeAll(async () => {
  h = await createHarness('catalog-photo-upload');
});
afterAll(async () => {
  await h.close();
});

const process: ProcessPhoto = (input) => processPhoto(input, PHOTO_POLICY);

describe('a failed upload leaves nothing behind', () => {
  it('deletes the stored variants when the row cannot be inserted', async () => {
    const { farmId } = await seedFarm(h);
    const before = readdirSync(h.photoDir);
    // Variants that store fine, but a photo size the table's CHECK refuses: the insert fails after the writes.
    const zeroSized: ProcessPhoto = async (input) => ({ ...(await process(input)), width: 0, height: 0 });
    const upload = uploadPhoto({ ...h.ctx, store: h.photos, process: zeroSized }, farmId, {
      subjectType: 'farm',
      subjectId: farmId,
      alt: '',
      bytes: await png(800, 600),
    });
    await expect(upload).rejects.toThrow();
    expect(readdirSync(h.photoDir)).toEqual(before);
    expect(await h.db.select().from(photos).where(eq(photos.farmId, farmId))).toEqual([]);
  });

  it('deletes the variants already written when a later write fails', async () => {
    const { farmId } = await seedFarm(h);
    const before = readdirSync(h.photoDir);
    let puts = 0;
    const failingThird: PhotoStore = {
      ...h.photos,
      async put(key, bytes, contentType) {
        puts++;
        if (puts === 3) throw new Error('disk full');
        await h.photos.put(key, bytes, contentType);
      },
    };
    const upload = uploadPhoto({ ...h.ctx, store: failingThird, process }, farmId, {
      subjectType: 'farm',
      subjectId: farmId,
      alt: '',
      bytes: await png(1600, 1200),
    });
    await expect(upload).rejects.toThrow('disk full');
    expect(puts).toBe(3);
    expect(readdirSync(h.photoDir)).toEqual(before);
    expect(await h.db.select().from(photos).where(eq(photos.farmId, farmId))).toEqual([]);
  });
});
