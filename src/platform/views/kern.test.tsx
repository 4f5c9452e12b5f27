import { describe, expect, it } from 'vitest';
import { Button, FileInput, PostForm, RadioGroup, Table } from './kern.js';
import { renderFragment } from './render.js';

/** The opening tag of the element with this id (attributes in the order Preact writes them). */
function tagWithId(html: string, id: string): string {
  const match = html.match(new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`));
  if (!match) throw new Error(`no element with id="${id}" in ${html}`);
  return match[0];
}

const options = [
  { value: 'nord', label: 'Nord' },
  { value: 'sued', label: 'Süd', hint: 'Eingang B' },
];

describe('RadioGroup', () => {
  it('renders a KERN fieldset with a legend and one KERN radio button per option', () => {
    const html = renderFragment(<RadioGroup name="standort" legend="Standort" options={options} />);
    expect(html).toMatch(
      /^<fieldset class="kern-fieldset" id="standort"><legend class="kern-label">Standort<\/legend>/,
    );
    expect(html).toContain('<div class="kern-fieldset__body"><div class="kern-form-check">');
    expect(html).toContain(
      '<input class="kern-form-check__radio" type="radio" id="standort-nord" name="standort" value="nord"/>' +
        '<label class="kern-label" for="standort-nord">Nord</label>',
    );
    expect(html.match(/type="radio"/g)).toHaveLength(2);
    expect(html).not.toContain('checked');
    expect(html).not.toContain('kern-error');
    expect(html).not.toContain('aria-invalid');
  });

  it('checks exactly the selected option', () => {
    const html = renderFragment(
      <RadioGroup name="standort" legend="Standort" options={options} value="sued" />,
    );
    expect(tagWithId(html, 'standort-sued')).toContain(' checked');
    expect(tagWithId(html, 'standort-nord')).not.toContain('checked');
    expect(html.match(/checked/g)).toHaveLength(1);
  });

  it('describes an option by its own hint, and only that option', () => {
    const html = renderFragment(<RadioGroup name="standort" legend="Standort" options={options} />);
    expect(html).toContain('<div class="kern-hint" id="standort-sued-hint">Eingang B</div>');
    expect(tagWithId(html, 'standort-sued')).toContain('aria-describedby="standort-sued-hint"');
    expect(tagWithId(html, 'standort-nord')).not.toContain('aria-describedby');
  });

  it('wires the group hint and the error message to every option and marks the group as wrong', () => {
    const html = renderFragment(
      <RadioGroup
        name="standort"
        id="ort"
        legend="Standort"
        hint="Alle bieten die Leistung an."
        error="Bitte wählen Sie einen Standort."
        options={options}
      />,
    );
    expect(tagWithId(html, 'ort')).toBe('<fieldset class="kern-fieldset kern-fieldset--error" id="ort">');
    expect(html).toContain('<div class="kern-hint" id="ort-hint">Alle bieten die Leistung an.</div>');
    expect(html).toContain(
      '<p class="kern-error" id="ort-error"><span class="kern-icon kern-icon--danger" aria-hidden="true"></span>' +
        '<span class="kern-body">Bitte wählen Sie einen Standort.</span></p>',
    );
    // The legend comes first, then hint and error, then the options.
    expect(html.indexOf('</legend>')).toBeLessThan(html.indexOf('id="ort-hint"'));
    expect(html.indexOf('id="ort-hint"')).toBeLessThan(html.indexOf('id="ort-error"'));
    expect(html.indexOf('id="ort-error"')).toBeLessThan(html.indexOf('type="radio"'));
    const nord = tagWithId(html, 'ort-nord');
    expect(nord).toContain('name="standort"');
    expect(nord).toContain('class="kern-form-check__radio kern-form-check__radio--error"');
    expect(nord).toContain('aria-describedby="ort-hint ort-error"');
    expect(nord).toContain('aria-invalid="true"');
    expect(tagWithId(html, 'ort-sued')).toContain('aria-describedby="ort-hint ort-error ort-sued-hint"');
    // One error bar for the group (on the fieldset), none per option.
    expect(html).not.toContain('kern-form-check--error');
  });

  it('escapes labels and hints', () => {
    const html = renderFragment(
      <RadioGroup name="x" legend="<b>" options={[{ value: 'a', label: '<i>', hint: '<s>' }]} />,
    );
    expect(html).not.toMatch(/<(b|i|s)>/);
    expect(html).toContain('&lt;b>');
  });
});

describe('Table', () => {
  const table = (rowHeader?: boolean) =>
    renderFragment(
      <Table
        caption="Öffnungszeiten"
        head={['Tag', 'Zeiten', 'Plätze']}
        rows={[
          ['Montag', '08:00–12:00', 4],
          ['Dienstag', 'geschlossen', 0],
        ]}
        numeric={[2]}
        rowHeader={rowHeader}
      />,
    );

  it('has column headers and plain cells by default', () => {
    const html = table();
    expect(html).toContain('<caption class="kern-title">Öffnungszeiten</caption>');
    expect(html.match(/<th scope="col" class="kern-table__header">/g)).toHaveLength(2);
    expect(html).toContain(
      '<th scope="col" class="kern-table__header kern-table__header--numeric">Plätze</th>',
    );
    expect(html).not.toContain('scope="row"');
    expect(html).toContain(
      '<tr class="kern-table__row"><td class="kern-table__cell">Montag</td><td class="kern-table__cell">08:00–12:00</td>' +
        '<td class="kern-table__cell kern-table__cell--numeric">4</td></tr>',
    );
  });

  it('makes the first cell of each body row a row header when asked', () => {
    const html = table(true);
    expect(html).toContain(
      '<tr class="kern-table__row"><th scope="row" class="kern-table__header">Montag</th>' +
        '<td class="kern-table__cell">08:00–12:00</td><td class="kern-table__cell kern-table__cell--numeric">4</td></tr>',
    );
    expect(html).toContain('<th scope="row" class="kern-table__header">Dienstag</th>');
    expect(html.match(/scope="row"/g)).toHaveLength(2);
    // The header row keeps its column headers.
    expect(html.match(/scope="col"/g)).toHaveLength(3);
  });
});

describe('PostForm', () => {
  it('posts to the action with the CSRF token first, then the children, checked on the server only', () => {
    const html = renderFragment(
      <PostForm action="/verwaltung/x?a=1&b=2" token="tok&en">
        <input type="hidden" name="id" value="7" />
        <Button>Speichern</Button>
      </PostForm>,
    );
    expect(html).toBe(
      '<form method="post" action="/verwaltung/x?a=1&amp;b=2" novalidate>' +
        '<input type="hidden" name="_csrf" value="tok&amp;en"/>' +
        '<input type="hidden" name="id" value="7"/>' +
        '<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Speichern</span></button>' +
        '</form>',
    );
  });

  it('renders an inline form (a single button) with its class and without novalidate', () => {
    const html = renderFragment(
      <PostForm action="/a" token="t" inline>
        <Button variant="secondary">Löschen</Button>
      </PostForm>,
    );
    expect(html).toMatch(
      /^<form method="post" action="\/a" class="app-inline-form"><input type="hidden" name="_csrf" value="t"\/><button /,
    );
  });

  it('leaves the browser its checks when asked, inline or not', () => {
    expect(renderFragment(<PostForm action="/a" token="t" novalidate={false} />)).toBe(
      '<form method="post" action="/a"><input type="hidden" name="_csrf" value="t"/></form>',
    );
    expect(renderFragment(<PostForm action="/a" token="t" inline novalidate />)).toBe(
      '<form method="post" action="/a" class="app-inline-form" novalidate><input type="hidden" name="_csrf" value="t"/></form>',
    );
  });
});

describe('FileInput in a multipart PostForm', () => {
  it('uploads as multipart/form-data with a labelled, described file field', () => {
    const html = renderFragment(
      <PostForm action="/upload" token="t" multipart>
        <FileInput name="file" label="Liste" hint="CSV" error="Zeile 3" accept=".csv" />
      </PostForm>,
    );
    expect(html).toContain('<form method="post" action="/upload" novalidate enctype="multipart/form-data">');
    expect(html).toContain('<label class="kern-label" for="file">Liste</label>');
    expect(tagWithId(html, 'file')).toContain('type="file"');
    expect(tagWithId(html, 'file')).toContain('aria-describedby="file-hint file-error"');
    expect(tagWithId(html, 'file')).toContain('aria-invalid="true"');
    expect(tagWithId(html, 'file')).toContain('accept=".csv"');
  });

  it('is an ordinary form without multipart', () => {
    expect(renderFragment(<PostForm action="/x" token="t" />)).not.toContain('enctype');
  });
});
