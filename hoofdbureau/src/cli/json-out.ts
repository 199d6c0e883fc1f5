// JSON for machines: byte arrays as hex, the raw stick files left out.
export function toJson(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (key === 'raw') return undefined;
    if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
    return v;
  });
}
