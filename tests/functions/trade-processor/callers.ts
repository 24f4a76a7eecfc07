// SQS records as the mutual TLS API queues them: the order body plus the client certificate's subject
// and issuer as String message attributes (modules/regional-stack/api.tf), in the shape Lambda's SQS
// event gives them (@types/aws-lambda SQSMessageAttribute). The support module's records carry no
// attributes; these wrap them with a caller whose CN is the order's userId unless told otherwise.
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { ISSUER_ATTRIBUTE, SUBJECT_ATTRIBUTE, callerMessageAttributes } from '../../../functions/trade-processor/identity.ts';
import { sqsRecord as bareRecord, SENT_AT_MS } from '../support/services.ts';

export const ISSUER_DN = 'CN=Trading API client CA,O=Example Trading';

/** The subject API Gateway passes for a client certificate issued to `userId`. */
export const subjectFor = (userId: string) => `CN=${userId},O=Example Trading`;

/** The message attributes the API sets; `undefined` leaves that attribute out. */
export function callerAttributes(subjectDN: string | undefined, issuerDN: string | undefined): SQSRecord['messageAttributes'] {
  const both = callerMessageAttributes({ subjectDN: subjectDN ?? '', issuerDN: issuerDN ?? '' });
  return {
    ...(subjectDN === undefined ? {} : { [SUBJECT_ATTRIBUTE]: both[SUBJECT_ATTRIBUTE]! }),
    ...(issuerDN === undefined ? {} : { [ISSUER_ATTRIBUTE]: both[ISSUER_ATTRIBUTE]! }),
  };
}

/** The userId of a body, or user-1 for a body that is not an order (its caller does not matter). */
function userOf(body: string): string {
  try {
    const userId = (JSON.parse(body) as { userId?: unknown }).userId;
    return typeof userId === 'string' ? userId : 'user-1';
  } catch {
    return 'user-1';
  }
}

/** A record from the API, placed by the owner of the order's userId unless `caller` says who. */
export function sqsRecord(messageId: string, body: string, sentAtMs: number = SENT_AT_MS, caller?: { subjectDN?: string; issuerDN?: string }): SQSRecord {
  const subjectDN = caller && 'subjectDN' in caller ? caller.subjectDN : subjectFor(userOf(body));
  const issuerDN = caller && 'issuerDN' in caller ? caller.issuerDN : ISSUER_DN;
  return { ...bareRecord(messageId, body, sentAtMs), messageAttributes: callerAttributes(subjectDN, issuerDN) };
}

/** An SQS event whose records are [messageId, body] pairs, each placed by the owner of its userId. */
export function sqsEvent(records: [string, string][]): SQSEvent {
  return { Records: records.map(([id, body]) => sqsRecord(id, body)) };
}
