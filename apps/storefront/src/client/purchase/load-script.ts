const loading = new Map<string, Promise<boolean>>();

/**
 * Loads a foreign script (the PG's widget, the postcode search) once, only when a page needs
 * it. Resolves false, never throws, when it cannot load (offline, blocked, no internet in a
 * test platform) within `timeoutMs`: the page then offers what works without it.
 */
export function loadScript(src: string, timeoutMs = 8_000): Promise<boolean> {
  let pending = loading.get(src);
  if (!pending) {
    pending = new Promise<boolean>((resolve) => {
      const script = document.createElement('script');
      const timer = setTimeout(() => resolve(false), timeoutMs);
      script.src = src;
      script.async = true;
      script.onload = () => {
        clearTimeout(timer);
        resolve(true);
      };
      script.onerror = () => {
        clearTimeout(timer);
        loading.delete(src);
        resolve(false);
      };
      document.head.append(script);
    });
    loading.set(src, pending);
  }
  return pending;
}
