// make approve / make reject: the answer to a recovery's RequestApproval state
// (modules/failover-orchestrator/state-machine.asl.json), a `sqs:sendMessage.waitForTaskToken` task that
// leaves the task token in the approval queue of the region that waits (the region being activated,
// never the one being left). Only the approver role may read that queue (modules/region/approvals.tf),
// so the token never passes through a person's mail or chat: the approver names the EXECUTION, and this
// command takes its request from the queue, answers with the token and deletes the request. Approving
// is SendTaskSuccess with the approver recorded in the output (it becomes $.approval of the execution);
// rejecting is SendTaskFailure with the error "Rejected", which the state's States.ALL Catch turns into
// ApprovalNotGranted.
import { DescribeExecutionCommand, SendTaskFailureCommand, SendTaskSuccessCommand, type SendTaskFailureCommandInput, type SendTaskSuccessCommandInput, type SFNClient } from '@aws-sdk/client-sfn';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { UserError } from '../core/errors.ts';
import { parseEnvironment, type Environment } from '../terraform/workspace.ts';
import { REGION } from './environment.ts';

export type Decision = 'approve' | 'reject';

export interface ApprovalRequest {
  env: Environment;
  decision: Decision;
  /** The region whose state machine waits: the execution's own region. */
  region: string;
  /** The execution waiting (its ARN, from the approval notice or make status). */
  execution: string;
  by: string;
  reason: string;
  /** The caller and its account as STS in REGION names them; set by identifyApprover. */
  approverArn?: string;
  account?: string;
}

/** A request taken from the approval queue: hidden from other readers until it is deleted or released. */
export interface PendingApproval {
  queueUrl: string;
  receiptHandle: string;
  token: string;
}

const EXECUTION = /^arn:aws[a-z-]*:states:([a-z]{2}(-gov)?-[a-z]+-\d):\d{12}:execution:[A-Za-z0-9_-]{1,80}:[A-Za-z0-9_-]{1,80}$/;

// Limits of the Step Functions API (https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html):
// taskToken 1-2048 characters.
const TOKEN_MAX = 2048;
const BY_MAX = 256;
const REASON_MAX = 4096;

// Reading the queue: SQS returns at most 10 messages per call
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html), and
// the queue holds one request per waiting recovery, so a few calls see them all. Every call long-polls
// (WaitTimeSeconds > 0): a short poll samples only some of the queue's servers and can answer empty
// while requests wait (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html).
// A request taken is hidden for 60 s while it is answered; the others are released at once.
const RECEIVE_CALLS = 5;
const HOLD_SECONDS = 60;

/** The error a rejection sends, which the execution records and the failure notification names. */
export const REJECTED_ERROR = 'Rejected';

