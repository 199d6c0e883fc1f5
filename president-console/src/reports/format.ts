// Times and dates as the president reads them: Belgian time, Dutch words.
const TIME = new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit' });
const DATE = new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', day: 'numeric', month: 'long', year: 'numeric' });

export const time = (iso: string | null | undefined): string => (iso ? TIME.format(new Date(iso)) : '—');
export const date = (isoDate: string): string => DATE.format(new Date(`${isoDate}T12:00:00Z`));
