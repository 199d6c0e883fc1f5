// Touch targets. Every one is at least KIOSK_MM.target on each side (styles.ts); a choice
// shows its state with a tick and a colour, never with colour alone.
import type { ComponentChildren } from 'preact';
import { useSettled } from './settle.ts';

export interface ButtonProps {
  onPress: () => void;
  kind?: 'primary' | 'secondary';
  /** Small second line, e.g. a warning about what the button does. */
  help?: string;
  pressed?: boolean;
  label?: string;
  testId?: string;
  children: ComponentChildren;
}

export function Button({ onPress, kind = 'secondary', help, pressed, label, testId, children }: ButtonProps) {
  const settled = useSettled();
  return (
    <button
      type="button"
      class={`btn ${kind}`}
      disabled={!settled}
      aria-pressed={pressed === undefined ? undefined : pressed ? 'true' : 'false'}
      aria-label={label}
      data-testid={testId}
      onClick={onPress}
    >
      {help ? (
        <span class="multi-line">
          <span>{children}</span>
          <br />
          <span class="help">{help}</span>
        </span>
      ) : (
        children
      )}
    </button>
  );
}

export interface TileProps {
  onPress: () => void;
  /** A tick box is drawn when this is set. */
  selected?: boolean;
  number?: string | number;
  /** Taller, larger text: for the few big choices (lists, blank). */
  large?: boolean;
  /** Drawn as a plain box for measuring only: hidden, not a button, not touchable. */
  probe?: boolean;
  testId?: string;
  children: ComponentChildren;
}

/** A list, a candidate, the top box: a whole-width target with an optional tick box. */
export function Tile({ onPress, selected, number, large, probe, testId, children }: TileProps) {
  const settled = useSettled();
  if (probe) {
    return (
      <div class={large ? 'tile large' : 'tile'} aria-hidden="true">
        {selected === undefined ? null : <span class="box" />}
        {number === undefined ? null : <span class="num">{number}</span>}
        <span class="label">{children}</span>
      </div>
    );
  }
  return (
    <button
      type="button"
      class={large ? 'tile large' : 'tile'}
      disabled={!settled}
      aria-pressed={selected === undefined ? undefined : selected ? 'true' : 'false'}
      data-testid={testId}
      onClick={onPress}
    >
      {selected === undefined ? null : <span class="box" aria-hidden="true" />}
      {number === undefined ? null : <span class="num">{number}</span>}
      <span class="label">{children}</span>
    </button>
  );
}