function oneLine(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function parseApprovalRequest(decision: Decision, args: { env?: unknown; region?: unknown; token?: unknown; by?: unknown; reason?: unknown; execution?: unknown }): ApprovalRequest {
  const env = parseEnvironment(typeof args.env === 'string' ? args.env : undefined);
  const verb = decision === 'approve' ? 'approves' : 'rejects';
  if (oneLine(args.token)) {
    throw new UserError('TOKEN is not taken: the task token waits in the approval queue, which only the approver role reads; pass the recovery\'s EXECUTION=<execution ARN> from the approval notice or make status.');
  }
  const execution = oneLine(args.execution);
  if (!execution) throw new UserError(`EXECUTION is missing: pass the ARN of the recovery that waits, from the approval notice or make status ENV=${env} LIVE=1 (EXECUTION=arn:aws:states:<region>:<account>:execution:<state machine>:<name>).`);
  const m = EXECUTION.exec(execution);
  if (!m) throw new UserError(`EXECUTION must be the execution ARN from the approval notice (arn:aws:states:<region>:<account>:execution:<state machine>:<name>); got "${execution}".`);
  const region = oneLine(args.region) || m[1]!;
  if (!REGION.test(region)) {
    throw new UserError(`REGION must be the region whose state machine asks for approval (the region being activated, named in the notice's subject), such as us-east-2; got "${region}".`);
  }
  if (m[1] !== region) throw new UserError(`EXECUTION runs in ${m[1]}, but REGION is ${region}: answer in the region whose state machine waits.`);
  const by = oneLine(args.by);
  if (!by) throw new UserError(`BY must name who ${verb} (it is recorded in the execution), e.g. BY="alice@example.com".`);
  if (/[\r\n]/.test(by) || by.length > BY_MAX) throw new UserError(`BY must be one line of at most ${BY_MAX} characters naming who ${verb}.`);
  const reason = oneLine(args.reason);
  if (!reason) throw new UserError(`REASON must say why (it is recorded in the execution), e.g. REASON="INC-1234: us-east-1 unreachable for 20 minutes".`);
  if (reason.length > REASON_MAX) throw new UserError(`REASON is ${reason.length} characters long; keep it under ${REASON_MAX} and link the ticket.`);
  return { env, decision, region, execution, by, reason };
}

/**
 * Who answers: STS GetCallerIdentity in REGION (never the region being left). The execution's recorded
 * starter (input.startedBy, written by make failover) must be someone else. This only catches a
 * mistake: IAM is the control (operators.tf: the approver role cannot start a recovery, the operator
 * role cannot answer one, and no principal may hold both).
 */
export async function identifyApprover(clients: { sts(region: string): Pick<STSClient, 'send'>; sfn(region: string): Pick<SFNClient, 'send'> }, request: ApprovalRequest): Promise<ApprovalRequest> {
  let caller: string | undefined;
  let account: string | undefined;
  try {
    ({ Arn: caller, Account: account } = await clients.sts(request.region).send(new GetCallerIdentityCommand({})));
  } catch (error) {
    throw new UserError(`STS in ${request.region} did not answer (${describe(error)}): the approver must be identified; check the credentials.`);
  }
  if (!caller) throw new UserError(`STS in ${request.region} named no caller: the approver must be identified.`);
  let input: { startedBy?: unknown } = {};
  try {
    const out = await clients.sfn(request.region).send(new DescribeExecutionCommand({ executionArn: request.execution }));
    input = JSON.parse(out.input ?? '{}') as { startedBy?: unknown };
  } catch (error) {
    if (error instanceof SyntaxError) input = {};
    else throw new UserError(`Step Functions in ${request.region} could not describe ${request.execution} (${describe(error)}).`);
  }
  if (typeof input.startedBy === 'string' && input.startedBy === caller) {
    throw new UserError(`${caller} started this recovery and cannot ${request.decision} it: another person answers (two people, docs/decisions/009-who-may-start-approve-and-force-a-recovery.md).`);
  }
  return { ...request, approverArn: caller, ...(account ? { account } : {}) };
}

/** The body RequestApproval sends: taskToken and executionArn are what an answer needs. */
function requestOf(body: string | undefined): { executionArn: string; taskToken: string } | null {
  try {
    const b = JSON.parse(body ?? '') as { executionArn?: unknown; taskToken?: unknown };
    return typeof b.executionArn === 'string' && typeof b.taskToken === 'string' && b.taskToken.length > 0 && b.taskToken.length <= TOKEN_MAX ? { executionArn: b.executionArn, taskToken: b.taskToken } : null;
  } catch {
    return null;
  }
}

function queueError(error: unknown, request: ApprovalRequest, queueUrl: string): UserError {
  const name = error instanceof Error ? error.name : '';
  const queue = queueUrl.split('/').pop();
  if (name === 'QueueDoesNotExist' || name === 'AWS.SimpleQueueService.NonExistentQueue') {
    return new UserError(`The approval queue ${queue} does not exist in ${request.region}: the orchestrator of ${request.env} is not applied there, or ENV is wrong.`);
  }
  // AccessDenied (the queue policy or IAM) and KmsAccessDenied (the key); the other Kms* errors (a disabled
  // or missing key) are not the caller's permission and fall through to the general message.
  if (/AccessDenied/.test(name)) {
    return new UserError(`${request.approverArn ?? 'The caller'} may not read the approval queue ${queue} in ${request.region} (${describe(error)}): only the recovery approver role (<name_prefix>-recovery-approver, assumed with MFA) and the break-glass roles may.`);
  }
  return new UserError(`SQS in ${request.region} did not answer for the approval queue ${queue} (${describe(error)}).`);
}

/**
 * Takes the execution's request from the approval queue: receives until it is found or the queue has
 * no more, keeps it hidden for the answer, and releases every other request at once (another recovery's
 * approver may be reading too).
 */
export async function takeApprovalRequest(sqs: Pick<SQSClient, 'send'>, request: ApprovalRequest, queueUrl: string): Promise<PendingApproval> {
  const others: string[] = [];
  let found: PendingApproval | undefined;
  try {
    for (let call = 0; call < RECEIVE_CALLS && !found; call++) {
      const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: HOLD_SECONDS, WaitTimeSeconds: 1 }));
      const messages = out.Messages ?? [];
      if (!messages.length) break;
      for (const m of messages) {
        if (!m.ReceiptHandle) continue;
        const body = requestOf(m.Body);
        if (!found && body?.executionArn === request.execution) found = { queueUrl, receiptHandle: m.ReceiptHandle, token: body.taskToken };
        else others.push(m.ReceiptHandle);
      }
    }
  } catch (error) {
    throw queueError(error, request, queueUrl);
  } finally {
    for (const handle of others) {
      await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: handle, VisibilityTimeout: 0 })).catch(() => undefined);
    }
  }
  if (!found) {
    throw new UserError(
      `No approval request for ${request.execution} waits in ${queueUrl.split('/').pop()} (${request.region}; ${others.length} other request(s) seen): it was already answered, timed out, or the execution is not at RequestApproval. See make status ENV=${request.env} LIVE=1.`,
    );
  }
  return found;
}

