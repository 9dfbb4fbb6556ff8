/**
 * Why an image reference is not pinned, or undefined when it is. A digest pins exactly; a
 * tag other than `latest` pins by convention (mutable, but a deliberate choice). No tag
 * means `latest` to the runtime, and `latest` changes under a running cluster.
 */
export function imageProblem(image: string): string | undefined {
  if (image.includes('@sha256:')) return undefined;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon < 0) return `"${image}" has no tag (the runtime would pull :latest)`;
  const tag = lastSegment.slice(colon + 1);
  if (tag === '' || tag === 'latest') return `"${image}" uses the mutable tag "${tag || '(empty)'}"`;
  return undefined;
}
