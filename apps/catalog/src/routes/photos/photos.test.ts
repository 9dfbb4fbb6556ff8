import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { responseSchema } from '@fruitables/kit/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_URL_PREFIX, photoSchema } from '../../contract/photos.ts';
import { isPhotoKey } from '../../photos/photo-key.ts';
import { PHOTO_POLICY } from '../../photos/process-photo.ts';
import {
  type CatalogHarness,
  call,
  createHarness,
  daysAgo,
  seedFarm,
  seedLot,
  seedOffer,
} from '../../testing/harness.ts';
import {
  EXIF_MARKER,
  impostors,
  isWebp,
  jpegWithGps,
  png,
  pngBomb,
  webp,
  webpChunks,
} from '../../testing/photo-fixtures.ts';
import { getFarmRoute } from '../farms/get-farm.ts';
import { getProductRoute } from '../products/get-product.ts';

let h: CatalogHarness;
beforeAll(async () => {
  h = await createHarness('catalog-photos');
});
afterAll(async () => {
  await h.close();
});

interface Farm {
  farmId: string;
  token: string;
}

interface UploadOptions {
  name?: string;
  type?: string;
  subjectType?: string;
  subjectId?: string;
  alt?: string;
  token?: string;
  farmId?: string;
}

function upload(farm: Farm, bytes: Uint8Array | string, options: UploadOptions = {}) {
  const form = new FormData();
  const part = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  form.append(
    'file',
    new File([Buffer.from(part)], options.name ?? 'photo.jpg', { type: options.type ?? 'image/jpeg' }),
  );
  form.append('subjectType', options.subjectType ?? 'farm');
  form.append('subjectId', options.subjectId ?? farm.farmId);
  if (options.alt !== undefined) form.append('alt', options.alt);
  return h.client.post(`/v1/farms/${options.farmId ?? farm.farmId}/photos`, {
    token: options.token ?? farm.token,
    body: form,
  });
}

/** The service path behind a variant URL (the edge strips `/api/catalog`). */
const servicePath = (url: string) => url.replace('/api/catalog', '');
const keyOf = (url: string) => url.slice(MEDIA_URL_PREFIX.length);
const storedFiles = () => readdirSync(h.photoDir).sort();

describe('uploading a photo', () => {
  it('stores a phone JPEG as upright WebP variants under random names, with EXIF and GPS gone', async () => {
    const farm = await seedFarm(h);
    const response = await upload(farm, await jpegWithGps(1600, 1200), {
      name: 'IMG_0042-our-farm-address.jpg',
      alt: '사과밭 전경',
    });
    expect(response.status).toBe(201);
    const photo = response.parse(photoSchema);
    expect(photo).toMatchObject({
      subjectType: 'farm',
      subjectId: farm.farmId,
      width: 1200,
      height: 1600,
      alt: '사과밭 전경',
    });
    expect(photo.variants.map(({ width, height }) => [width, height])).toEqual([
      [320, 427],
      [640, 853],
      [1200, 1600],
    ]);
    for (const variant of photo.variants) {
      expect(variant.url.startsWith(MEDIA_URL_PREFIX)).toBe(true);
      const key = keyOf(variant.url);
      // Our random name, nothing of the upload's.
      expect(isPhotoKey(key)).toBe(true);
      expect(variant.url).not.toContain('IMG_0042');
      const stored = readFileSync(join(h.photoDir, key));
      expect(isWebp(stored)).toBe(true);
      expect(webpChunks(stored).some((chunk) => ['EXIF', 'XMP ', 'ICCP'].includes(chunk))).toBe(false);
      expect(stored.includes(EXIF_MARKER)).toBe(false);
      const metadata = await sharp(stored).metadata();
      expect(metadata).toMatchObject({ format: 'webp', width: variant.width, height: variant.height });
      expect(metadata.exif).toBeUndefined();
    }
    // One stem for the photo, one file per variant, nothing else (no original kept).
    const keys = photo.variants.map((variant) => keyOf(variant.url));
    expect(new Set(keys.map((key) => key.slice(0, 36))).size).toBe(1);
    expect(storedFiles()).toEqual(expect.arrayContaining(keys));
    const [row] = await h.owner<{ farm_id: string; variants: { key: string; bytes: number }[] }[]>`
      select farm_id, variants from catalog.photos where id = ${photo.id}`;
    expect(row?.farm_id).toBe(farm.farmId);
    expect(row?.variants.map((variant) => variant.key)).toEqual(keys);
    expect(row?.variants.every((variant) => variant.bytes > 0)).toBe(true);
  });

  it('takes PNG and WebP, never upscaling past the original width', async () => {
    const farm = await seedFarm(h);
    const { productId } = await seedOffer(h, farm);
    const fromPng = (
      await upload(farm, await png(900, 600), {
        name: 'box.png',
        type: 'image/png',
        subjectType: 'product',
        subjectId: productId,
      })
    ).parse(photoSchema);
    expect(fromPng.variants.map((variant) => variant.width)).toEqual([320, 640, 900]);
    const fromWebp = (
      await upload(farm, await webp(200, 150), {
        name: 'x.webp',
        type: 'image/webp',
        subjectType: 'product',
        subjectId: productId,
      })
    ).parse(photoSchema);
    expect(fromWebp.variants).toEqual([{ width: 200, height: 150, url: expect.stringMatching(/-200\.webp$/) }]);
  });

  it('attaches photos to a lot of the farm', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm);
    const lotId = await seedLot(h, farm, offerId, { lotCode: 'PH-1', harvestedOn: daysAgo(h, 1), boxesHarvested: 10 });
    const response = await upload(farm, await png(400, 300), {
      type: 'image/png',
      subjectType: 'lot',
      subjectId: lotId,
    });
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({ subjectType: 'lot', subjectId: lotId });
  });
});

