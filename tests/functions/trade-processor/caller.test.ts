// Each order is bound to its authenticated caller (the mutual TLS client certificate the API queued
// with it): committed only when the certificate's CN is the order's userId, with the caller in the row,
// the audit object and the log; otherwise reported like a malformed record (batchItemFailures, so the
// queue's redrive keeps it in the DLQ) and never committed. Real PostgreSQL, dynalite and s3rver.
import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrateSchema } from '../../../functions/db-migrator/migrate.ts';
import { withClient } from '../../../functions/shared/db.ts';
import { processTradeBatch } from '../../../functions/trade-processor/core.ts';
import { MIGRATIONS_DIR, SENT_AT_MS, failedIds, freshWorld, orderBody, startLocalAws, type LocalAws, type TradeWorld } from '../support/services.ts';
import { ISSUER_DN, sqsRecord, subjectFor } from './callers.ts';

let aws: LocalAws;
beforeAll(async () => {
  aws = await startLocalAws();
});
afterAll(async () => {
  await aws.stop();
});

/** The stored callers; the schema is applied first, as the migrator does (a batch that commits nothing does not). */
async function callerRows(pool: pg.Pool) {
  await withClient(pool, (client) => migrateSchema(client, loadMigrations(MIGRATIONS_DIR)));
  const { rows } = await pool.query<{ order_id: string; user_id: string; client_subject_dn: string | null; client_issuer_dn: string | null }>(
    'SELECT order_id, user_id, client_subject_dn, client_issuer_dn FROM trades ORDER BY order_id',
  );
  return rows;
}

/** The warning the core logs for a reported record. */
const rejectedLog = (world: TradeWorld, messageId: string) =>
  world.logger.entries.find((e) => e.message === 'trade record rejected' && e.extra.messageId === messageId);

