import type { AppSnapshot } from '../../shared/bridge/contract';
import { displaySettingsOf } from '../../shared/settings/displaySettings';
import type { PosApp } from '../app/posApp';
import { startLanDisplayHost, type LanDisplayHost, type LanDisplayLimits } from './lanDisplayHost';

/**
 * Keeps the LAN display host in line with the settings, for the Electron shell and
 * browser mode alike: started when `display.lanDisplayEnabled` is on, restarted on
 * another `lanDisplayPort`, stopped (every tablet's socket closed) when it is turned off.
 * It follows the app's snapshots, which main publishes after every settings change.
 */

export interface LanDisplayWanted {
  enabled: boolean;
  port: number;
}

export type LanDisplayStep = 'keep' | 'start' | 'stop' | 'restart';

/**
 * What to do, from what runs (its port, or undefined) and what the settings want. A port
 * that failed to open is not tried again until the settings change (`failedPort`), so a
 * port held by another program costs one log line, not one per snapshot.
 */
export function lanDisplayStep(runningPort: number | undefined, wanted: LanDisplayWanted, failedPort?: number): LanDisplayStep {
  if (!wanted.enabled) return runningPort === undefined ? 'keep' : 'stop';
  if (runningPort === undefined) return failedPort === wanted.port ? 'keep' : 'start';
  return runningPort === wanted.port ? 'keep' : 'restart';
}

export function lanDisplayWantedOf(snapshot: Pick<AppSnapshot, 'settings'>): LanDisplayWanted {
  const display = displaySettingsOf(snapshot.settings.display);
  return { enabled: display.lanDisplayEnabled, port: display.lanDisplayPort };
}

export interface LanDisplayRunnerOptions {
  app: Pick<PosApp, 'subscribe' | 'snapshot' | 'displayAccess' | 'log' | 'journal'>;
  rendererDir: string;
  /** Default 0.0.0.0. */
  address?: string;
  limits?: Partial<LanDisplayLimits>;
}

export interface LanDisplayRunner {
  /** The port listened on now, if the host runs. */
  port(): number | undefined;
  /** Resolves once the host matches the settings last seen. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export function runLanDisplay(options: LanDisplayRunnerOptions): LanDisplayRunner {
  const { app } = options;
  let host: LanDisplayHost | undefined;
  let failedPort: number | undefined;
  let lastWanted: LanDisplayWanted | undefined;
  let closed = false;
  // One change at a time, in order: a stop must finish before the same port opens again.
  let queue: Promise<void> = Promise.resolve();

  const stop = async () => {
    const running = host;
    host = undefined;
    if (running) {
      await running.close();
      app.log.info('LAN customer display stopped', { port: running.port });
    }
  };
  const start = async (port: number) => {
    try {
      host = await startLanDisplayHost({
        access: app.displayAccess,
        onDisplay: (listener) => app.subscribe((event, payload) => event === 'display' && listener(payload as Parameters<typeof listener>[0])),
        rendererDir: options.rendererDir,
        port,
        ...(options.address ? { address: options.address } : {}),
        ...(options.limits ? { limits: options.limits } : {}),
        onPairing: ({ outcome, by, remoteAddress }) => {
          // Resuming with a token is routine (every reload); codes and refusals are worth a line.
          if (by === 'token' && outcome === 'paired') return;
          app.journal.audit({ action: 'display.lanPairing', outcome: outcome === 'paired' ? 'ok' : 'refused', detail: `${outcome} ${by} from ${remoteAddress}` });
        },
      });
      failedPort = undefined;
      app.log.info('LAN customer display listening', { port: host.port });
    } catch (error) {
      failedPort = port;
      app.log.warn('LAN customer display could not listen', { port, error });
    }
  };

  const follow = (wanted: LanDisplayWanted) => {
    const changed = lastWanted === undefined || lastWanted.enabled !== wanted.enabled || lastWanted.port !== wanted.port;
    lastWanted = wanted;
    // Settings changed: a port that failed earlier gets another try.
    if (changed) failedPort = undefined;
    queue = queue.then(async () => {
      if (closed) return;
      const step = lanDisplayStep(host?.port, wanted, failedPort);
      if (step === 'stop' || step === 'restart') await stop();
      if (step === 'start' || step === 'restart') await start(wanted.port);
    });
  };

  const unsubscribe = app.subscribe((event, payload) => {
    if (event !== 'snapshot') return;
    const wanted = lanDisplayWantedOf(payload as AppSnapshot);
    // Snapshots come with every key press of a sale: only a change of these two matters.
    if (lastWanted && lastWanted.enabled === wanted.enabled && lastWanted.port === wanted.port) return;
    follow(wanted);
  });
  follow(lanDisplayWantedOf(app.snapshot()));

  return {
    port: () => host?.port,
    settled: () => queue,
    async close() {
      unsubscribe();
      closed = true;
      await queue;
      await stop();
    },
  };
}
