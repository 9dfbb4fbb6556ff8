import { accessToken, type Problem, refreshSession } from '../session-store.ts';
import { ApiError, type Service, serviceBase } from './api.ts';
import { problemText } from './problem-text.ts';

export interface Uploaded<T> {
  status: number;
  body: T;
  /** The Location header: where a started job reports its progress. */
  location: string | null;
}

function send(
  url: string,
  token: string,
  body: FormData | Blob,
  onProgress: (fraction: number) => void,
): Promise<{ status: number; text: string; location: string | null }> {
  // XMLHttpRequest, not fetch: only it reports upload progress, which a farmer on a slow
  // orchard connection needs to see move.
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('authorization', `Bearer ${token}`);
    request.setRequestHeader('accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    // Every byte sent: the server is working on it now (progress events may not fire for a small file).
    request.upload.onload = () => onProgress(1);
    request.onload = () =>
      resolve({ status: request.status, text: request.responseText, location: request.getResponseHeader('location') });
    request.onerror = () => reject(new ApiError(0, null, problemText(0, null)));
    // A Blob is sent with its own type as the content type (a CSV as text/csv).
    request.send(body);
  });
}

/**
 * An upload with progress: a multipart form, or one file as its own type. 2xx answers, and those in `answered` (the batch
 * importer's 422 row report), are returned; any other status throws an ApiError whose
 * message is Korean.
 */
export async function upload<T>(
  service: Service,
  path: string,
  body: FormData | Blob,
  onProgress: (fraction: number) => void,
  answered: number[] = [],
): Promise<Uploaded<T>> {
  const url = `${serviceBase(service)}${path}`;
  let token = await accessToken();
  if (!token) throw new ApiError(401, null, problemText(401, null));
  let answer = await send(url, token, body, onProgress);
  if (answer.status === 401) {
    token = await refreshSession();
    if (!token) throw new ApiError(401, null, problemText(401, null));
    answer = await send(url, token, body, onProgress);
  }
  let parsed: unknown = null;
  try {
    parsed = answer.text ? JSON.parse(answer.text) : null;
  } catch {
    parsed = null;
  }
  if ((answer.status >= 200 && answer.status < 300) || answered.includes(answer.status)) {
    return { status: answer.status, body: parsed as T, location: answer.location };
  }
  throw new ApiError(answer.status, parsed as Problem | null, problemText(answer.status, parsed as Problem | null));
}
