/** @jsxImportSource hono/jsx/dom */
import { useState } from 'hono/jsx/dom';
import { messageOf } from './api.ts';
import type { LotPhoto } from './inventory.ts';
import { Notice, Progress } from './ui.tsx';
import { upload } from './upload.ts';

/** The smallest rendition, for thumbnails. */
export const thumbnailOf = (photo: LotPhoto): string => photo.variants[0]?.url ?? '';

/**
 * Pick a photo, see it at once (a local preview while it uploads), watch the upload, and
 * get the stored photo back. The catalog re-encodes it and drops its EXIF/GPS data.
 */
export function PhotoUpload(props: {
  farmId: string;
  subjectType: 'farm' | 'lot';
  subjectId: string;
  label: string;
  onUploaded: (photo: LotPhoto) => void;
}) {
  // While uploading: the local preview and the share sent (null once the catalog is re-encoding).
  const [uploading, setUploading] = useState<{ preview: string; sent: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const picked = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setError(null);
    const preview = URL.createObjectURL(file);
    setUploading({ preview, sent: 0 });
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('subjectType', props.subjectType);
    form.append('subjectId', props.subjectId);
    try {
      const answer = await upload<LotPhoto>('catalog', `/v1/farms/${props.farmId}/photos`, form, (fraction) =>
        setUploading({ preview, sent: fraction < 1 ? fraction : null }),
      );
      props.onUploaded(answer.body);
    } catch (failure) {
      // catalog says why in Korean: too large (413), not a photo (415), too many pixels (422).
      setError(messageOf(failure));
    } finally {
      setUploading(null);
      URL.revokeObjectURL(preview);
    }
  };

  return (
    <div class="photo-upload">
      <label class="button secondary file-button">
        {props.label}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          class="visually-hidden"
          onChange={picked}
          disabled={uploading !== null}
        />
      </label>
      {uploading ? (
        <div class="upload-preview">
          <img src={uploading.preview} alt="올리는 중인 사진 미리보기" width={96} height={96} />
          <Progress label={uploading.sent === null ? '사진 처리 중…' : '사진 올리는 중'} value={uploading.sent} />
        </div>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
    </div>
  );
}