/** SendTaskSuccess: the output becomes $.approval of the execution. */
export function taskSuccessInput(request: ApprovalRequest, token: string, now: Date): SendTaskSuccessCommandInput {
  return { taskToken: token, output: JSON.stringify({ approvedBy: request.by, reason: request.reason, at: now.toISOString(), ...(request.approverArn ? { approverArn: request.approverArn } : {}) }) };
}

/** SendTaskFailure: error "Rejected", and a cause naming who rejected and why. */
export function taskFailureInput(request: ApprovalRequest, token: string, now: Date): SendTaskFailureCommandInput {
  return { taskToken: token, error: REJECTED_ERROR, cause: `Rejected by ${request.by}${request.approverArn ? ` (${request.approverArn})` : ''} at ${now.toISOString()}: ${request.reason}` };
}

/** What Step Functions' answers mean to the person who ran the command (the model's error shapes). */
function explain(error: unknown, request: ApprovalRequest): Error {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  switch (name) {
    case 'InvalidToken':
      return new UserError(`Step Functions in ${request.region} does not accept the token of this request (${message}): the request in the approval queue is not one the state machine wrote; report it, and see make status ENV=${request.env} LIVE=1.`);
    case 'TaskDoesNotExist':
      return new UserError(`No recovery in ${request.region} waits for this request any more (${message}): it was already answered, timed out, or the execution ended; the stale request was removed. See make status ENV=${request.env} LIVE=1.`);
    case 'TaskTimedOut':
      return new UserError(`The approval timed out before this answer (${message}): the recovery ended with ApprovalTimedOut and changed nothing; the stale request was removed. Start a new one if it is still needed.`);
    default:
      return new UserError(`Step Functions in ${request.region} did not take the ${request.decision === 'approve' ? 'approval' : 'rejection'}: ${name ? `${name}: ` : ''}${message}`);
  }
}

/**
 * Sends the decision with the request's token to the state machine in request.region, then deletes the
 * request (also when Step Functions says it is stale); returns the lines to print.
 */
export async function sendDecision(clients: { sfn: Pick<SFNClient, 'send'>; sqs: Pick<SQSClient, 'send'> }, request: ApprovalRequest, pending: PendingApproval, now: Date): Promise<string> {
  const remove = () => clients.sqs.send(new DeleteMessageCommand({ QueueUrl: pending.queueUrl, ReceiptHandle: pending.receiptHandle }));
  try {
    if (request.decision === 'approve') await clients.sfn.send(new SendTaskSuccessCommand(taskSuccessInput(request, pending.token, now)));
    else await clients.sfn.send(new SendTaskFailureCommand(taskFailureInput(request, pending.token, now)));
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TaskDoesNotExist' || name === 'TaskTimedOut') await remove().catch(() => undefined);
    throw explain(error, request);
  }
  let removed = '';
  try {
    await remove();
  } catch (error) {
    removed = `The request stays in the approval queue (${describe(error)}); it is answered and ages out on its own.\n`;
  }
  return (request.decision === 'approve'
    ? `Approved by ${request.by} in ${request.region}: the recovery moves the authority next. Follow it with make status ENV=${request.env} LIVE=1.\n`
    : `Rejected by ${request.by} in ${request.region}: the recovery ends with ApprovalNotGranted and nothing changes.\n`) + removed;
}
