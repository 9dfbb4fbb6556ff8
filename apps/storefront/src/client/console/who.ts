import { accessToken } from '../session-store.ts';

export interface Who {
  accountId: string;
  roles: string[];
  farmIds: string[];
}

/**
 * Who is signed in, read from the access token's claims. Only for choosing what to show:
 * every API checks the token itself, so a page that guessed wrong just gets a 403.
 */
export async function whoAmI(): Promise<Who | null> {
  const token = await accessToken().catch(() => null);
  if (!token) return null;
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replaceAll('-', '+').replaceAll('_', '/'));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as {
      sub?: string;
      roles?: string[];
      farmIds?: string[];
    };
    return { accountId: claims.sub ?? '', roles: claims.roles ?? [], farmIds: claims.farmIds ?? [] };
  } catch {
    return null;
  }
}
