/** @jsxImportSource hono/jsx/dom */
import { certificationKinds, sidoNames } from '@fruitables/catalog/contract/values';
import { useEffect, useState } from 'hono/jsx/dom';
import { ApiError, api, messageOf } from './api.ts';
import { FormField, formValues } from './form-field.tsx';
import type { LotPhoto } from './inventory.ts';
import { PhotoUpload, thumbnailOf } from './photo-upload.tsx';
import { fieldErrors } from './problem-text.ts';
import { Loading, Notice } from './ui.tsx';

interface Farm {
  id: string;
  name: string;
  regionSido: string;
  regionSigungu: string;
  story: string;
  certifications: { kind: string; number: string }[];
  photos: LotPhoto[];
}

// The choices catalog accepts, from its contract; catalog refuses anything else with a Korean
// message naming the field, which this page shows beside it.
const SIDO = sidoNames;
const CERTIFICATIONS = certificationKinds;

/** The farm's public face: name, region, story, certifications and photos. */
export function ProfilePage(props: { farmId: string }) {
  const [farm, setFarm] = useState<Farm | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const path = `/v1/farms/${props.farmId}`;
  const load = () =>
    api<Farm>('catalog', path)
      .then(setFarm)
      .catch((failure: unknown) => setMessage({ kind: 'error', text: messageOf(failure) }));
  useEffect(() => {
    void load();
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    const values = formValues(event.currentTarget as HTMLFormElement);
    const certifications = CERTIFICATIONS.flatMap((kind) => {
      const number = values[`cert-${kind}`];
      return number ? [{ kind, number }] : [];
    });
    setBusy(true);
    setMessage(null);
    try {
      const saved = await api<Omit<Farm, 'photos'>>('catalog', path, {
        method: 'PATCH',
        body: {
          name: values.name ?? '',
          regionSido: values.regionSido ?? '',
          regionSigungu: values.regionSigungu ?? '',
          story: values.story ?? '',
          certifications,
        },
      });
      setFarm({ ...saved, photos: farm?.photos ?? [] });
      setErrors({});
      setMessage({ kind: 'ok', text: '저장했어요. 가게의 농장 소개에도 곧 반영돼요.' });
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      setErrors(fieldErrors(failure.problem, {}));
      setMessage({
        kind: 'error',
        text: failure.status === 400 ? '빨간 글씨로 표시된 칸을 고쳐 주세요.' : failure.message,
      });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (photo: LotPhoto) => {
    try {
      await api('catalog', `${path}/photos/${photo.id}`, { method: 'DELETE' });
      await load();
    } catch (failure) {
      setMessage({ kind: 'error', text: messageOf(failure) });
    }
  };

  if (!farm) return message ? <Notice kind="error">{message.text}</Notice> : <Loading />;
  const certificationNumber = (kind: string) => farm.certifications.find((entry) => entry.kind === kind)?.number;
  return (
    <>
      <form onSubmit={save} data-profile-form novalidate>
        <FormField name="name" label="농장 이름" value={farm.name} error={errors.name} />
        <div class="field">
          <label for="field-regionSido">시/도</label>
          <select id="field-regionSido" name="regionSido" required>
            <option value="">골라 주세요</option>
            {SIDO.map((sido) => (
              <option value={sido} selected={farm.regionSido === sido}>
                {sido}
              </option>
            ))}
          </select>
          <span class="field-error">{errors.regionSido ?? ''}</span>
        </div>
        <FormField
          name="regionSigungu"
          label="시/군/구"
          value={farm.regionSigungu}
          error={errors.regionSigungu}
          hint="예: 충주시"
        />
        <div class="field">
          <label for="field-story">농장 이야기</label>
          <textarea id="field-story" name="story" rows={6} maxlength={4000} value={farm.story} />
          <span class={errors.story ? 'field-error' : 'muted'}>
            {errors.story ?? '어떻게 키우는지, 어떤 땅인지 손님에게 들려주세요.'}
          </span>
        </div>
        <fieldset>
          <legend>인증 (있는 것만 번호를 적어 주세요)</legend>
          {CERTIFICATIONS.map((kind) => (
            <FormField
              name={`cert-${kind}`}
              label={`${kind} 인증번호`}
              value={certificationNumber(kind)}
              required={false}
            />
          ))}
          <span class="field-error">{errors.certifications ?? ''}</span>
        </fieldset>
        {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
        <button type="submit" disabled={busy}>
          {busy ? '저장하는 중…' : '저장'}
        </button>
      </form>
      <section aria-labelledby="photos-title">
        <h2 id="photos-title">농장 사진</h2>
        {farm.photos.length === 0 ? (
          <p class="muted">아직 사진이 없어요. 과수원이나 수확하는 모습을 올려 보세요.</p>
        ) : null}
        <ul class="thumbs">
          {farm.photos.map((photo) => (
            <li>
              <img src={thumbnailOf(photo)} alt={photo.alt || '농장 사진'} width={120} height={120} loading="lazy" />
              <button type="button" class="secondary" onClick={() => remove(photo)}>
                지우기
              </button>
            </li>
          ))}
        </ul>
        <PhotoUpload
          farmId={props.farmId}
          subjectType="farm"
          subjectId={props.farmId}
          label="사진 올리기"
          onUploaded={() => void load()}
        />
      </section>
    </>
  );
}
