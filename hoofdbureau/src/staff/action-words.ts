// Every action of the permission table in words, as the audit log screen and the PV say them.
// Browser-safe (the UI imports it). A new action without words does not compile.
import type { Action } from './permissions.ts';

/** Words for every action of the permission table, as the PV says them. */
export const ACTION_WORDS: Record<Action, string> = {
  'results.view': 'resultaten ingekeken',
  'audit.view': 'auditlog ingekeken',
  'stick.check': 'stick gecontroleerd',
  'stick.import': 'stick ingelezen',
  'stick.accept-other-day': 'stick van een andere dag toch ingelezen',
  'rescan.import': 'herscanning ingelezen',
  'paper.configure': 'telbureaus ingesteld',
  'paper.entry': 'telbureautabel ingevoerd',
  'paper.resolve': 'verschil tussen invoeren beslist',
  'paper.lock': 'telbureau vergrendeld',
  'bureau.composition': 'samenstelling vastgelegd',
  'staff.manage': 'accounts beheerd',
  'pv.print': 'proces-verbaal gemaakt',
  'results.export': 'resultaten uitgevoerd',
  'server.settings': 'serverinstellingen',
};
