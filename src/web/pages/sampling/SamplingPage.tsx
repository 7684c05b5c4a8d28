import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Input, Popconfirm, Select, Switch, Tag, Typography, type InputRef } from 'antd';
import { CheckCircleFilled, CloudSyncOutlined, DisconnectOutlined, LockOutlined, WifiOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { FollowupDialogs } from './FollowupDialogs.js';
import { samplingQueue, type Problem } from './queue.js';
import { useQueueState, useSampler, type LocalTube } from './useSampler.js';
import './sampling.css';

/**
 * 核酸采样: the sampler's phone page. One big input that always has the focus: a tube barcode, then
 * each person's ID number or 采集码, Enter after each (as a keyboard-wedge scanner sends them). Every
 * scan beeps and flashes; the tube seals itself at capacity, or by hand (F2). Scans queue on the
 * phone first, so that the page keeps working with the network gone.
 */
export function SamplingPage() {
  const { t } = useI18n();
  const s = useSampler();
  const q = useQueueState();
  const input = useRef<InputRef>(null);
  const [text, setText] = useState('');
  const dialogOpen = Boolean(s.followup);

  const focus = useCallback(() => {
    setTimeout(() => input.current?.focus(), 0);
  }, []);

  // F2 seals; any key typed while nothing has the focus goes to the input (a scanner needs no tap first).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2' && !dialogOpen) {
        e.preventDefault();
        void s.seal();
        focus();
        return;
      }
      const target = e.target as HTMLElement | null;
      if (!dialogOpen && (!target || target === document.body) && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialogOpen, s.seal, focus]);

  // The input is enabled once the sites are known: it takes the focus then.
  const ready = Boolean(s.site?.round);
  useEffect(() => {
    if (ready) focus();
  }, [ready, focus]);

  // Back online after starting from the cached sites: ask the server again.
  const { sitesFromCache, reloadSites } = s;
  const drained = q.pending === 0;
  useEffect(() => {
    if (q.online && sitesFromCache) reloadSites();
  }, [q.online, drained, sitesFromCache, reloadSites]);

  const submit = () => {
    const value = text;
    setText('');
    void s.enter(value).finally(focus);
  };

  if (s.sitesError && !s.sites) return <ErrorAlert error={s.sitesError} />;
  if (s.sites && s.sites.length === 0) return <Alert type="warning" showIcon title={t('sampling.noSites')} />;

  const site = s.site;
  const tube = s.tube && s.tube.siteId === site?.siteId ? s.tube : null;
  const filling = tube?.status === 'open';
  const count = tube?.members.length ?? 0;
  const prompt = !tube ? t('sampling.promptTube')
    : filling ? t('sampling.promptPerson', { n: count + 1 })
      : t('sampling.promptNextTube');
  const noRound = site && !site.round;

  return (
    <div className="sampling">
      <div className="sampling-bar">
        {s.sites && s.sites.length > 1
          ? (
            <Select
              className="sampling-site"
              value={site?.siteId}
              onChange={(id) => {
                s.setSiteId(id);
                focus();
              }}
              options={s.sites.map((x) => ({ value: x.siteId, label: x.siteName }))}
              aria-label={t('sampling.site')}
            />
          )
          : <Typography.Text strong className="sampling-site-name">{site?.siteName}</Typography.Text>}
        <div className="sampling-bar-spacer" />
        <NetworkTag online={q.online} />
        <Tag
          data-testid="pending-count"
          color={q.pending > 0 ? 'orange' : 'default'}
          icon={q.syncing ? <CloudSyncOutlined spin /> : undefined}
          className="sampling-pending"
        >
          {t('sampling.pending', { count: q.pending })}
        </Tag>
        {q.pending > 0 && !q.syncing && (
          <Button size="small" onClick={() => void samplingQueue().sync().finally(focus)}>{t('sampling.syncNow')}</Button>
        )}
      </div>
      {site?.round && <div className="sampling-round muted">{site.round.name} · {site.regionName}</div>}
      {s.sitesFromCache && <Alert type="info" showIcon title={t('sampling.sitesOffline')} className="sampling-alert" />}
      {!q.online && <Alert type="warning" showIcon banner title={t('sampling.offlineBanner')} className="sampling-alert" />}
      {noRound && <Alert type="warning" showIcon title={t('sampling.noRound')} className="sampling-alert" />}

      <section
        key={s.feedback?.at ?? 0}
        className={`sampling-status sampling-flash-${s.feedback?.tone ?? 'none'}`}
        data-testid="tube-status"
      >
        <div className="sampling-prompt">{prompt}</div>
        {tube && (
          <>
            <div className="sampling-counter" data-testid="tube-counter" aria-live="polite">
              {count}<span className="sampling-counter-of">/{tube.capacity}</span>
            </div>
            <div className="sampling-tube-line">
              <span>{t('sampling.tube')} <b className="masked" data-testid="tube-barcode">{tube.barcode}</b></span>
              <Tag>{s.poolText(tube.capacity)}</Tag>
              <TubeStatusTag tube={tube} />
            </div>
          </>
        )}
      </section>

      <Input
        ref={input}
        size="large"
        className="sampling-input"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onPressEnter={submit}
        placeholder={filling ? t('sampling.placeholderPerson') : t('sampling.placeholderTube')}
        aria-label={t('sampling.input')}
        data-testid="scan-input"
        autoFocus
        autoComplete="off"
        autoCapitalize="characters"
        autoCorrect="off"
        spellCheck={false}
        enterKeyHint="go"
        disabled={!site || Boolean(noRound)}
      />

      <div className={`sampling-feedback sampling-feedback-${s.feedback?.tone ?? 'none'}`} role="status" data-testid="scan-feedback">
        {s.feedback?.text ?? ''}
      </div>

      <div className="sampling-actions">
        <Button
          type="primary"
          size="large"
          icon={<LockOutlined />}
          disabled={!filling || count === 0}
          onClick={() => {
            void s.seal();
            focus();
          }}
          data-testid="seal-button"
        >
          {t('sampling.seal')} <kbd className="sampling-kbd">F2</kbd>
        </Button>
        {filling && count === 0 && (
          <Button size="large" onClick={() => {
            s.dropTube();
            focus();
          }}
          >
            {t('sampling.changeTube')}
          </Button>
        )}
        <label className="sampling-retest" title={t('sampling.retestHint')}>
          <Switch checked={s.retest} onChange={(v) => {
            s.setRetest(v);
            focus();
          }}
          />
          <span>{t('sampling.retest')}</span>
        </label>
      </div>

      <Problems problems={q.problems} onAnswer={(p) => {
        const f = s.fromProblem(p);
        if (f) s.setFollowup(f);
      }} canAnswer={(p) => Boolean(s.fromProblem(p))} onDone={focus}
      />

      {tube && (
        <section className="sampling-members">
          <Typography.Title level={5}>{t('sampling.members')}</Typography.Title>
          {tube.members.length === 0
            ? <div className="muted">{t('sampling.noMembers')}</div>
            : (
              <ol className="sampling-member-list" data-testid="tube-members">
                {tube.members.map((m, i) => (
                  <li key={m.key} className={`sampling-member sampling-member-${m.state}`}>
                    <span className="sampling-member-seq">{m.seq ?? i + 1}</span>
                    <span className="sampling-member-name">{m.label}</span>
                    {m.unregistered && <Tag color="purple">{t('sampling.memberUnregistered')}</Tag>}
                    {m.state === 'ok' && <CheckCircleFilled className="sampling-member-ok" />}
                    {m.state === 'pending' && <Tag color="orange">{t('sampling.memberPending')}</Tag>}
                    {m.state === 'sending' && <Tag>{t('sampling.memberSending')}</Tag>}
                  </li>
                ))}
              </ol>
            )}
        </section>
      )}

      <FollowupDialogs
        followup={s.followup}
        tube={tube ? { count, capacity: tube.capacity } : undefined}
        onClose={() => s.setFollowup(undefined)}
        onSeal={(reason) => void s.seal({ confirmed: true, reason })}
        onResend={(f, answer) => void s.resend(f, answer)}
        afterClose={focus}
      />
    </div>
  );
}

