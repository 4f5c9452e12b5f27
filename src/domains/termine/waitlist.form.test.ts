import { describe, expect, it } from 'vitest';
import { parseJoinForm, parseLocationIds, serviceFieldErrors } from './waitlist.form.js';

const valid = {
  _csrf: 'x',
  leistungen: ['meldebescheinigung', 'personalausweis'],
  standorte: 'rathaus',
  von: '2026-12-04',
  bis: '2026-12-10',
  tageszeiten: ['nachmittag', 'abends'],
  name: ' Anna ',
  email: 'anna@example.org',
  datenschutz: 'on',
};

describe('waiting-list form', () => {
  it('reads checkbox groups, dates and contact data', () => {
    expect(parseJoinForm(valid, 'de')).toEqual({
      ok: true,
      data: {
        name: 'Anna',
        email: 'anna@example.org',
        serviceIds: ['meldebescheinigung', 'personalausweis'],
        locationIds: ['rathaus'],
        fromDate: '2026-12-04',
        toDate: '2026-12-10',
        timesOfDay: ['nachmittag'],
      },
    });
  });

  it('reports every missing part in page order, in the reader language', () => {
    const result = parseJoinForm({ von: '2026-02-30', email: 'x' }, 'en');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([
      'leistungen',
      'standorte',
      'von',
      'bis',
      'tageszeiten',
      'name',
      'email',
      'datenschutz',
    ]);
    expect(result.errors.tageszeiten).toBe('Please choose at least one time of day.');
    expect(result.values.email).toBe('x');
  });

  it('maps the service errors to the form fields', () => {
    expect(
      serviceFieldErrors(
        {
          serviceIds: 'x',
          toDate: 'Bitte höchstens 180 Tage im Voraus.',
          locationIds: 'Unbekannter Standort.',
        },
        'de',
      ),
    ).toEqual({
      leistungen: 'Bitte wählen Sie nur Leistungen, die online gebucht werden können.',
      standorte: 'Bitte wählen Sie einen der angebotenen Standorte.',
      bis: 'Bitte wählen Sie einen Zeitraum bis höchstens 180 Tage im Voraus.',
    });
  });

  it('takes locations from a comma list and repeated fields', () => {
    expect(parseLocationIds('rathaus,nord', ['nord', 'Bad Id!'])).toEqual(['rathaus', 'nord']);
  });
});
