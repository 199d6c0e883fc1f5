// Reading a V8 heap snapshot (Node's or Chromium's, same format): which live objects carry
// given property names, and which strings contain given text. Not counted: the empty template
// V8 keeps of an object literal that runs often (an AllocationSite's boilerplate: the literal's
// property names, no values), which holds nothing of a vote.

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface HeapFindings {
  /** Per shape: live objects having every property of the shape. */
  properties: Record<string, number>;
  /** Strings containing this text. */
  strings: Record<string, string[]>;
}

export function analyseHeap(json: string, shapes: Readonly<Record<string, readonly string[]>>, markers: readonly string[]): HeapFindings {
  const snap = JSON.parse(json) as Snapshot;
  const meta = snap.snapshot.meta;
  const nodeFields = meta.node_fields.length;
  const edgeFields = meta.edge_fields.length;
  const typeOffset = meta.node_fields.indexOf('type');
  const edgeCountOffset = meta.node_fields.indexOf('edge_count');
  const edgeTypeOffset = meta.edge_fields.indexOf('type');
  const edgeNameOffset = meta.edge_fields.indexOf('name_or_index');
  const objectType = meta.node_types[0].indexOf('object');
  const propertyType = meta.edge_types[0].indexOf('property');
  const nameOffset = meta.node_fields.indexOf('name');
  const toNodeOffset = meta.edge_fields.indexOf('to_node');
  const counts: Record<string, number> = Object.fromEntries(Object.keys(shapes).map((k) => [k, 0]));
  const interesting = new Set(Object.values(shapes).flat());
  const found: Array<{ node: number; shape: string }> = [];
  const boilerplates = new Set<number>();
  let edge = 0;
  for (let n = 0; n < snap.nodes.length; n += nodeFields) {
    const count = snap.nodes[n + edgeCountOffset] as number;
    const isObject = snap.nodes[n + typeOffset] === objectType;
    const isAllocationSite = snap.strings[snap.nodes[n + nameOffset] as number] === 'system / AllocationSite';
    const names = new Set<string>();
    for (let e = 0; e < count; e++, edge += edgeFields) {
      if (isAllocationSite && snap.strings[snap.edges[edge + edgeNameOffset] as number] === 'transition_info') boilerplates.add(snap.edges[edge + toNodeOffset] as number);
      if (!isObject || snap.edges[edge + edgeTypeOffset] !== propertyType) continue;
      const name = snap.strings[snap.edges[edge + edgeNameOffset] as number] as string;
      if (interesting.has(name)) names.add(name);
    }
    if (names.size === 0) continue;
    for (const [shape, props] of Object.entries(shapes)) if (props.every((p) => names.has(p))) found.push({ node: n, shape });
  }
  for (const f of found) if (!boilerplates.has(f.node)) counts[f.shape]! += 1;
  const strings: Record<string, string[]> = {};
  for (const m of markers) strings[m] = snap.strings.filter((s) => s.includes(m)).map((s) => s.slice(0, 200));
  return { properties: counts, strings };
}