function NetworkTag({ online }: { online: boolean }) {
  const { t } = useI18n();
  return online
    ? <Tag color="green" icon={<WifiOutlined />} data-testid="network-state">{t('sampling.online')}</Tag>
    : <Tag color="red" icon={<DisconnectOutlined />} data-testid="network-state">{t('sampling.offline')}</Tag>;
}

function TubeStatusTag({ tube }: { tube: LocalTube }) {
  const { t } = useI18n();
  if (tube.status === 'open') return <Tag color="blue">{t('sampling.statusOpen')}</Tag>;
  return (
    <>
      <Tag color="green" data-testid="tube-sealed">{tube.sealedLocally ? t('sampling.sealedPending') : t('sampling.statusSealed')}</Tag>
      {tube.underfilled && <Tag color="gold">{t('sampling.underfilled')}</Tag>}
    </>
  );
}

function Problems({ problems, onAnswer, canAnswer, onDone }: {
  problems: Problem[]; onAnswer(p: Problem): void; canAnswer(p: Problem): boolean; onDone(): void;
}) {
  const { t } = useI18n();
  if (problems.length === 0) return null;
  return (
    <section className="sampling-problems" data-testid="problems">
      <Typography.Title level={5} type="danger">{t('sampling.problems', { count: problems.length })}</Typography.Title>
      <div className="muted">{t('sampling.problemsHelp')}</div>
      <ul>
        {problems.map((p) => (
          <li key={p.key} className="sampling-problem">
            <div>
              <b>{p.item.kind === 'scan' ? p.item.label : p.item.kind === 'open' ? t('sampling.problemOpen') : t('sampling.problemSeal')}</b>
              {' · '}
              <span className="muted">{t('sampling.problemTube', { barcode: p.item.tubeBarcode })}</span>
            </div>
            <div className="sampling-problem-message">{p.message}</div>
            <div className="sampling-problem-actions">
              {canAnswer(p) && (
                <Button size="small" type="primary" onClick={() => onAnswer(p)}>
                  {p.code === 'SAMPLED_TODAY' ? t('sampling.problemResend') : t('sampling.problemUnregistered')}
                </Button>
              )}
              <Popconfirm
                title={t('sampling.problemDismissConfirm')}
                okText={t('sampling.problemDismiss')}
                cancelText={t('common.cancel')}
                onConfirm={() => void samplingQueue().dismissProblem(p.key).finally(onDone)}
              >
                <Button size="small" danger>{t('sampling.problemDismiss')}</Button>
              </Popconfirm>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
