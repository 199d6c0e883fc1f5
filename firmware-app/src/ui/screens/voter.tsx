// The voter's screens, in the order of decree art. 16: language (where offered), then per
// election its title, its lists and blank, a list's candidates with the top box, and the
// confirmation in the words the ballot will print.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { Banner, Button, KIOSK_MM, KioskFrame, LANGUAGE_NAMES, Notice, Pager, SettingsBar, Tile, type Translate } from '@ovs/ui';
import type { ElectionHeading, Notice as FlowNotice, Screen } from '../../flow/index.ts';
import type { ScreenProps } from '../context.ts';
import { pageOf, usePageLayout, useShrinkToFit } from '../fit.ts';

/** Columns and the most rows of tiles per text size (fewer rows when they do not fit). */
/** Column counts on offer per text size (the one needing fewest pages is used) and the most rows. */
const CANDIDATE_GRID = [
  { cols: [4, 3], rows: 9 },
  { cols: [3, 2], rows: 9 },
  { cols: [2, 1], rows: 9 },
] as const;
const LIST_GRID = [
  { cols: [2], rows: 8 },
  { cols: [2], rows: 8 },
  { cols: [1], rows: 8 },
] as const;

function noticeText(notice: FlowNotice, t: Translate): string {
  switch (notice.kind) {
    case 'choices-discarded':
      return t('notice.choices-discarded', { list: notice.list });
    case 'election-restarted':
      return t('notice.election-restarted');
    case 'nothing-chosen':
      return t('notice.nothing-chosen');
    case 'not-possible':
      return t('notice.not-possible');
    default:
      return notice satisfies never;
  }
}

/** The frame of every voter screen: election title, the voter's settings, test banner, notice. */
function VoterFrame({
  screen,
  t,
  send,
  title,
  subtitle,
  actions,
  ownNotice = false,
  children,
}: {
  screen: Screen;
  t: Translate;
  send: ScreenProps['send'];
  title?: ComponentChildren;
  subtitle?: ComponentChildren;
  actions?: ComponentChildren;
  /** The screen shows the notice in a place of its own. */
  ownNotice?: boolean;
  children: ComponentChildren;
}) {
  return (
    <KioskFrame
      banner={screen.test ? <Banner>{t('test.banner')}</Banner> : undefined}
      title={title}
      subtitle={subtitle}
      right={
        <SettingsBar
          t={t}
          textSize={screen.settings.textSize}
          contrast={screen.settings.contrast}
          onTextSize={(textSize) => send({ type: 'set-text-size', textSize })}
          onContrast={(contrast) => send({ type: 'set-contrast', contrast })}
        />
      }
      actions={actions}
    >
      {screen.notice && !ownNotice ? <Notice testId="notice">{noticeText(screen.notice, t)}</Notice> : null}
      {children}
    </KioskFrame>
  );
}

/** The package's title (Dutch); in another language preceded by the kind of council in that language. */
function electionTitle(e: ElectionHeading, t: Translate): string {
  const kind = t(`kind.${e.kind}`);
  return e.title.toLowerCase().startsWith(kind.toLowerCase()) ? e.title : `${kind} — ${e.title}`;
}
const electionOf = (e: ElectionHeading, t: Translate): string => t('election.of', { number: e.number, of: e.of });

export function LanguageChoice({ screen, body, all, send, t }: ScreenProps<'language'>) {
  return (
    <VoterFrame screen={screen} t={t} send={send} title={all.map((a) => a.t('language.title')).join(' / ')}>
      <div class="center">
        <div class="langs">
          {body.languages.map((language) => (
            <Button key={language} testId={`language-${language}`} onPress={() => send({ type: 'choose-language', language })}>
              <span lang={language}>{LANGUAGE_NAMES[language]}</span>
            </Button>
          ))}
        </div>
      </div>
    </VoterFrame>
  );
}

