// The voting computer's HTTP/JSON API. The kiosk UI and the headless driver (simulation,
// tests, benchmarks) use exactly this, so both go through one state machine and one backend.
//
//   GET  /api/screen[?after=SEQ]   the current screen; with `after`, waits until it changes
//   POST /api/action {seq, action} one touch; refused as `stale` if the screen has changed since
//   POST /api/technician {seq, action}  one touch on the technician screen (test mode)
//   GET  /api/technician/report    the last test report (JSON)
//
// `seq` numbers the screens: a touch always names the screen it was made on, so a touch that
// crosses a change of screen (a double tap, a slow network) never lands on the next one.
import type { Language } from '@ovs/election';
import type { Rejection, Screen, VoterAction } from '../flow/index.ts';
import type { TechnicianAction } from '../technician/view.ts';

export interface ScreenMessage {
  seq: number;
  screen: Screen;
}

export interface ActionRequest {
  seq: number;
  action: VoterAction;
}

export type ActionResponse =
  | ({ ok: true } & ScreenMessage)
  | ({ ok: false; error: 'stale' } & ScreenMessage)
  | ({ ok: false; error: 'rejected'; rejection: Rejection } & ScreenMessage);

export interface TechnicianRequest {
  seq: number;
  action: TechnicianAction;
}

export type TechnicianResponse =
  | ({ ok: true } & ScreenMessage)
  | ({ ok: false; error: 'stale' | 'rejected' | 'not-in-test-mode' } & ScreenMessage);

const LANGUAGES: readonly Language[] = ['nl', 'fr', 'de'];

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x);

/** `{seq, action}` with an integer seq and an object action; `only` tells whether the action has exactly these keys besides `type`. */
function parseEnvelope(body: unknown): { seq: number; a: Record<string, unknown>; only: (...names: string[]) => boolean } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { seq, action } = body as { seq?: unknown; action?: unknown };
  if (!isInt(seq) || typeof action !== 'object' || action === null) return undefined;
  const a = action as Record<string, unknown>;
  const keys = Object.keys(a).sort().join();
  return { seq, a, only: (...names) => keys === ['type', ...names].sort().join() };
}

/**
 * Strict shape check of a request body. Values the flow judges (an unknown list number, a
 * candidate past the end) pass here and are refused by the flow, where they count as wrong
 * touches; a malformed request is not a touch at all.
 */
export function parseActionRequest(body: unknown): ActionRequest | undefined {
  const envelope = parseEnvelope(body);
  if (!envelope) return undefined;
  const { seq, a, only } = envelope;
  let parsed: VoterAction | undefined;
  switch (a.type) {
    case 'choose-language':
      if (only('language') && LANGUAGES.includes(a.language as Language)) parsed = { type: 'choose-language', language: a.language as Language };
      break;
    case 'choose-list':
      if (only('list') && isInt(a.list)) parsed = { type: 'choose-list', list: a.list };
      break;
    case 'toggle-candidate':
      if (only('position') && isInt(a.position)) parsed = { type: 'toggle-candidate', position: a.position };
      break;
    case 'set-contrast':
      if (only('contrast') && (a.contrast === 'normal' || a.contrast === 'high')) parsed = { type: 'set-contrast', contrast: a.contrast };
      break;
    case 'set-text-size':
      if (only('textSize') && (a.textSize === 0 || a.textSize === 1 || a.textSize === 2)) parsed = { type: 'set-text-size', textSize: a.textSize };
      break;
    case 'code-digit':
      if (only('digit') && isInt(a.digit)) parsed = { type: 'code-digit', digit: a.digit };
      break;
    case 'confirm-language':
    case 'change-language':
    case 'start-election':
    case 'choose-blank':
    case 'toggle-top-box':
    case 'back-to-lists':
    case 'review':
    case 'confirm':
    case 'restart-election':
    case 'still-here':
    case 'done':
    case 'code-erase':
    case 'code-submit':
    case 'code-cancel':
      if (only()) parsed = { type: a.type };
      break;
    default:
      break;
  }
  return parsed ? { seq, action: parsed } : undefined;
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Strict shape check of a technician touch (the test mode judges the values). */
export function parseTechnicianRequest(body: unknown): TechnicianRequest | undefined {
  const envelope = parseEnvelope(body);
  if (!envelope) return undefined;
  const { seq, a, only } = envelope;
  switch (a.type) {
    case 'start': {
      const v = a.viewport as Record<string, unknown> | null;
      if (!only('phase', 'viewport') || (a.phase !== 'fase-1' && a.phase !== 'fase-2') || typeof v !== 'object' || v === null) return undefined;
      if (Object.keys(v).sort().join() !== 'height,pixelRatio,width' || !isNumber(v.width) || !isNumber(v.height) || !isNumber(v.pixelRatio)) return undefined;
      return { seq, action: { type: 'start', phase: a.phase, viewport: { width: v.width, height: v.height, pixelRatio: v.pixelRatio } } };
    }
    case 'touch':
      return only('x', 'y') && isNumber(a.x) && isNumber(a.y) ? { seq, action: { type: 'touch', x: a.x, y: a.y } } : undefined;
    case 'close':
      return only() ? { seq, action: { type: 'close' } } : undefined;
    default:
      return undefined;
  }
}
