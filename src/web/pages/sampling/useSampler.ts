import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { MySite, TubeDetail } from '../../../shared/contracts/testing/sampling.js';
import { api } from '../../api/client.js';
import { useMe } from '../../auth/AuthProvider.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { beep, unlockAudio } from './beep.js';
import { newKey, samplingQueue, type Outcome, type Problem, type QueueItem, type ScanBody } from './queue.js';
import { isBarcode, looksLikePerson, parseSubject, subjectKey, subjectLabel } from './subject.js';

export interface Member {
  key: string;
  label: string;
  subjectKey: string;
  /** sending: just made; pending: stored on the phone, not yet on the server; ok: the server has it. */
  state: 'sending' | 'pending' | 'ok';
  seq?: number;
  unregistered?: boolean;
}

export interface LocalTube {
  barcode: string;
  siteId: string;
  capacity: number;
  purpose: 'round' | 'retest';
  status: 'open' | 'sealed';
  underfilled: boolean;
  /** Sealed here (at capacity, offline) and not yet confirmed by the server. */
  sealedLocally: boolean;
  members: Member[];
}

export interface Feedback {
  tone: 'ok' | 'error' | 'info' | 'sealed';
  text: string;
  at: number;
}

/** A refusal the sampler can answer: a reason to sample again, or the unregistered person's form. */
export type Followup =
  | { kind: 'repeat'; body: ScanBody; message: string; problemKey?: string }
  | { kind: 'unregistered'; body: ScanBody; message: string; problemKey?: string }
  | { kind: 'sealConfirm' };

// Per account: a phone handed to the next shift shows the next sampler their own sites and tube.
const SITES_KEY = (user: string) => `anning_sampling_sites:${user}`;
const SITE_KEY = (user: string) => `anning_sampling_site:${user}`;
const TUBE_KEY = (user: string) => `anning_sampling_tube:${user}`;

