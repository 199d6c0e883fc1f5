// What a person reads when the guard refuses: Dutch, what is wrong and what to do.
import type { RefusalCode } from './names.ts';

const size = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MiB` : bytes >= 1024 ? `${Math.floor(bytes / 1024)} KiB` : `${bytes} bytes`;

export interface MessageContext {
  /** The address to use instead, e.g. http://127.0.0.1:8470/ */
  ownAddress?: string;
  /** The body limit that was passed. */
  maxBody?: number;
}

export function refusalMessage(code: RefusalCode, context: MessageContext = {}): string {
  switch (code) {
    case 'wrong-host':
      return `Geweigerd: deze server antwoordt alleen op zijn eigen adres${context.ownAddress ? `. Open ${context.ownAddress}` : ''}. Hoort de naam die u gebruikte bij deze server, voeg ze dan toe aan de toegelaten namen in de configuratie.`;
    case 'preflight':
      return 'Geweigerd: andere websites mogen deze server niet aanspreken.';
    case 'cross-origin':
      return 'Geweigerd: deze opdracht komt niet van het eigen scherm van dit toestel. Er is niets veranderd.';
    case 'not-json':
      return 'Geweigerd: een opdracht moet als JSON komen (Content-Type: application/json). Er is niets veranderd.';
    case 'too-large':
      return `Geweigerd: de vraag is groter dan ${size(context.maxBody ?? 0)}. Er is niets veranderd.`;
    case 'bad-json':
      return 'Ongeldige vraag: de inhoud is geen geldige JSON. Er is niets veranderd.';
    case 'no-session':
      return 'Geweigerd: deze opdracht heeft geen geldige sessie. Herlaad de pagina en probeer opnieuw; er is niets veranderd.';
    case 'session-expired':
      return 'De sessie is verlopen: de server is intussen herstart. Herlaad de pagina en probeer opnieuw; er is niets veranderd.';
    default:
      return code satisfies never;
  }
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page a person sees when a navigation is refused (a wrong name in the address bar). */
export function refusalPage(message: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Geweigerd</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #f8f9fa; color: #202124; }
  main { max-width: 40em; margin: 12vh auto; padding: 24px 32px; background: white; border: 1px solid #dadce0; border-left: 6px solid #b3261e; border-radius: 6px; }
  h1 { font-size: 26px; margin: 0 0 12px; }
  p { font-size: 20px; line-height: 1.5; margin: 0; }
</style>
</head>
<body>
<main>
<h1>Deze pagina is hier niet beschikbaar</h1>
<p>${escapeHtml(message)}</p>
</main>
</body>
</html>
`;
}
