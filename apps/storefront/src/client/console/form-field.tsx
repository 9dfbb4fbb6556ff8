/** @jsxImportSource hono/jsx/dom */

/** A labelled input with its hint and the error the last submit left on it. */
export function FormField(props: {
  name: string;
  /** Makes the id unique when the same form repeats on a page (one per offer or lot). */
  scope?: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  type?: string;
  value?: string | number | undefined;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'text' | 'decimal';
  min?: number;
  step?: string;
}) {
  const id = `${props.scope ?? 'field'}-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value === undefined ? '' : String(props.value)}
        required={props.required ?? true}
        autocomplete={props.autocomplete ?? 'off'}
        inputmode={props.inputmode}
        min={props.min}
        step={props.step}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={`${id}-help`}
      />
      <span id={`${id}-help`} class={props.error ? 'field-error' : 'muted'} data-field-error={props.name}>
        {props.error ?? props.hint ?? ''}
      </span>
    </div>
  );
}

/** A form's fields as strings, empty ones left out. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) {
    const text = String(value).trim();
    if (text !== '') values[name] = text;
  }
  return values;
}
