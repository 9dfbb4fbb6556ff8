import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** The docs UI's script, ready to serve: a name that changes with its content, and its gzip. */
export interface ScalarBundle {
  /** `scalar.<content hash>.js`: a new release gets a new name, so the old one may be cached forever. */
  fileName: string;
  /** Where the script lives on disk, for the rare client that does not take gzip. */
  path: string;
  gzipped: Uint8Array<ArrayBuffer>;
}

/**
 * The single-file browser build of @scalar/api-reference (it registers `window.Scalar` and
 * brings its own styles), from the pinned package in node_modules. The package does not
 * export the file, so it is found next to its main entry.
 */
export function scalarBundlePath(): string {
  return fileURLToPath(new URL('./browser/standalone.js', import.meta.resolve('@scalar/api-reference')));
}

/**
 * Reads, names and compresses the bundle on the first call only and remembers the result:
 * nothing is read at import, so a service whose docs are never opened keeps ~1.5 MB off its
 * RSS, and the 5 MB read and gzip are paid once, off the event loop (zlib's thread pool).
 */
export function createScalarBundleLoader(path: () => string = scalarBundlePath): () => Promise<ScalarBundle> {
  let loading: Promise<ScalarBundle> | undefined;
  const load = async (): Promise<ScalarBundle> => {
    const file = path();
    const bytes = await Bun.file(file).bytes();
    const hash = Bun.hash(bytes).toString(16).padStart(16, '0');
    // Copied out of zlib's Buffer: a plain, exactly-sized array, as the response body wants.
    const gzipped = new Uint8Array(await gzipAsync(bytes, { level: 9 }));
    return { fileName: `scalar.${hash}.js`, path: file, gzipped };
  };
  return () => {
    loading ??= load().catch((error: unknown) => {
      // A failed read is not remembered: the next request tries again.
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