describe('refused uploads', () => {
  it('refuses HTML, SVG and PHP named photo.jpg and declared image/jpeg (415), storing nothing', async () => {
    const farm = await seedFarm(h);
    const before = storedFiles();
    for (const content of Object.values(impostors)) {
      const response = await upload(farm, content, { name: 'photo.jpg', type: 'image/jpeg' });
      expect(response.status).toBe(415);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = response.problem;
      expect(problem.code).toBe('unsupported_photo_type');
      expect(problem.detail).toContain('image/jpeg, image/png, image/webp');
    }
    expect(storedFiles()).toEqual(before);
  });

  it('refuses a body over the upload limit, and a file over the cap in a body under it (413)', async () => {
    const farm = await seedFarm(h);
    const jpegStart = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
    const oversized = new Uint8Array(PHOTO_POLICY.maxBytes + 1024 * 1024);
    oversized.set(jpegStart);
    const body = await upload(farm, oversized);
    expect(body.problem).toMatchObject({ status: 413, code: 'body_too_large' });
    const justOver = new Uint8Array(PHOTO_POLICY.maxBytes + 1);
    justOver.set(jpegStart);
    const file = await upload(farm, justOver);
    expect(file.problem).toMatchObject({ status: 413, code: 'photo_too_large' });
  });

  it('refuses a tiny file declaring 20000×20000 pixels from its header, before decoding (422)', async () => {
    const farm = await seedFarm(h);
    const response = await upload(farm, pngBomb(20_000, 20_000), { name: 'small.png', type: 'image/png' });
    expect(response.problem).toMatchObject({ status: 422, code: 'photo_too_many_pixels' });
  });

  it('names missing or bad form fields (400)', async () => {
    const farm = await seedFarm(h);
    const form = new FormData();
    form.append('subjectType', 'tractor');
    const response = await h.client.post(`/v1/farms/${farm.farmId}/photos`, { token: farm.token, body: form });
    expect(response.status).toBe(400);
    const problem = response.problem;
    expect(problem.errors?.map((error) => error.field).sort()).toEqual([
      'form.file',
      'form.subjectId',
      'form.subjectType',
    ]);
  });
});

describe('farm scoping', () => {
  it("answers 404 for another farm's product or lot as subject, and for a farm id that is not this farm", async () => {
    const mine = await seedFarm(h);
    const theirs = await seedFarm(h, '다른농원');
    const { productId, offerId } = await seedOffer(h, theirs);
    const lotId = await seedLot(h, theirs, offerId, { lotCode: 'TH-1', harvestedOn: daysAgo(h, 1), boxesHarvested: 5 });
    const image = await png(64, 64);
    const attempts = [
      { subjectType: 'product', subjectId: productId },
      { subjectType: 'lot', subjectId: lotId },
      { subjectType: 'farm', subjectId: theirs.farmId },
      // A real id of the wrong kind: the farm's own product id given as a lot.
      { subjectType: 'lot', subjectId: productId },
    ];
    for (const subject of attempts) {
      const response = await upload(mine, image, { type: 'image/png', ...subject });
      expect(response.problem).toMatchObject({ status: 404, code: 'photo_subject_not_found' });
    }
  });

  it('answers 404 to a farmer uploading to or deleting from another farm, as for a missing farm', async () => {
    const mine = await seedFarm(h);
    const theirs = await seedFarm(h, '옆농원');
    const response = await upload(mine, await png(64, 64), {
      type: 'image/png',
      farmId: theirs.farmId,
      subjectId: theirs.farmId,
    });
    expect(response.problem).toMatchObject({ status: 404, code: 'farm_not_found' });
    const theirPhoto = (await upload(theirs, await png(64, 64), { type: 'image/png' })).parse(photoSchema);
    const viaTheirFarm = await call(h, 'DELETE', `/v1/farms/${theirs.farmId}/photos/${theirPhoto.id}`, {
      token: mine.token,
    });
    expect(viaTheirFarm.status).toBe(404);
    const viaMyFarm = await call(h, 'DELETE', `/v1/farms/${mine.farmId}/photos/${theirPhoto.id}`, {
      token: mine.token,
    });
    expect(viaMyFarm.problem).toMatchObject({ status: 404, code: 'photo_not_found' });
    // Still there.
    const media = await h.app.request(servicePath(theirPhoto.variants[0]?.url ?? ''));
    expect(media.status).toBe(200);
  });

  it('refuses anonymous uploads (401) and shoppers (404)', async () => {
    const farm = await seedFarm(h);
    const anonymous = await h.app.request(`/v1/farms/${farm.farmId}/photos`, { method: 'POST', body: new FormData() });
    expect(anonymous.status).toBe(401);
    const shopper = await upload(farm, await png(64, 64), { type: 'image/png', token: await h.signer.shopper() });
    expect(shopper.status).toBe(404);
  });
});

