/**
 * The Strapi instances of one test file: its own copy of each template database (global-setup.ts), its own
 * SMTP sink, its own instances, started before the file's first test and stopped after its last. Files
 * cannot see each other's rows, leases, crons or mail, so they may also run at the same time.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import {
  createPostgresDatabase,
  dropPostgresDatabase,
  postgresDatabaseName,
  ROOT,
  smtpEnv,
  startInstance,
  type Backend,
  type DatabaseTarget,
  type RunningInstance,
} from './instances';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

let fileBackends: Backend[] | null = null;
let sink: SmtpSink | null = null;
let uploads: string | null = null;

/** The backends of this file, by name only until its first test runs (describe.each needs them at collection). */
export function backends(): Backend[] {
  if (!fileBackends) {
    const backends = inject('templates').map((template) => ({ name: template.name, sessions: template.sessions, url: '', db: template.db }) as Backend);
    fileBackends = backends;
    const instances: RunningInstance[] = [];
    const cleanups: Array<() => Promise<void>> = [];
    beforeAll(async () => {
      const id = `${inject('runId')}_${randomUUID().slice(0, 8)}`;
      const dir = path.join(ROOT, '.tmp', `test-${inject('runId')}`, `file-${id}`);
      mkdirSync(dir, { recursive: true });
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      sink = await startSmtpSink(path.join(dir, 'mail'));
      const started = sink;
      cleanups.push(() => started.stop());
      uploads = path.join(dir, 'uploads');
      await Promise.all(
        backends.map(async (backend) => {
          const db = await copyOf(backend.db, id, dir);
          if (db.client === 'postgres') cleanups.push(() => dropPostgresDatabase(postgresDatabaseName(db.location)));
          const instance = await startInstance(db, fileEnv());
          instances.push(instance);
          Object.assign(backend, { db, url: instance.url });
        })
      );
    }, 180_000);
    afterAll(async () => {
      await Promise.all(instances.map((instance) => instance.stop()));
      for (const cleanup of cleanups.reverse()) await cleanup();
    }, 60_000);
  }
  return fileBackends;
}

async function copyOf(template: DatabaseTarget, id: string, dir: string): Promise<DatabaseTarget> {
  if (template.client === 'sqlite') {
    const location = path.join(dir, 'main.db');
    copyFileSync(template.location, location);
    return { client: 'sqlite', location };
  }
  return { client: 'postgres', location: await createPostgresDatabase(`spoc_f_${id}`, postgresDatabaseName(template.location)) };
}

/** The names of the run's backends, for a file that makes databases of its own and needs no shared instance. */
export function backendNames(): Array<Backend['name']> {
  return inject('templates').map((template) => template.name);
}

/** What every instance of this file runs with: its SMTP sink, and a store for attachments of its own. */
export function fileEnv(): Record<string, string> {
  return { ...smtpEnv(fileSink().port), UPLOADS_DIR: uploadsDir() };
}

/** Where this file's instances keep attachments (UPLOADS_DIR). */
export function uploadsDir(): string {
  if (!uploads) throw new Error("This file's instances have not started: call uploadsDir() in a hook or test");
  return uploads;
}

function fileSink(): SmtpSink {
  if (!sink) throw new Error("This file's SMTP sink starts with its instances: call backends() at collection, and mailDir() in a hook or test");
  return sink;
}

/** Where this file's SMTP sink stores what its instances send. */
export function mailDir(): string {
  return fileSink().dir;
}

export function smtpPort(): number {
  return fileSink().port;
}
