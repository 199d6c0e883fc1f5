// The count in an open standard: OASIS Election Markup Language 5, schema 510 ("Count").
//
// Why EML 510 and not NIST SP 1500-100: EML 510 models exactly this count — per contest the
// valid votes of each list (an Affiliation) followed by the preference votes of its candidates,
// blank ballots as RejectedVotes, and the same per reporting unit — and it is what the closest
// European peer publishes for a list-PR election with preference votes (the Dutch Kiesraad's
// count software emits EML 510 per municipality with a ReportingUnitVotes per polling station).
// NIST's Common Data Format is built around US contests (one BallotSelection per candidate or
// party, no list vote that also carries preference votes), so a Flemish ballot would need
// extensions. The reporting units here are the publication units of the 500-voter rule, never a
// station below 500 voters on its own.
import type { ResultsDoc, TallyView } from '../results/compute.ts';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function eml510(doc: ResultsDoc, transactionId = '1'): string {
  const out: string[] = [];
  const line = (depth: number, s: string): void => void out.push(`${'  '.repeat(depth)}${s}`);
  line(0, '<?xml version="1.0" encoding="UTF-8"?>');
  line(0, '<EML xmlns="urn:oasis:names:tc:evs:schema:eml" Id="510" SchemaVersion="5">');
  line(1, `<TransactionId>${esc(transactionId)}</TransactionId>`);
  line(1, `<IssueDate>${esc(doc.generatedAt.slice(0, 10))}</IssueDate>`);
  line(1, '<Count>');
  line(2, `<EventIdentifier Id="${esc(`${doc.municipality.nisCode}-${doc.electionDate}`)}"><EventName>${esc(`Lokale en provinciale verkiezingen ${doc.electionDate}`)}</EventName></EventIdentifier>`);
  for (const e of doc.elections) {
    const selections = (depth: number, t: { lists: TallyView['lists'] }): void => {
      for (const l of t.lists) {
        const list = e.lists.find((x) => x.number === l.number);
        line(depth, '<Selection>');
        line(depth + 1, `<AffiliationIdentifier Id="${l.number}"><RegisteredName>${esc(list?.name ?? String(l.number))}</RegisteredName></AffiliationIdentifier>`);
        line(depth + 1, `<ValidVotes>${l.stemcijfer}</ValidVotes>`);
        line(depth, '</Selection>');
        l.preferenceVotes.forEach((votes, i) => {
          line(depth, '<Selection>');
          line(depth + 1, `<Candidate><CandidateIdentifier Id="${i + 1}"><CandidateName>${esc(list?.candidates[i]?.name ?? '')}</CandidateName></CandidateIdentifier></Candidate>`);
          line(depth + 1, `<ValidVotes>${votes}</ValidVotes>`);
          line(depth, '</Selection>');
        });
      }
    };
    const counts = (depth: number, ballots: number, blank: number): void => {
      line(depth, `<Cast>${ballots}</Cast>`);
      line(depth, `<TotalCounted>${ballots - blank}</TotalCounted>`);
      line(depth, `<RejectedVotes ReasonCode="blanco">${blank}</RejectedVotes>`);
    };
    line(2, '<Election>');
    line(3, `<ElectionIdentifier Id="${esc(e.id)}"><ElectionName>${esc(e.title)}</ElectionName><ElectionCategory>${esc(e.kind)}</ElectionCategory></ElectionIdentifier>`);
    line(3, '<Contests>');
    line(4, '<Contest>');
    line(5, `<ContestIdentifier Id="${esc(doc.municipality.nisCode)}"><ContestName>${esc(doc.municipality.name)}</ContestName></ContestIdentifier>`);
    line(5, '<TotalVotes>');
    selections(6, { lists: e.lists.map((l) => ({ number: l.number, stemcijfer: l.stemcijfer, preferenceVotes: l.candidates.map((c) => c.preferenceVotes) })) });
    counts(6, e.ballots, e.blank);
    line(5, '</TotalVotes>');
    for (const u of doc.publication.units) {
      const t = u.published ? u.results?.find((r) => r.election === e.id) : undefined;
      if (!t) continue;
      line(5, '<ReportingUnitVotes>');
      line(6, `<ReportingUnitIdentifier Id="${esc(`${doc.municipality.nisCode}::SB${u.stations.map((n) => String(n).padStart(3, '0')).join('+')}`)}">${esc(`${u.deelgebied}: stembureau ${u.stations.join('+')}`)}</ReportingUnitIdentifier>`);
      selections(6, t);
      counts(6, t.ballots, t.blank);
      line(5, '</ReportingUnitVotes>');
    }
    line(4, '</Contest>');
    line(3, '</Contests>');
    line(2, '</Election>');
  }
  line(1, '</Count>');
  line(0, '</EML>');
  return `${out.join('\n')}\n`;
}
