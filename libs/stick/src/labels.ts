// The log's codes in the words of the PV (console and hoofdbureau print the same ones), keyed by
// their unions: a new reason or kind does not compile until it has its words here.
import type { AnnulReason, IncidentKind, InterruptionReason, Presence } from './event-log.ts';

/** Decree art. 17 §2, 1°–5°. */
export const ANNUL_REASON_NAMES: Record<AnnulReason, string> = {
  shown: 'stem zichtbaar gemaakt (art. 17 §2, 1°)',
  damaged: 'onvrijwillig beschadigd (2°)',
  'visualisation-impossible': 'visualisatie onmogelijk (3°)',
  'voter-request': 'op verzoek van de kiezer (4°)',
  'unreadable-by-box': 'barcode onleesbaar voor de stembus (5°)',
};

export const INCIDENT_KIND_NAMES: Record<IncidentKind, string> = {
  defect: 'Defect',
  assistance: 'Bijstand aan een kiezer',
  'witness-remark': 'Opmerking of bezwaar van een getuige',
  'expert-visit': 'Bezoek van een deskundige',
  'not-on-list': 'Kiezer toegelaten die niet op de kiezerslijst stond',
  other: 'Ander incident',
};

/** "Stick A verwijderd", "Stick B vol". */
export const INTERRUPTION_REASON_NAMES: Record<InterruptionReason, string> = {
  removed: 'verwijderd',
  'write-failed': 'schrijffout',
  'read-only': 'alleen-lezen',
  full: 'vol',
};

/** A bijzitter on the PV (seed 002 III.2 b). */
export const PRESENCE_NAMES: Record<Presence, string> = {
  present: 'aanwezig',
  absent: 'afwezig',
  late: 'te laat',
  replaced: 'vervangen',
};
