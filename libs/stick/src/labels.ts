// The log's codes in the words of the PV (console and hoofdbureau print the same ones), keyed by
// their unions: a new reason or kind does not compile until it has its words here.
import type { AnnulReason, HoursOverride, IncidentKind, InterruptionReason, Presence, ReplacementReason, TestCardReason, VcAlarmKind } from './event-log.ts';

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

/** A new card without an annulment (card-balance.ts), in the PV's words. */
export const REPLACEMENT_REASON_NAMES: Record<ReplacementReason, string> = {
  'damaged-card': 'chipkaart beschadigd vóór het stemmen',
  'not-printed': 'geen stembiljet afgedrukt (kaart gebruikt)',
  'write-failed': 'de kaart kon niet gelezen worden door de stemcomputer',
  annulment: 'kaart na een annulering (tweede poging)',
};

/** Why a test card was made while voting was open (seed 002 II.C.3.1 pt 5, II.C.4.1). */
export const TEST_CARD_REASON_NAMES: Record<TestCardReason, string> = {
  'expert-visit': 'bezoek van een deskundige',
  'visualisation-complaint': 'klacht van een kiezer over de visualisatie',
};

/** The voting hours overridden (decree art. 15). */
export const HOURS_OVERRIDE_NAMES: Record<HoursOverride, string> = {
  'before-8': 'stemming geopend vóór 8 uur',
  'after-15': 'kiezers na 15 uur toegelaten',
};

/** A voting computer's alarm, as the console and the PV say it. */
export const VC_ALARM_NAMES: Record<VcAlarmKind, string> = {
  'paper-out': 'papier op',
  card: 'probleem met de chipkaart',
  printer: 'storing van de printer',
};

/** A bijzitter on the PV (seed 002 III.2 b). */
export const PRESENCE_NAMES: Record<Presence, string> = {
  present: 'aanwezig',
  absent: 'afwezig',
  late: 'te laat',
  replaced: 'vervangen',
};
