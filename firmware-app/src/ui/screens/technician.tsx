// The technician screen (test mode): choose fase 1 or 2, touch the five targets, follow the
// devices' tests, read the report (also printed). Dutch only: it is for technicians.
import { Button, KioskFrame, Notice } from '@ovs/ui';
import type { ScreenProps } from '../context.ts';
import { reportLines } from '../../technician/report-ticket.ts';
import type { TestActivity } from '../../technician/run.ts';
import type { TechnicianView } from '../../technician/view.ts';

const ACTIVITY: Record<TestActivity, string> = {
  package: 'Het verkiezingspakket wordt nagekeken.',
  printer: 'De printer drukt een testpagina af. Bekijk ze: zwarte balk zonder witte lijnen, alle letters leesbaar, nette snede.',
  'card-reader': 'De kaartlezer schrijft en leest de testkaart. Laat de kaart in de lezer.',
  alarm: 'Het alarm gaat 2 seconden aan: let op het licht en de zoemer.',
  'test-ballot': 'Een testbiljet wordt afgedrukt.',
  'hand-scanner': 'Houd het testbiljet dat net uit de printer kwam onder de handscanner.',
  report: 'Het testrapport wordt afgedrukt.',
};

const PHASE: Record<'fase-1' | 'fase-2', string> = { 'fase-1': 'fase 1 (depot)', 'fase-2': 'fase 2 (stemlokaal)' };
const PHASE_BUTTON: Record<'fase-1' | 'fase-2', string> = { 'fase-1': 'Fase 1 (depot)', 'fase-2': 'Fase 2 (stemlokaal)' };

const viewport = () => ({ width: window.innerWidth, height: window.innerHeight, pixelRatio: window.devicePixelRatio });

function StartButtons({ technician, again, phases }: Pick<ScreenProps, 'technician'> & { again: boolean; phases: ReadonlyArray<'fase-1' | 'fase-2'> }) {
  return (
    <>
      {phases.map((phase) => (
        <Button key={phase} kind="primary" testId={`technician-${phase}`} onPress={() => technician({ type: 'start', phase, viewport: viewport() })}>
          {again ? `Opnieuw: ${phase === 'fase-1' ? 'fase 1' : 'fase 2'}` : PHASE_BUTTON[phase]}
        </Button>
      ))}
      <Button testId="technician-close" onPress={() => technician({ type: 'close' })}>
        Sluiten
      </Button>
    </>
  );
}

function TouchTest({ view, technician }: { view: Extract<TechnicianView, { step: 'touch' }> } & Pick<ScreenProps, 'technician'>) {
  const down = (e: PointerEvent) => {
    e.preventDefault();
    technician({ type: 'touch', x: e.clientX, y: e.clientY });
  };
  return (
    <div class="touch-test" data-testid="touch-test" onPointerDown={down}>
      <p class="instruction">
        Raak het midden van het gele doel aan ({view.index + 1} van {view.targets.length}).
      </p>
      {view.targets.map((t, i) => (
        <div
          key={t.place}
          data-testid={`touch-target-${i}`}
          class={`touch-target${i === view.index ? ' current' : i < view.index ? ' done' : ''}`}
          style={{ left: `${t.x - t.radius}px`, top: `${t.y - t.radius}px`, width: `${2 * t.radius}px`, height: `${2 * t.radius}px` }}
        />
      ))}
    </div>
  );
}

export function TechnicianScreen({ body, technician }: ScreenProps<'technician'>) {
  const v = body.view;
  switch (v.step) {
    case 'menu':
      return (
        <KioskFrame title="Technische test" subtitle="Stemcomputer — voor de technicus" actions={<StartButtons technician={technician} again={false} phases={v.phases} />}>
          <div class="center" data-testid="technician-menu">
            <p class="big">{v.phases.length > 1 ? 'Kies de fase van de test.' : `Start de test: ${PHASE[v.phases[0] ?? 'fase-1']}.`}</p>
            <p>Laat de testkaart in de kaartlezer: ze wordt overschreven. Eerst raakt u vijf doelen op het scherm aan, daarna test de stemcomputer de printer, de kaartlezer, het alarm en de handscanner en drukt een testbiljet en het testrapport af.</p>
            {v.last ? <p>Vorige test: {PHASE[v.last.phase]}, {v.last.passed ? 'geslaagd' : 'NIET geslaagd'}.</p> : null}
            {v.problem ? <Notice testId="technician-problem">{v.problem}</Notice> : null}
            <p>Neem de testkaart uit om de test te verlaten.</p>
          </div>
        </KioskFrame>
      );
    case 'touch':
      return <TouchTest view={v} technician={technician} />;
    case 'running':
      return (
        <KioskFrame title="Technische test loopt" subtitle={PHASE[v.phase]}>
          <div class="center" data-testid="technician-running" data-activity={v.activity}>
            <p class="big">{ACTIVITY[v.activity]}</p>
          </div>
        </KioskFrame>
      );
    case 'report': {
      const r = v.report;
      return (
        <KioskFrame title={r.passed ? 'Test geslaagd' : 'Test NIET geslaagd'} subtitle={PHASE[r.phase]} actions={<StartButtons technician={technician} again phases={v.phases} />}>
          <div class="technician-report" data-testid="technician-report" data-passed={String(r.passed)}>
            {v.printed.ok ? <p>Het testrapport is afgedrukt.</p> : <p class="fail">Het testrapport kon niet afgedrukt worden ({v.printed.error}).</p>}
            {reportLines(r).map((l, i) => (
              <p key={i} class={l.outcome === 'fail' ? 'fail' : ''}>
                {l.kind === 'heading' || l.kind === 'title' ? <strong>{l.text}</strong> : l.text}
              </p>
            ))}
          </div>
        </KioskFrame>
      );
    }
    default:
      return v satisfies never;
  }
}
