/**
 * What a form field shows: its name, the value kept (stored, or as submitted after a failed save) and
 * its message. Spread onto a KERN field: `<TextInput {...fieldProps(form, 'email')} label="E-Mail" />`.
 */

/** The values and messages of one form, as a page renders it. */
export interface FormState {
  /** The values shown, by field id: stored ones, or the submitted ones after a failed save. */
  values: Readonly<Record<string, unknown>>;
  /** The messages, by field id (the error summary links to the id). */
  errors: Readonly<Record<string, string>>;
  /** How a value becomes the field's text; default `fieldText`. */
  text?: (values: Readonly<Record<string, unknown>>, id: string) => string;
}

export interface FieldBinding {
  name: string;
  /** Only when it differs from the name (a second field of the same name on one page). */
  id?: string;
  value: string;
  error: string | undefined;
}

/** A value as a field shows it: text as it is, a number in digits, nothing (or anything else) empty. */
export function fieldText(values: Readonly<Record<string, unknown>>, id: string): string {
  const value = values[id];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/**
 * Name, kept value and message of the field `name`. Value and message are looked up by `id`, which is
 * the name unless two fields of one page share a name (then each gets its own id).
 */
export function fieldProps(form: FormState, name: string, id?: string): FieldBinding {
  const key = id ?? name;
  const value = (form.text ?? fieldText)(form.values, key);
  const error = Object.hasOwn(form.errors, key) ? form.errors[key] : undefined;
  return id === undefined || id === name ? { name, value, error } : { name, id, value, error };
}
