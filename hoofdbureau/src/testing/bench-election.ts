// Municipalities for the import bench: the demo election's councils (gemeenteraad 27 seats,
// provincieraad 9) with as many polling stations as wanted, each with its own stembureau key,
// ten deelgebieden, signed by one organiser. Deterministic per index.
import { agreementPublicKey, demoKeyMaterial, group, Signer, toBase32, toBase64 } from '@ovs/crypto';
import { generateDemoElection, pollingStationName, sealStembureauKey, signPackage, type ElectionPackage, type PollingStation } from '@ovs/election';
import type { PackageFiles } from './station-day.ts';

export const BENCH_ORGANISER_SEED = 'ovs-bench-organiser';

export interface BenchMunicipality {
  pkg: PackageFiles;
  hoofdbureauPrivateKey: Uint8Array;
  stembureau: (station: number) => Signer;
}

export function benchMunicipality(index: number, stations: number): BenchMunicipality {
  const seed = `ovs-bench-${index}`;
  const demo = generateDemoElection({ seed, scrypt: { N: 1024, r: 8, p: 1 } });
  const organiser = new Signer(demoKeyMaterial(BENCH_ORGANISER_SEED, 'organiser'));
  const name = `Bankstad${String.fromCharCode(65 + (index % 26))}${index >= 26 ? index : ''}`;
  const hoofdbureau = demoKeyMaterial(seed, 'hoofdbureau');
  const stationKey = (n: number): Uint8Array => demoKeyMaterial(seed, `stembureau-${n}`);
  const list: PollingStation[] = Array.from({ length: stations }, (_, i) => {
    const number = i + 1;
    const deelgebied = `Wijk ${1 + Math.floor((i * 10) / stations)}`;
    const sealed = sealStembureauKey(stationKey(number), number, group(toBase32(demoKeyMaterial(seed, `envelope-${number}`, 13), 20)), {
      params: { N: 1024, r: 8, p: 1 },
      salt: demoKeyMaterial(seed, `salt-${number}`, 16),
      nonce: demoKeyMaterial(seed, `nonce-${number}`, 12),
    });
    return { number, name: pollingStationName(name, number, deelgebied), deelgebied, registeredVoters: 1100, stembureauKey: sealed };
  });
  const election: ElectionPackage = {
    ...demo.election,
    municipality: { nisCode: String(90000 + index).padStart(5, '0'), name },
    pollingStations: list,
    hoofdbureau: { name: `Gemeentelijk hoofdbureau ${name}`, publicKey: toBase64(agreementPublicKey(hoofdbureau)) },
  };
  const { bytes, signature } = signPackage(election, organiser);
  return {
    pkg: { election, bytes, signature, organiserPublicKey: organiser.publicKey },
    hoofdbureauPrivateKey: hoofdbureau,
    stembureau: (n) => new Signer(stationKey(n)),
  };
}
