import type { ConsoleSnapshot } from '../../core/snapshot.ts';
import { StickDetails } from '../common.tsx';

export function SticksScreen({ snap }: { snap: ConsoleSnapshot }) {
  return (
    <main>
      <h1>Steek de twee USB-sticks in</h1>
      <p>De voorzitterscomputer heeft de twee sticks van dit stembureau nodig. Op beide sticks komt alles wat er vandaag gebeurt.</p>
      <StickDetails port="A" status={snap.sticks.A} />
      <StickDetails port="B" status={snap.sticks.B} />
    </main>
  );
}
