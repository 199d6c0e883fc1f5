// The frame of every kiosk screen: a title bar (with the voter's settings), the content,
// and a bar of actions at the bottom, where the hand expects them.
import type { ComponentChildren } from 'preact';

export interface FrameProps {
  title?: ComponentChildren;
  subtitle?: ComponentChildren;
  right?: ComponentChildren;
  banner?: ComponentChildren;
  actions?: ComponentChildren;
  tone?: 'normal' | 'alarm';
  children: ComponentChildren;
}

export function KioskFrame({ title, subtitle, right, banner, actions, tone = 'normal', children }: FrameProps) {
  return (
    <div class={tone === 'alarm' ? 'kiosk alarm' : 'kiosk'} data-tone={tone}>
      {banner}
      {title === undefined && right === undefined ? null : (
        <header class="topbar">
          <h1>
            {title}
            {subtitle === undefined ? null : (
              <>
                <br />
                <span class="sub">{subtitle}</span>
              </>
            )}
          </h1>
          {right}
        </header>
      )}
      <main class="content">{children}</main>
      {actions === undefined ? null : <footer class="actions">{actions}</footer>}
    </div>
  );
}

export function Notice({ children, testId }: { children: ComponentChildren; testId?: string }) {
  return (
    <div class="notice" role="status" data-testid={testId}>
      {children}
    </div>
  );
}

export function Banner({ children }: { children: ComponentChildren }) {
  return (
    <div class="banner-test" role="note">
      {children}
    </div>
  );
}

/** Covers the whole screen: nothing behind it can be touched by accident. */
export function Modal({ title, children, actions }: { title: ComponentChildren; children?: ComponentChildren; actions: ComponentChildren }) {
  return (
    <div class="modal" role="alertdialog" aria-modal="true">
      <div class="panel">
        <h2>{title}</h2>
        {children}
        <div class="langs">{actions}</div>
      </div>
    </div>
  );
}
