type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
const interval = (weekday: Weekday, opens: string, closes: string) => ({ weekday, opens, closes });

export const demoLocations = [
  {
    id: 'rathaus',
    name: { de: 'Bürgeramt im Rathaus', en: 'Citizen office in the town hall' },
    street: 'Markt 2',
    postalCode: '41460',
    town: 'Rheinfeld',
    phone: '02131 90-3300',
    email: 'buergeramt@rheinfeld.example',
    directions: {
      de: 'Bus und Straßenbahn bis Haltestelle „Markt“, dann zwei Minuten zu Fuß. Parkhaus „Rathaus“ in der Sebastianusstraße, 3 Behindertenparkplätze direkt am Seiteneingang.',
      en: 'Take the bus or tram to the "Markt" stop, then walk two minutes. Car park "Rathaus" in Sebastianusstraße; 3 disabled parking spaces right at the side entrance.',
    },
    accessibility: {
      de: 'Stufenloser Zugang über den Seiteneingang, Aufzug ins Erdgeschoss-Foyer, barrierefreies WC, induktive Höranlage an Schalter 1, Sitzplätze im Wartebereich.',
      en: 'Step-free access via the side entrance, lift to the ground-floor lobby, accessible toilet, induction loop at counter 1, seats in the waiting area.',
    },
    closedOnDec24: true,
    closedOnDec31: true,
    sortOrder: 1,
    counters: ['Schalter 1', 'Schalter 2', 'Schalter 3', 'Schalter 4', 'Schalter 5', 'Schalter 6'],
    weekly: [
      interval(1, '07:30', '12:30'),
      interval(1, '14:00', '16:00'),
      interval(2, '07:30', '12:30'),
      interval(2, '14:00', '18:00'),
      interval(3, '07:30', '12:30'),
      interval(4, '07:30', '12:30'),
      interval(4, '14:00', '18:00'),
      interval(5, '07:30', '12:30'),
      interval(6, '09:00', '12:00'),
    ],
  },
  {
    id: 'nord',
    name: { de: 'Bürgerbüro Nord', en: 'Citizen office North' },
    street: 'Venloer Straße 120',
    postalCode: '41462',
    town: 'Rheinfeld',
    phone: '02131 90-3390',
    email: 'buergerbuero-nord@rheinfeld.example',
    directions: {
      de: 'Im Stadtteilzentrum Nord, Erdgeschoss. Buslinien 842 und 849 bis „Venloer Straße“. Kostenlose Parkplätze hinter dem Gebäude.',
      en: 'In the North district centre, ground floor. Bus lines 842 and 849 to "Venloer Straße". Free parking behind the building.',
    },
    accessibility: {
      de: 'Ebenerdiger Zugang mit automatischer Tür, barrierefreies WC im Stadtteilzentrum.',
      en: 'Level access with an automatic door, accessible toilet in the district centre.',
    },
    closedOnDec24: true,
    closedOnDec31: true,
    sortOrder: 2,
    counters: ['Platz 1', 'Platz 2'],
    weekly: [
      interval(1, '08:00', '12:00'),
      interval(3, '08:00', '12:00'),
      interval(3, '14:00', '17:00'),
      interval(5, '08:00', '12:00'),
    ],
  },
] as const;

/** Demo staff, only created in demo mode. The passwords are published in the README. */
export const demoStaff = [
  { username: 'admin', displayName: 'Alex Admin', role: 'admin', password: 'admin-demo-2026' },
  {
    username: 'teamleitung',
    displayName: 'Toni Teamleitung',
    role: 'teamleitung',
    password: 'team-demo-2026',
  },
  {
    username: 'sachbearbeitung',
    displayName: 'Sascha Sachbearbeitung',
    role: 'sachbearbeitung',
    password: 'sachb-demo-2026',
  },
] as const;