export function LanguageConfirm({ screen, body, send, t }: ScreenProps<'language-confirm'>) {
  return (
    <VoterFrame
      screen={screen}
      t={t}
      send={send}
      title={t('language-confirm.title', { language: LANGUAGE_NAMES[body.language] })}
      actions={
        <>
          <Button testId="change-language" onPress={() => send({ type: 'change-language' })}>
            {t('language-confirm.change')}
          </Button>
          <Button kind="primary" testId="confirm-language" onPress={() => send({ type: 'confirm-language' })}>
            {t('language-confirm.confirm')}
          </Button>
        </>
      }
    >
      <div class="center">
        <p class="big">{t('language-confirm.body')}</p>
      </div>
    </VoterFrame>
  );
}

export function ElectionIntro({ screen, body, send, t }: ScreenProps<'election-intro'>) {
  const e = body.election;
  return (
    <VoterFrame
      screen={screen}
      t={t}
      send={send}
      title={electionOf(e, t)}
      actions={
        <>
          <span class="spacer" />
          <Button kind="primary" testId="start-election" onPress={() => send({ type: 'start-election' })}>
            {t('election-intro.start')}
          </Button>
        </>
      }
    >
      <div class="center" data-testid="election-intro">
        <p class="big">{t('election-intro.title')}</p>
        <h2 class="big" data-testid="election-title">
          {t(`kind.${e.kind}`)}
        </h2>
        <p class="big">{e.title}</p>
      </div>
    </VoterFrame>
  );
}

export function Lists({ screen, body, send, t }: ScreenProps<'lists'>) {
  const grid = LIST_GRID[screen.settings.textSize];
  const container = useRef<HTMLDivElement>(null);
  const probes = [useRef<HTMLDivElement>(null)];
  const [page, setPage] = useState(0);
  const layout = usePageLayout(container, probes, grid.cols, grid.rows, `${body.election.id}:${screen.settings.textSize}:${screen.notice?.kind ?? ''}`, page === 0);
  const shown = pageOf(body.lists, layout.starts, page);
  const tile = (l: { number: number; name: string }, probing: boolean) => (
    <Tile key={l.number} large number={l.number} probe={probing} testId={probing ? undefined : `list-${l.number}`} onPress={() => send({ type: 'choose-list', list: l.number })}>
      {l.name}
    </Tile>
  );
  return (
    <VoterFrame
      screen={screen}
      t={t}
      send={send}
      title={electionTitle(body.election, t)}
      subtitle={`${electionOf(body.election, t)} · ${t('lists.title')}`}
      actions={shown.pages > 1 ? <Pager page={shown.page} pages={shown.pages} onPage={setPage} t={t} /> : undefined}
    >
      <div class="paged">
        {grid.cols.map((cols, i) => (
          <div key={cols} class="grid probe" ref={probes[i]} aria-hidden="true" style={{ '--cols': cols }}>
            {body.lists.map((l) => tile(l, true))}
          </div>
        ))}
        <div class="grid" ref={container} data-testid="lists" style={{ '--cols': layout.cols }}>
          {shown.items.map((l) => tile(l, false))}
        </div>
      </div>
      <Tile large testId="blank" onPress={() => send({ type: 'choose-blank' })}>
        <strong>{t('lists.blank')}</strong>
      </Tile>
    </VoterFrame>
  );
}