function load<T>(key: string): T | undefined {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

function save(key: string, value: unknown): void {
  try {
    if (value === undefined || value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the tube stays in memory; the queue (IndexedDB) is what must survive.
  }
}

const queue = () => samplingQueue();

export function useQueueState() {
  return useSyncExternalStore((cb) => queue().subscribe(cb), () => queue().snapshot);
}

/** The sampler's page state: sites, the tube being filled, the last scan's feedback, follow-ups. */
export function useSampler() {
  const { t } = useI18n();
  const owner = useMe().id;
  const tRef = useRef(t);
  tRef.current = t;
  const [sites, setSites] = useState<MySite[] | undefined>(() => load<MySite[]>(SITES_KEY(owner)));
  const [sitesFromCache, setSitesFromCache] = useState(false);
  const [sitesError, setSitesError] = useState<unknown>();
  const [siteId, setSiteIdState] = useState<string | undefined>(() => load<string>(SITE_KEY(owner)));
  const [tube, setTubeState] = useState<LocalTube | null>(() => load<LocalTube>(TUBE_KEY(owner)) ?? null);
  const tubeRef = useRef(tube);
  const [feedback, setFeedback] = useState<Feedback>();
  const [followup, setFollowup] = useState<Followup>();
  const [retest, setRetest] = useState(false);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const [sitesRound, setSitesRound] = useState(0);

  useEffect(() => queue().attach(owner), [owner]);

  const setTube = useCallback((next: LocalTube | null | ((t: LocalTube | null) => LocalTube | null)) => {
    const value = typeof next === 'function' ? next(tubeRef.current) : next;
    tubeRef.current = value;
    save(TUBE_KEY(owner), value);
    setTubeState(value);
  }, [owner]);

  /** Changes the tube with this barcode, if it is still the one on screen. */
  const patchTube = useCallback((barcode: string, fn: (t: LocalTube) => LocalTube) => {
    setTube((cur) => (cur && cur.barcode === barcode ? fn(cur) : cur));
  }, [setTube]);

  const tell = useCallback((tone: Feedback['tone'], text: string) => {
    setFeedback({ tone, text, at: Date.now() });
    beep(tone === 'error' ? 'error' : tone === 'sealed' ? 'sealed' : 'ok');
  }, []);

  // Sites: from the server, else from the last load (a sampler who lost the network can go on).
  useEffect(() => {
    let live = true;
    api.get<MySite[]>('/testing/my-sites').then((list) => {
      if (!live) return;
      save(SITES_KEY(owner), list);
      setSites(list);
      setSitesFromCache(false);
      setSitesError(undefined);
    }, (err: unknown) => {
      if (!live) return;
      if (load<MySite[]>(SITES_KEY(owner))) setSitesFromCache(true);
      else setSitesError(err);
    });
    return () => {
      live = false;
    };
  }, [owner, sitesRound]);
  const reloadSites = useCallback(() => setSitesRound((n) => n + 1), []);

  const site = sites?.find((s) => s.siteId === siteId) ?? sites?.find((s) => s.round) ?? sites?.[0];
  const setSiteId = useCallback((id: string) => {
    save(SITE_KEY(owner), id);
    setSiteIdState(id);
  }, [owner]);

  // Background outcomes (a sync after the network came back) update the tube on screen.
  useEffect(() => queue().onOutcome((o: Outcome) => {
    if (o.kind === 'accepted') {
      const a = o.accepted;
      patchTube(o.item.tubeBarcode, (cur) => {
        const members = cur.members.map((m) => (m.key === o.item.key
          ? { ...m, label: a.person.name, state: 'ok' as const, seq: a.seq, unregistered: a.person.unregistered }
          : m));
        const sealed = a.tube.status !== 'open';
        return { ...cur, members, capacity: a.tube.capacity,
          status: sealed ? 'sealed' : cur.status,
          sealedLocally: sealed ? false : cur.sealedLocally,
          underfilled: sealed ? a.tube.memberCount < a.tube.capacity : cur.underfilled };
      });
    } else if (o.kind === 'refused' && o.item.kind === 'scan') {
      patchTube(o.item.tubeBarcode, (cur) => {
        const members = cur.members.filter((m) => m.key !== o.item.key);
        // A tube closed here at capacity opens again when one of its scans was refused.
        const reopen = cur.sealedLocally && members.length < cur.capacity;
        return { ...cur, members, status: reopen ? 'open' : cur.status, sealedLocally: reopen ? false : cur.sealedLocally };
      });
    } else if (o.kind === 'tube' && o.tube) {
      const view = o.tube;
      patchTube(o.item.tubeBarcode, (cur) => ({ ...cur, capacity: view.capacity,
        status: view.status === 'open' ? cur.status : 'sealed',
        sealedLocally: view.status === 'open' ? cur.sealedLocally : false,
        underfilled: view.status === 'open' ? cur.underfilled : view.underfilled }));
    }
  }), [patchTube]);

  // A tube left open before a reload: its members from the server, plus what is still queued for it.
  useEffect(() => {
    const cur = tubeRef.current;
    if (!cur || cur.status !== 'open') return;
    let live = true;
    void (async () => {
      const queued = (await queue().pendingItems()).filter((i): i is QueueItem & { kind: 'scan' } => i.kind === 'scan' && i.tubeBarcode === cur.barcode);
      let detail: TubeDetail | undefined;
      try {
        detail = await api.get<TubeDetail>(`/testing/tubes/${encodeURIComponent(cur.barcode)}`);
      } catch {
        // Offline, or the tube was never stored (opened offline): keep what the phone remembers.
      }
      if (!live || !detail) return;
      const d = detail;
      const waiting = new Set(queued.map((i) => i.key));
      patchTube(cur.barcode, (c) => ({
        ...c,
        capacity: d.capacity,
        status: d.status === 'open' ? 'open' : 'sealed',
        underfilled: d.underfilled,
        sealedLocally: false,
        members: [
          ...d.members.filter((m) => !waiting.has(m.sampleId)).map((m) => ({
            key: m.sampleId, label: m.name, subjectKey: `sample:${m.sampleId}`, state: 'ok' as const, seq: m.seq, unregistered: m.unregistered })),
          ...queued.map((i) => ({ key: i.key, label: i.label, subjectKey: subjectKey(i.body.subject), state: 'pending' as const })),
        ],
      }));
    })();
    return () => {
      live = false;
    };
  }, [patchTube]);

  const codeLabel = useCallback((tail: string) => tRef.current('sampling.collectionCode', { tail }), []);

  const poolText = useCallback((capacity: number) => (capacity === 1 ? tRef.current('sampling.single') : tRef.current('sampling.pool', { capacity })), []);

  const openTube = useCallback(async (barcode: string) => {
    const tr = tRef.current;
    if (!site) return;
    if (looksLikePerson(barcode)) return tell('error', tr('sampling.personNotTube'));
    if (!isBarcode(barcode)) return tell('error', tr('sampling.badBarcode'));
    const purpose = retest ? 'retest' : 'round';
    const capacity = purpose === 'retest' ? 1 : site.capacity;
    const item: QueueItem = { kind: 'open', key: newKey(), owner, tubeBarcode: barcode, siteId: site.siteId, createdAt: new Date().toISOString(), capacity, purpose };
    const { outcome } = await queue().submit(item);
    const o = await outcome;
    if (o.kind === 'refused') return tell('error', o.message);
    const fresh: LocalTube = { barcode, siteId: site.siteId, capacity, purpose, status: 'open', underfilled: false, sealedLocally: false, members: [] };
    if (o.kind === 'deferred') {
      setTube(fresh);
      return tell('info', tr('sampling.tubeOpenedOffline', { barcode, pool: poolText(capacity) }));
    }
    const view = o.kind === 'tube' ? o.tube : null;
    if (!view) return;
    let members: Member[] = [];
    if (view.memberCount > 0) {
      // The sampler's own tube, opened before (another phone, a cleared browser): show who is in it.
      const detail = await api.get<TubeDetail>(`/testing/tubes/${encodeURIComponent(barcode)}`).catch(() => undefined);
      members = (detail?.members ?? []).map((m) => ({ key: m.sampleId, label: m.name, subjectKey: `sample:${m.sampleId}`, state: 'ok', seq: m.seq, unregistered: m.unregistered }));
    }
    setTube({ ...fresh, capacity: view.capacity, purpose: view.purpose, members });
    if (members.length > 0) tell('info', tr('sampling.tubeResumed', { barcode, count: members.length }));
    else tell('info', tr('sampling.tubeOpened', { barcode, pool: poolText(view.capacity) }));
  }, [site, retest, tell, setTube, poolText, owner]);

  /** Sends one scan; the tube on screen counts it at once and learns its fate when it comes. */
  const submitScan = useCallback(async (target: { barcode: string; siteId: string; purpose: 'round' | 'retest' }, subject: ScanBody['subject'], extra: { repeatReason?: string; problemKey?: string } = {}) => {
    const tr = tRef.current;
    const key = newKey();
    const body: ScanBody = { id: key, tubeBarcode: target.barcode, siteId: target.siteId, sampledAt: new Date().toISOString(), subject, purpose: target.purpose };
    if (extra.repeatReason) body.repeatReason = extra.repeatReason;
    const label = subjectLabel(subject, codeLabel);
    const cur = tubeRef.current;
    const onScreen = cur?.barcode === target.barcode && cur.status === 'open';
    if (onScreen) {
      const sk = subjectKey(subject);
      if (cur.members.some((m) => m.subjectKey === sk)) return tell('error', tr('sampling.duplicateLocal', { label }));
      if (cur.members.length >= cur.capacity) return tell('error', tr('sampling.tubeFull'));
      patchTube(target.barcode, (c) => ({ ...c, members: [...c.members, { key, label, subjectKey: sk, state: 'sending' }] }));
    }
    const { outcome } = await queue().submit({ kind: 'scan', key, owner, tubeBarcode: target.barcode, siteId: target.siteId, createdAt: body.sampledAt, body, label });
    if (extra.problemKey) await queue().dismissProblem(extra.problemKey);
    // The next scan may be typed while this one travels: its fate is handled when it comes.
    void outcome.then((o) => {
      if (o.kind === 'accepted') {
        const a = o.accepted;
        if (a.tube.status !== 'open') tell('sealed', tr('sampling.sealedFull', { count: a.tube.memberCount }));
        else tell('ok', tr('sampling.scanOk', { name: a.person.name, seq: a.seq }));
      } else if (o.kind === 'deferred') {
        let full = false;
        patchTube(target.barcode, (c) => {
          const members = c.members.map((m) => (m.key === key && m.state === 'sending' ? { ...m, state: 'pending' as const } : m));
          full = c.status === 'open' && members.length >= c.capacity;
          return full ? { ...c, members, status: 'sealed', sealedLocally: true, underfilled: false } : { ...c, members };
        });
        if (full) tell('sealed', tr('sampling.sealedFullOffline', { count: tubeRef.current?.capacity ?? '' }));
        else tell('ok', tr('sampling.scanQueued', { label }));
      } else if (o.kind === 'refused') {
        tell('error', o.message);
        if (o.code === 'SAMPLED_TODAY') setFollowup({ kind: 'repeat', body, message: o.message, problemKey: extra.problemKey });
        else if (o.code === 'PERSON_NOT_REGISTERED') setFollowup({ kind: 'unregistered', body, message: o.message });
        else if (o.code === 'TUBE_SEALED' || o.code === 'TUBE_FULL') patchTube(target.barcode, (c) => ({ ...c, status: 'sealed' }));
      }
    });
  }, [codeLabel, patchTube, tell, owner]);

  const handle = useCallback(async (raw: string) => {
    const text = raw.trim();
    if (!text || !site) return;
    const cur = tubeRef.current;
    if (!cur || cur.status !== 'open') return openTube(text);
    if (text === cur.barcode) return tell('error', tRef.current('sampling.sameAsTube'));
    return submitScan(cur, parseSubject(text));
  }, [site, openTube, submitScan, tell]);

  /** Takes what was typed or scanned; one at a time, in the order they came. */
  const enter = useCallback((raw: string) => {
    unlockAudio();
    const next = chain.current.then(() => handle(raw)).catch(() => tell('error', tRef.current('error.unexpected')));
    chain.current = next;
    return next;
  }, [handle, tell]);

  const seal = useCallback(async (opts: { confirmed?: boolean; reason?: string } = {}) => {
    const tr = tRef.current;
    const cur = tubeRef.current;
    if (!cur || cur.status !== 'open') return;
    const count = cur.members.length;
    if (count === 0) return tell('info', tr('sampling.sealEmpty'));
    if (count < cur.capacity && !opts.confirmed) {
      setFollowup({ kind: 'sealConfirm' });
      return;
    }
    const capacity = cur.capacity;
    patchTube(cur.barcode, (c) => ({ ...c, status: 'sealed', underfilled: count < capacity }));
    const item: QueueItem = { kind: 'seal', key: newKey(), owner, tubeBarcode: cur.barcode, siteId: cur.siteId, createdAt: new Date().toISOString(), reason: opts.reason || undefined };
    const { outcome } = await queue().submit(item);
    const o = await outcome;
    if (o.kind === 'refused') {
      patchTube(cur.barcode, (c) => ({ ...c, status: 'open', underfilled: false }));
      return tell('error', o.message);
    }
    const under = count < capacity;
    if (o.kind === 'deferred') {
      return tell('sealed', under ? tr('sampling.sealedEarlyOffline', { count, capacity }) : tr('sampling.sealedOk', { count, capacity }));
    }
    tell('sealed', under ? tr('sampling.sealedEarly', { count, capacity }) : tr('sampling.sealedOk', { count, capacity }));
  }, [patchTube, tell, owner]);

  /** Leaves a tube nobody was scanned into (a wrong barcode): the next scan is a tube again. */
  const dropTube = useCallback(() => {
    const cur = tubeRef.current;
    if (cur && cur.members.length === 0) setTube(null);
  }, [setTube]);

  /** Answers a follow-up: sample again with a reason, or as an unregistered person. */
  const resend = useCallback(async (f: Exclude<Followup, { kind: 'sealConfirm' }>, answer: { repeatReason?: string; unregistered?: ScanBody['subject'] }) => {
    const target = { barcode: f.body.tubeBarcode, siteId: f.body.siteId, purpose: f.body.purpose };
    const subject = answer.unregistered ?? f.body.subject;
    await submitScan(target, subject, { repeatReason: answer.repeatReason ?? f.body.repeatReason, problemKey: f.problemKey });
  }, [submitScan]);

  const fromProblem = useCallback((p: Problem): Followup | undefined => {
    if (p.item.kind !== 'scan') return undefined;
    if (p.code === 'SAMPLED_TODAY') return { kind: 'repeat', body: p.item.body, message: p.message, problemKey: p.key };
    if (p.code === 'PERSON_NOT_REGISTERED') return { kind: 'unregistered', body: p.item.body, message: p.message, problemKey: p.key };
    return undefined;
  }, []);

  return {
    sites, sitesFromCache, sitesError, site, setSiteId, reloadSites,
    tube, feedback, followup, setFollowup, retest, setRetest,
    enter, seal, dropTube, resend, fromProblem,
    poolText,
  };
}
