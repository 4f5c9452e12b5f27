import { describe, expect, it } from 'vitest';
import { type FormState, fieldProps, fieldText } from './field-props.js';

describe('fieldText', () => {
  it('shows text as it is, numbers in digits and anything else as empty', () => {
    const values = { a: ' Text ', n: 0, m: 42.5, none: undefined, nil: null, list: ['x', 'y'], yes: true };
    expect(fieldText(values, 'a')).toBe(' Text ');
    expect(fieldText(values, 'n')).toBe('0');
    expect(fieldText(values, 'm')).toBe('42.5');
    for (const key of ['none', 'nil', 'list', 'yes', 'missing']) expect(fieldText(values, key)).toBe('');
  });
});

describe('fieldProps', () => {
  const form: FormState = {
    values: { email: 'kein-at', sortOrder: 3, 'vorrang-grund': 'Notfall', grund: 'falsch' },
    errors: { email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.', 'vorrang-grund': 'Zu lang.' },
  };

  it('gives the name, the kept value and the message of a field', () => {
    expect(fieldProps(form, 'email')).toEqual({
      name: 'email',
      value: 'kein-at',
      error: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    });
    expect(fieldProps(form, 'sortOrder')).toEqual({ name: 'sortOrder', value: '3', error: undefined });
  });

  it('gives an empty value and no message for a field the form does not know', () => {
    const props = fieldProps(form, 'phone');
    expect(props).toEqual({ name: 'phone', value: '', error: undefined });
    expect(Object.keys(props)).toEqual(['name', 'value', 'error']);
  });

  it('looks value and message up by the id when one is given, and passes the id on', () => {
    expect(fieldProps(form, 'grund', 'vorrang-grund')).toEqual({
      name: 'grund',
      id: 'vorrang-grund',
      value: 'Notfall',
      error: 'Zu lang.',
    });
    // An id equal to the name is the default: no id property.
    expect(fieldProps(form, 'email', 'email')).not.toHaveProperty('id');
  });

  it('does not take messages from the object prototype', () => {
    expect(fieldProps(form, 'constructor').error).toBeUndefined();
    expect(fieldProps(form, 'toString')).toEqual({ name: 'toString', value: '', error: undefined });
  });

  it("reads values with the form's own reader when it has one", () => {
    const upper = {
      ...form,
      text: (values: Readonly<Record<string, unknown>>, id: string) => String(values[id]).toUpperCase(),
    };
    expect(fieldProps(upper, 'email').value).toBe('KEIN-AT');
    expect(fieldProps(upper, 'grund', 'vorrang-grund').value).toBe('NOTFALL');
  });
});
