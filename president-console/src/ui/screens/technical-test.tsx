// "Technische test" (seed 001 §XIV.1): on the first screens, before the envelope password. The
// technician starts fase 1 or fase 2; the console tests its devices, prints the report and
// shows it here; the PDF is one link away.
import { useState } from 'preact/hooks';
import type { SelfTestCheck } from '@ovs/devices';
import type { ConsoleSnapshot } from '../../core/snapshot.ts';
import type { ConsoleTestReport } from '../../self-test/report.ts';
import { deviceDetail, deviceTitle } from '@ovs/devices/self-test-text';
import { SECTIONS } from '../../reports/test-report.ts';
import type { Act } from '../app.tsx';
import { TECHNICIAN_TEST_PASSWORD } from '../../self-test/test-password.ts';

const OUTCOME: Record<SelfTestCheck['outcome'], string> = { pass: 'OK', fail: 'FOUT', operator: 'NAZIEN' };

function Checks({ checks, device }: { checks: readonly SelfTestCheck[]; device: boolean }) {
  return (
    <ul class="test-checks">
      {checks.map((c) => (
        <li key={c.id} data-outcome={c.outcome}>
          <strong>{OUTCOME[c.outcome]}</strong> {device ? deviceTitle(c) : c.title}: {device ? deviceDetail(c.detail) : c.detail}
        </li>
      ))}
    </ul>
  );
}

function Report({ report }: { report: ConsoleTestReport }) {
  return (
    <div class="dialog" aria-label="Testrapport">
      <h3 class={report.passed ? '' : 'problem'}>{report.passed ? 'Geslaagd' : 'NIET geslaagd'} — {report.phase === 'fase-1' ? 'fase 1' : 'fase 2'}</h3>
      {report.implementation === 'simulated' ? <p class="small">SIMULATIE — geldt niet als test van echte apparatuur</p> : null}
      {report.devices.map((d) => (
        <section key={d.device}>
          <h4>{d.device === 'card-reader' ? 'Kaartschrijver' : 'Rapportprinter'}</h4>
          <Checks checks={d.checks} device />
        </section>
      ))}
      {SECTIONS.map((section) => {
        const checks = report.checks.filter((c) => c.id.startsWith(section.prefix));
        return checks.length === 0 ? null : (
          <section key={section.prefix}>
            <h4>{section.title}</h4>
            <Checks checks={checks} device={false} />
          </section>
        );
      })}
      <a href="/api/reports/self-test.pdf" target="_blank" rel="noreferrer">
        Testrapport als PDF
      </a>
    </div>
  );
}

export function TechnicalTest({ snap, act }: { snap: ConsoleSnapshot; act: Act }) {
  const [open, setOpen] = useState(false);
  const test = snap.selfTest;
  if (!open) {
    return (
      <section class="panel">
        <button type="button" onClick={() => setOpen(true)}>
          Technische test
        </button>
      </section>
    );
  }
  const run = (phase: 'fase-1' | 'fase-2') => void act('self-test', { phase });
  return (
    <section class="panel" aria-label="Technische test">
      <h2>Technische test (voor de technicus)</h2>
      <p>
        Steek een testkaart in de kaartschrijver: ze wordt overschreven. Steek in fase 2 de twee lege sticks van dit stembureau in; op een stick met gegevens van een stembureau wordt
        niets geschreven. Typ nooit het paswoord uit de enveloppe: dat opent de sessie van het stembureau. Om het paswoordscherm en het toetsenbord te testen, typ daar het
        testpaswoord <strong class="code">{TECHNICIAN_TEST_PASSWORD}</strong>: de console herkent het, raakt de sticks niet aan en telt geen poging.
      </p>
      <button type="button" disabled={test.running} onClick={() => run('fase-1')}>
        Fase 1 (depot)
      </button>
      <button type="button" disabled={test.running} onClick={() => run('fase-2')}>
        Fase 2 (stemlokaal)
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Sluiten
      </button>
      {test.running ? <p aria-live="polite">De test loopt: de printer drukt een testpagina af en de kaartschrijver schrijft de testkaart.</p> : null}
      {test.last ? <Report report={test.last} /> : null}
    </section>
  );
}