export function Candidates({ screen, body, send, t }: ScreenProps<'candidates'>) {
  const grid = CANDIDATE_GRID[screen.settings.textSize];
  const container = useRef<HTMLDivElement>(null);
  const probes = [useRef<HTMLDivElement>(null), useRef<HTMLDivElement>(null)];
  const [page, setPage] = useState(0);
  const layout = usePageLayout(container, probes, grid.cols, grid.rows, `${body.list.number}:${screen.settings.textSize}`, page === 0);
  const shown = pageOf(body.candidates, layout.starts, page);
  const chosen = body.candidates.filter((c) => c.selected).length;
  const tile = (c: { position: number; name: string; selected: boolean }, probing: boolean) => (
    <Tile
      key={`${body.list.number}-${c.position}`}
      number={`${c.position}.`}
      selected={c.selected}
      probe={probing}
      testId={probing ? undefined : `candidate-${c.position}`}
      onPress={() => send({ type: 'toggle-candidate', position: c.position })}
    >
      {c.name}
    </Tile>
  );
  return (
    <VoterFrame
      screen={screen}
      t={t}
      send={send}
      title={t('candidates.list', { number: body.list.number, name: body.list.name })}
      ownNotice
      actions={
        <>
          <Button testId="back-to-lists" help={t('candidates.back.help')} onPress={() => send({ type: 'back-to-lists' })}>
            {'◀ '}
            {t('candidates.back')}
          </Button>
          <strong class="nowrap chosen" data-testid="chosen-count">
            {t('candidates.chosen', { count: chosen + (body.topBox ? 1 : 0) })}
          </strong>
          <Button kind="primary" testId="review" onPress={() => send({ type: 'review' })}>
            {t('candidates.review')}
            {' ▶'}
          </Button>
        </>
      }
    >
      {/* The instruction and the notice share one box of one size: a notice never moves the tiles. */}
      {screen.notice ? (
        <p class="instruction alert" role="status" data-testid="notice">
          {screen.notice.kind === 'nothing-chosen' ? t('candidates.instruction') : noticeText(screen.notice, t)}
        </p>
      ) : (
        <p class="instruction">{t('candidates.instruction')}</p>
      )}
      <Tile selected={body.topBox} testId="top-box" onPress={() => send({ type: 'toggle-top-box' })}>
        <strong>{t('candidates.top-box')}</strong>
        {/* At the largest text the explanation would take a line of candidates; the instruction says it. */}
        {screen.settings.textSize === 2 ? null : <> — {t('candidates.top-box.help')}</>}
      </Tile>
      {shown.pages > 1 ? (
          <Pager
            page={shown.page}
            pages={shown.pages}
            onPage={setPage}
            t={t}
            of="candidates"
            // On every page, the last included, so that every page has the same room for tiles;
            // left out at the largest text, where the button itself has to say it.
            note={screen.settings.textSize === 2 ? undefined : shown.page < shown.pages - 1 ? t('page.more') : t('page.last')}
          />
      ) : null}
      <div class="paged">
        {grid.cols.map((cols, i) => (
          <div key={cols} class="grid probe" ref={probes[i]} aria-hidden="true" style={{ '--cols': cols }}>
            {body.candidates.map((c) => tile(c, true))}
          </div>
        ))}
        <div class="grid" ref={container} data-testid="candidates" style={{ '--cols': layout.cols }}>
          {shown.items.map((c) => tile(c, false))}
        </div>
      </div>
    </VoterFrame>
  );
}

export function Confirm({ screen, body, send, t }: ScreenProps<'confirm'>) {
  const box = useRef<HTMLDivElement>(null);
  const fit = useShrinkToFit(box, KIOSK_MM.font[0] / KIOSK_MM.font[screen.settings.textSize], `${body.election.id}:${screen.settings.textSize}`);
  return (
    <VoterFrame
      screen={screen}
      t={t}
      send={send}
      title={`${t('confirm.title')}: ${electionTitle(body.election, t)}`}
      subtitle={`${electionOf(body.election, t)} · ${t('confirm.body')}`}
      actions={
        <>
          <Button testId="restart-election" onPress={() => send({ type: 'restart-election' })}>
            {'↺ '}
            {t('confirm.restart')}
          </Button>
          <Button kind="primary" testId="confirm" onPress={() => send({ type: 'confirm' })}>
            {'✓ '}
            {t('confirm.confirm')}
          </Button>
        </>
      }
    >
      <div class={fit.scroll ? 'lines fit scroll' : 'lines fit'} ref={box} data-testid="confirm-lines" style={{ fontSize: `${fit.scale * 1.1}rem` }}>
        {body.lines.map((line, i) => (
          <div key={i} class={line.startsWith('  ') ? 'indent' : 'heading'}>
            {line.trim()}
          </div>
        ))}
      </div>
    </VoterFrame>
  );
}
