import { request } from 'node:http';

/** A response as it crossed the wire: the body still compressed, if the server compressed it. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body bytes exactly as sent (what a phone downloads). */
  wire: Buffer;
  /** The body decoded (gunzipped when it was gzip). */
  text: string;
}

/**
 * GET as a phone's browser does (`Accept-Encoding: gzip`), keeping the compressed bytes:
 * fetch() would decompress them and hide what the page really weighs.
 */
export function getRaw(url: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const call = request(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const wire = Buffer.concat(chunks);
        const gzipped = response.headers['content-encoding'] === 'gzip';
        const text = new TextDecoder().decode(gzipped ? Bun.gunzipSync(wire) : wire);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, wire, text });
      });
    });
    call.on('error', reject);
    call.end();
  });
}
