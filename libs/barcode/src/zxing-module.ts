import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, type ZXingReaderModule } from 'zxing-wasm/reader';

// zxing-wasm fetches its .wasm from a CDN unless told otherwise; polling stations have no
// internet and must not try. Handing Emscripten the bytes (`wasmBinary`) skips both the
// streaming fetch and the fallback fetch; `locateFile` answers with the local path so that
// no URL is ever formed even if a later version consults it anyway.

const require = createRequire(import.meta.url);

export const zxingReaderWasmPath = (): string => require.resolve('zxing-wasm/reader/zxing_reader.wasm');

/** One WebAssembly instance, shared by every decoder until it aborts. */
export interface ZxingInstance {
  module: ZXingReaderModule;
  /** Set after a WebAssembly trap: the instance's memory is in an unknown state. */
  broken: boolean;
}

let current: Promise<ZxingInstance> | undefined;

/** The reader instance, created once per process from node_modules (again after a trap). */
export function loadZxingReader(): Promise<ZxingInstance> {
  current ??= instantiate().then(
    (module) => ({ module, broken: false }),
    (e: unknown) => {
      current = undefined;
      throw e;
    },
  );
  return current;
}

/** Marks an instance as unusable so that every decoder on it stops and the next load starts afresh. */
export function markBroken(instance: ZxingInstance): void {
  instance.broken = true;
  current = undefined;
}

function instantiate(): Promise<ZXingReaderModule> {
  const path = zxingReaderWasmPath();
  const file = readFileSync(path);
  const wasmBinary = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
  return prepareZXingModule({
    overrides: {
      wasmBinary,
      locateFile: (name: string, prefix: string) => (name.endsWith('.wasm') ? path : prefix + name),
    },
    // We cache the instance ourselves (above); a fresh one each time we ask.
    equalityFn: () => false,
    fireImmediately: true,
  });
}
