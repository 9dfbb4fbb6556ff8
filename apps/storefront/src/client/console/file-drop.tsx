/** @jsxImportSource hono/jsx/dom */
import { useState } from 'hono/jsx/dom';

/**
 * A file picker that is also a drop target: a label around a hidden input, so a tap, the
 * keyboard (Tab, Enter) and a dragged file all work. `marker` names a data attribute on the
 * input for tests (`data-batch-file`).
 */
export function FileDrop(props: {
  hint: string;
  accept: string;
  disabled: boolean;
  marker: string;
  onFile: (file: File) => void;
}) {
  const [dragging, setDragging] = useState(false);
  const picked = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared so that picking the same file again (after fixing it) fires again.
    input.value = '';
    if (file) props.onFile(file);
  };
  const dropped = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer?.files[0];
    if (file) props.onFile(file);
  };
  return (
    <label
      class={`dropzone${dragging ? ' dragging' : ''}`}
      onDragOver={(event: DragEvent) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={dropped}
    >
      <span>파일을 여기에 끌어다 놓거나 눌러서 고르세요</span>
      <span class="muted">{props.hint}</span>
      <span class="button">파일 고르기</span>
      <input
        type="file"
        name="file"
        accept={props.accept}
        class="visually-hidden"
        onChange={picked}
        disabled={props.disabled}
        {...{ [`data-${props.marker}`]: true }}
      />
    </label>
  );
}
