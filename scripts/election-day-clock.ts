// The virtual polling station and the simulation run on the demo's election day: the console's
// clock starts at 06:00 UTC (08:00 in Brussels in summer time, 07:00 in winter) on the package's
// election date and then runs at real speed. Its sticks then carry that day, as on a real
// election day: a stick of another day is imported only when the voorzitter of the hoofdbureau
// decides so (@ovs/stick opening-date.ts).
export function electionDayClock(electionDate: string): () => Date {
  const started = Date.now();
  const base = Date.parse(`${electionDate}T06:00:00.000Z`);
  return () => new Date(base + (Date.now() - started));
}