describe('trade-processor binds each order to its caller', () => {
  let world: TradeWorld;
  beforeEach(async () => {
    world = await freshWorld(aws);
    return () => world.pool.end();
  });

  it('commits an order whose certificate names its user, with the subject and issuer in the row and the audit object', async () => {
    // Prepare: a subject with an escaped comma and the CN last, as a CA may print it
    const subjectDN = 'O=Example Trading\\, Inc.,OU=Desks,CN=desk-7';
    const event = { Records: [sqsRecord('m-1', orderBody({ orderId: 'ORD-7', userId: 'desk-7' }), undefined, { subjectDN, issuerDN: ISSUER_DN })] };

    // Act
    const response = await processTradeBatch(event, world.deps);

    // Assess: stored exactly as API Gateway passed them
    expect(failedIds(response)).toEqual([]);
    expect(await callerRows(world.pool)).toEqual([{ order_id: 'ORD-7', user_id: 'desk-7', client_subject_dn: subjectDN, client_issuer_dn: ISSUER_DN }]);
    expect(JSON.parse(await aws.auditBody(world.names.bucket, 'trades/2025/01/31/ORD-7.json'))).toMatchObject({
      orderId: 'ORD-7',
      userId: 'desk-7',
      clientSubjectDN: subjectDN,
      clientIssuerDN: ISSUER_DN,
    });
  });

  it('never commits an order placed for another user: reported with the reason and the caller, every time it is received', async () => {
    // Prepare: desk-7's certificate places an order for desk-8, next to its own order
    const event = {
      Records: [
        sqsRecord('m-own', orderBody({ orderId: 'ORD-OWN', userId: 'desk-7' }), undefined, { subjectDN: subjectFor('desk-7') }),
        sqsRecord('m-other', orderBody({ orderId: 'ORD-OTHER', userId: 'desk-8' }), undefined, { subjectDN: subjectFor('desk-7') }),
      ],
    };

    // Act: received twice (the queue redelivers a reported record until maxReceiveCount, then the DLQ keeps it)
    const first = await processTradeBatch(event, world.deps);
    const second = await processTradeBatch(event, world.deps);

    // Assess
    for (const response of [first, second]) expect(failedIds(response)).toEqual(['m-other']);
    expect((await callerRows(world.pool)).map((r) => r.order_id)).toEqual(['ORD-OWN']);
    expect((await aws.sessions(world.names.table)).map((s) => s.userId)).toEqual(['desk-7']);
    expect(await aws.auditKeys(world.names.bucket)).toEqual(['trades/2025/01/31/ORD-OWN.json']);
    expect(rejectedLog(world, 'm-other')?.extra).toEqual({
      messageId: 'm-other',
      kind: 'caller-refused',
      reason: 'the client certificate\'s CN "desk-7" is not the order\'s userId "desk-8": a certificate places orders only for the user it names',
      clientSubjectDN: 'CN=desk-7,O=Example Trading',
      clientIssuerDN: ISSUER_DN,
    });
    expect(world.metrics.value('OrdersRefusedCaller')).toBe(1);
  });

  it('compares the CN with userId exactly: a different case is another user', async () => {
    // Act
    const response = await processTradeBatch({ Records: [sqsRecord('m-1', orderBody({ userId: 'desk-7' }), undefined, { subjectDN: 'CN=Desk-7' })] }, world.deps);

    // Assess
    expect(failedIds(response)).toEqual(['m-1']);
    expect(await callerRows(world.pool)).toEqual([]);
  });

  it('does not take a CN inside another attribute\'s escaped value for the certificate\'s own', async () => {
    // Prepare: the O value contains the text "CN=user-2"; the certificate's CN is user-1
    const subjectDN = 'O=CN\\=user-2,CN=user-1';

    // Act
    const response = await processTradeBatch(
      {
        Records: [
          sqsRecord('m-2', orderBody({ orderId: 'ORD-2', userId: 'user-2' }), undefined, { subjectDN }),
          sqsRecord('m-1', orderBody({ orderId: 'ORD-1', userId: 'user-1' }), undefined, { subjectDN }),
        ],
      },
      world.deps,
    );

    // Assess
    expect(failedIds(response)).toEqual(['m-2']);
    expect((await callerRows(world.pool)).map((r) => [r.order_id, r.client_subject_dn])).toEqual([['ORD-1', subjectDN]]);
  });

  it('keeps a record without the certificate attributes uncommitted, saying which is missing', async () => {
    // Prepare: no attributes at all; a subject but no issuer; a subject without a CN
    const event = {
      Records: [
        sqsRecord('m-none', orderBody({ orderId: 'ORD-1' }), undefined, { subjectDN: undefined, issuerDN: undefined }),
        sqsRecord('m-no-issuer', orderBody({ orderId: 'ORD-2' }), undefined, { issuerDN: undefined }),
        sqsRecord('m-no-cn', orderBody({ orderId: 'ORD-3' }), undefined, { subjectDN: 'O=Example Trading,OU=Desks' }),
      ],
    };

    // Act
    const response = await processTradeBatch(event, world.deps);

    // Assess
    expect(failedIds(response)).toEqual(['m-no-cn', 'm-no-issuer', 'm-none']);
    expect(await callerRows(world.pool)).toEqual([]);
    expect(await aws.auditKeys(world.names.bucket)).toEqual([]);
    const reasons = world.logger.reasons();
    expect(reasons.get('m-none')).toBe(
      'no authenticated caller: the message has no clientCertSubjectDN or clientCertIssuerDN String attribute (it did not come through the mutual TLS API)',
    );
    expect(reasons.get('m-no-issuer')).toBe('no authenticated caller: the message has no clientCertIssuerDN String attribute (it did not come through the mutual TLS API)');
    expect(reasons.get('m-no-cn')).toBe('the client certificate subject names no CN, so it names no user; the order for userId user-1 is not accepted');
    expect(world.metrics.value('OrdersRefusedCaller')).toBe(3);
  });

  it('refuses a stale order of another user as refused, not as a stale rejection: no rejection record is written for it', async () => {
    // Prepare: acknowledged an hour ago, placed by desk-7 for user-1
    const event = { Records: [sqsRecord('m-1', orderBody({ orderId: 'ORD-1' }), SENT_AT_MS - 3_600_000, { subjectDN: subjectFor('desk-7') })] };

    // Act
    const response = await processTradeBatch(event, world.deps);

    // Assess
    expect(failedIds(response)).toEqual(['m-1']);
    expect(await aws.auditKeys(world.names.bucket)).toEqual([]);
    expect(rejectedLog(world, 'm-1')?.extra.kind).toBe('caller-refused');
  });
});