describe('serving media', () => {
  it('serves a variant as immutable, publicly cacheable WebP', async () => {
    const farm = await seedFarm(h);
    const photo = (await upload(farm, await jpegWithGps(800, 600))).parse(photoSchema);
    const variant = photo.variants[0];
    if (!variant) throw new Error('no variant');
    const response = await h.app.request(servicePath(variant.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes).equals(readFileSync(join(h.photoDir, keyOf(variant.url))))).toBe(true);
    expect(response.headers.get('content-length')).toBe(String(bytes.byteLength));
  });

  it('answers 404 problem+json for unknown and malformed keys, never touching the filesystem outside', async () => {
    const paths = [
      '/v1/media/3f0c9d52-8a4e-4b7a-9c1d-2e4f5a6b7c8d-640.webp',
      '/v1/media/..%2F..%2F..%2Fetc%2Fpasswd',
      '/v1/media/photo.jpg',
      `/v1/media/${'a'.repeat(300)}`,
    ];
    for (const path of paths) {
      const response = await h.app.request(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});

describe('deleting a photo', () => {
  it('removes the row and every stored variant', async () => {
    const farm = await seedFarm(h);
    const photo = (await upload(farm, await jpegWithGps(1600, 1200))).parse(photoSchema);
    const keys = photo.variants.map((variant) => keyOf(variant.url));
    expect(storedFiles()).toEqual(expect.arrayContaining(keys));
    const response = await call(h, 'DELETE', `/v1/farms/${farm.farmId}/photos/${photo.id}`, { token: farm.token });
    expect(response.status).toBe(204);
    expect(storedFiles().filter((file) => keys.includes(file))).toEqual([]);
    expect(await h.owner`select 1 from catalog.photos where id = ${photo.id}`).toHaveLength(0);
    expect((await h.app.request(servicePath(photo.variants[0]?.url ?? ''))).status).toBe(404);
    const again = await call(h, 'DELETE', `/v1/farms/${farm.farmId}/photos/${photo.id}`, { token: farm.token });
    expect(again.status).toBe(404);
  });
});

describe('public reads', () => {
  it("lists a farm's own photos on its profile and a product's on the product page, oldest first", async () => {
    const farm = await seedFarm(h);
    const { productId } = await seedOffer(h, farm);
    const farmPhoto = (await upload(farm, await png(400, 300), { type: 'image/png', alt: '농장' })).parse(photoSchema);
    const first = (
      await upload(farm, await png(400, 300), { type: 'image/png', subjectType: 'product', subjectId: productId })
    ).parse(photoSchema);
    h.clock.advance(1_000);
    const second = (
      await upload(farm, await webp(300, 300), { type: 'image/webp', subjectType: 'product', subjectId: productId })
    ).parse(photoSchema);
    const farmPage = (await call(h, 'GET', `/v1/farms/${farm.farmId}`)).parse(responseSchema(getFarmRoute, 200));
    expect(farmPage.photos).toEqual([farmPhoto]);
    const productPage = (await call(h, 'GET', `/v1/products/${productId}`)).parse(responseSchema(getProductRoute, 200));
    expect(productPage.photos.map((photo) => photo.id)).toEqual([first.id, second.id]);
    expect(productPage.offers).toHaveLength(1);
  });
});

describe('the OpenAPI document', () => {
  it('documents the photo routes, the multipart upload and the media response', async () => {
    const response = await call(h, 'GET', '/openapi.json');
    const raw = response.text;
    if (response.status !== 200) throw new Error(raw.slice(0, 2000));
    const document = JSON.parse(raw) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(document.paths['/v1/farms/{farmId}/photos'] ?? {})).toEqual(['post']);
    expect(Object.keys(document.paths['/v1/farms/{farmId}/photos/{photoId}'] ?? {})).toEqual(['delete']);
    expect(Object.keys(document.paths['/v1/media/{key}'] ?? {})).toEqual(['get']);
    const upload = document.components.schemas.PhotoUpload?.properties;
    expect(upload?.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(JSON.stringify(document.paths['/v1/media/{key}'])).toContain('"image/webp"');
    expect(JSON.stringify(document.components.schemas.PublicFarm)).toContain('#/components/schemas/Photo');
  });
});
