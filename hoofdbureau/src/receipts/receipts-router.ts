// The receipts over HTTP for the hoofdbureau's web app: record what a station handed over, list
// what is missing. Every route needs a person whose role may import sticks ('stick.import').
import express, { type Router } from 'express';
import type { HoofdbureauDb } from '../db/open-db.ts';
import { operatorOf, requireAction } from '../staff/permissions.ts';
import { recordReceipt, receiptStatus } from './receipts.ts';

export function receiptsRouter(db: () => HoofdbureauDb, now: () => Date = () => new Date()): Router {
  const r = express.Router();
  r.get('/api/receipts', requireAction('stick.import'), (_req, res) => {
    res.json(receiptStatus(db()));
  });
  r.post('/api/receipts', requireAction('stick.import'), (req, res) => {
    const b = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const operator = operatorOf(res);
    const result = recordReceipt(db(), {
      station: typeof b.station === 'number' ? b.station : Number.NaN,
      items: Array.isArray(b.items) ? b.items.filter((i): i is string => typeof i === 'string') : [],
      broughtBy: typeof b.broughtBy === 'string' ? b.broughtBy : '',
      receivedBy: operator?.name ?? '',
      at: now().toISOString(),
    });
    if (result.ok) res.json({ ok: true, receipt: result.value, status: receiptStatus(db()) });
    else res.status(400).json({ ok: false, error: result.error.message });
  });
  return r;
}
