/** The demo city: a Neuss-sized town on the Rhine (fictional name, realistic facts). */
export const demoCity = {
  name: 'Rheinfeld',
  authority: 'Stadt Rheinfeld – Bürgeramt',
  street: 'Markt 2',
  postalCode: '41460',
  town: 'Rheinfeld',
  phone: '02131 90-0',
  email: 'buergeramt@rheinfeld.example',
  website: 'https://www.rheinfeld.example',
  hotline115: 1,
  // A simple arms: a wavy river under a red cross on silver.
  logoSvg:
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 120" role="img" aria-label="Wappen"><path d="M5 5h90v55c0 30-20 48-45 55C25 108 5 90 5 60z" fill="#f4f4f4" stroke="#1f2a44" stroke-width="4"/><path d="M42 12h16v28h26v14H58v20H42V54H16V40h26z" fill="#c0182b"/><path d="M10 86c8-6 16-6 24 0s16 6 24 0 16-6 24 0 8 4 10 2v6c-4 4-8 2-12-1-8-6-16-6-24 0s-16 6-24 0-16-6-22-1z" fill="#1d5fa8"/></svg>',
  imprint: {
    de: `Stadt Rheinfeld
Der Bürgermeister
Markt 2, 41460 Rheinfeld
Telefon 02131 90-0, E-Mail buergeramt@rheinfeld.example

Die Stadt Rheinfeld ist eine Körperschaft des öffentlichen Rechts. Sie wird vertreten durch den Bürgermeister.

Verantwortlich für den Inhalt nach § 18 Absatz 2 Medienstaatsvertrag: Leitung des Bürger- und Ordnungsamts, Anschrift wie oben.

Umsatzsteuer-Identifikationsnummer nach § 27a Umsatzsteuergesetz: DE 000 000 000 (Demo).

Dies ist eine Demo-Installation der Open-Source-Software buergeramt. Stadt, Personen und Daten sind erfunden.`,
    en: `City of Rheinfeld
The Mayor
Markt 2, 41460 Rheinfeld, Germany
Phone +49 2131 90-0, e-mail buergeramt@rheinfeld.example

The City of Rheinfeld is a public-law corporation represented by the Mayor.

Responsible for the content under section 18(2) of the German Interstate Media Treaty: head of the Citizens' and Public Order Office, address as above.

This is a demo installation of the open-source software buergeramt. City, people and data are made up.`,
  },
  privacy: {
    de: `Verantwortlich für die Verarbeitung Ihrer Daten auf dieser Website ist die Stadt Rheinfeld, Markt 2, 41460 Rheinfeld. Die behördliche Datenschutzbeauftragte erreichen Sie unter datenschutz@rheinfeld.example.

Beim Aufruf der Website verarbeitet der Server technisch notwendige Daten (IP-Adresse, Zeitpunkt, aufgerufene Adresse) zur sicheren Bereitstellung (Art. 6 Abs. 1 Buchstabe e DSGVO in Verbindung mit § 3 DSG NRW). Protokolle werden nach spätestens sieben Tagen gelöscht.

Wir setzen nur technisch notwendige Cookies: die gewählte Sprache, einen Schutz gegen gefälschte Formulare und, für Beschäftigte, die Anmeldung. Es gibt keine Analyse- oder Werbe-Cookies und keine Inhalte von Dritten.

Wenn Sie uns eine Barriere melden, verwenden wir Ihre Angaben nur zur Bearbeitung dieser Meldung und löschen sie nach Abschluss, spätestens nach einem Jahr.

Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Widerspruch sowie das Recht auf Beschwerde bei der Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen.`,
    en: `The controller for the processing of your data on this website is the City of Rheinfeld, Markt 2, 41460 Rheinfeld. You can reach the data protection officer at datenschutz@rheinfeld.example.

When you visit the website, the server processes technically necessary data (IP address, time, requested address) to provide it securely (Art. 6(1)(e) GDPR with § 3 DSG NRW). Logs are deleted after seven days at the latest.

We only set technically necessary cookies: your chosen language, a protection against forged forms and, for staff, the log-in. There are no analytics or advertising cookies and no third-party content.

If you report a barrier, we use your details only to handle that report and delete them afterwards, at the latest after one year.

You have the right of access, rectification, erasure, restriction of processing and objection, and the right to lodge a complaint with the State Commissioner for Data Protection and Freedom of Information of North Rhine-Westphalia.`,
  },
  accessibility: {
    de: `Die Stadt Rheinfeld ist bemüht, ihre Websites im Einklang mit der Barrierefreie-Informationstechnik-Verordnung Nordrhein-Westfalen (BITV NRW) barrierefrei zugänglich zu machen. Diese Erklärung gilt für das Online-Angebot des Bürgeramts.

Stand der Vereinbarkeit: Diese Website ist mit den Anforderungen der WCAG 2.1 auf Stufe AA weitgehend vereinbar. Sie wird bei jeder Änderung automatisch mit axe-core geprüft.

Nicht barrierefreie Inhalte: Informationen in Deutscher Gebärdensprache und in Leichter Sprache sind in Vorbereitung.

Diese Erklärung wurde am 26. November 2026 erstellt.

Feedback und Kontakt: Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Dann melden Sie sie uns bitte über das Formular „Barriere melden“ oder per E-Mail an barrierefreiheit@rheinfeld.example.

Schlichtungsverfahren: Wenn Sie auf Ihre Meldung keine zufriedenstellende Antwort erhalten, können Sie sich an die Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen wenden.`,
    en: `The City of Rheinfeld strives to make its websites accessible in line with the North Rhine-Westphalian accessible information technology regulation (BITV NRW). This statement applies to the online services of the citizen office.

Compliance status: this website largely complies with WCAG 2.1 level AA. It is checked automatically with axe-core on every change.

Content that is not accessible: information in German Sign Language and in Easy Read German is being prepared.

This statement was prepared on 26 November 2026.

Feedback and contact: did you notice an accessibility problem? Please tell us with the "Report a barrier" form or by e-mail to barrierefreiheit@rheinfeld.example.

Enforcement procedure: if you do not receive a satisfactory answer, you can contact the ombudsperson for accessible information technology of North Rhine-Westphalia.`,
  },
};
