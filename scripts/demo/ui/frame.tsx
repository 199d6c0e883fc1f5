// A device's real screen, embedded at its native size and scaled down to the width it gets:
// the app lays itself out as on the hardware (a voting computer's 1920 × 1080 panel, the box's
// 800 × 480 display), and the picture shrinks as a whole.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { onThisHost } from './api.ts';

export function ScaledFrame({ src, title, width, height }: { src: string; title: string; width: number; height: number }) {
  const box = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(0.25);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const fit = (): void => setScale(Math.max(0.1, el.clientWidth / width));
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, [width]);
  return (
    <div class="frame" ref={box} style={{ height: `${Math.round(height * scale)}px` }}>
      <iframe src={onThisHost(src)} title={title} width={width} height={height} style={{ transform: `scale(${scale})` }} />
    </div>
  );
}
