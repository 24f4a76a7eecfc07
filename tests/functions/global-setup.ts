// One PostgreSQL server for the functions suite (each test file makes its own database in it).
// Tests that stop the server start a private one instead (trade-processor/store.test.ts).
import type { TestProject } from 'vitest/node';
import { startPostgres, type LocalPostgres } from '../../tooling/functions/local-services.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { host: string; port: number; user: string };
  }
}

let server: LocalPostgres | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await startPostgres();
  project.provide('postgres', { host: server.host, port: server.port, user: server.user });
}

export async function teardown(): Promise<void> {
  await server?.destroy();
}
