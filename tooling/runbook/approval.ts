// make approve / make reject: the answer to a recovery's RequestApproval state
// (modules/failover-orchestrator/state-machine.asl.json), a `sns:publish.waitForTaskToken` task whose
// message carries the task token. Approving is SendTaskSuccess with the approver recorded in the
// output (it becomes $.approval of the execution); rejecting is SendTaskFailure with the error
// "Rejected", which the state's States.ALL Catch turns into ApprovalNotGranted. Both go to the region
// of the state machine that waits, which is the region being activated: never the one being left.
import { DescribeExecutionCommand, SendTaskFailureCommand, SendTaskSuccessCommand, type SendTaskFailureCommandInput, type SendTaskSuccessCommandInput, type SFNClient } from '@aws-sdk/client-sfn';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { UserError } from '../core/errors.ts';
import { parseEnvironment, type Environment } from '../terraform/workspace.ts';
import { REGION } from './environment.ts';

export type Decision = 'approve' | 'reject';

export interface ApprovalRequest {
  env: Environment;
  decision: Decision;
  region: string;
  token: string;
  by: string;
  reason: string;
  /** The execution waiting (its ARN, from the approval message), to refuse the principal who started it. */
  execution?: string;
  /** The caller as STS in REGION names it; set by identifyApprover. */
  approverArn?: string;
}

const EXECUTION = /^arn:aws[a-z-]*:states:([a-z]{2}(-gov)?-[a-z]+-\d):\d{12}:execution:[A-Za-z0-9_-]{1,80}:[A-Za-z0-9_-]{1,80}$/;

// Limits of the Step Functions API (https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskFailure.html,
// API_SendTaskSuccess.html): taskToken 1-2048 characters, error at most 256, cause at most 32768.
const TOKEN_MAX = 2048;
// Task tokens are base64 text. Anything else (a placeholder such as <token>, quotes, a token cut by a
// line break when copied from an e-mail) is not a token this command may send.
const TOKEN = /^[A-Za-z0-9+/=_-]+$/;
const BY_MAX = 256;
const REASON_MAX = 4096;

/** The error a rejection sends, which the execution records and the failure notification names. */
export const REJECTED_ERROR = 'Rejected';

function oneLine(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

export function parseApprovalRequest(decision: Decision, args: { env?: unknown; region?: unknown; token?: unknown; by?: unknown; reason?: unknown; execution?: unknown }): ApprovalRequest {
  const env = parseEnvironment(typeof args.env === 'string' ? args.env : undefined);
  const verb = decision === 'approve' ? 'approves' : 'rejects';
  const region = oneLine(args.region);
  if (!REGION.test(region)) {
    throw new UserError(`REGION must be the region whose state machine asks for approval (the region being activated, named in the message's subject), such as us-east-2; got "${region}".`);
  }
  const token = oneLine(args.token);
  if (!token) throw new UserError('TOKEN is missing: pass the task token from the approval message, TOKEN=\'AQB...\' (quoted).');
  if (/\s/.test(token)) throw new UserError('TOKEN contains whitespace: copy it whole from the approval message (a mail client may have wrapped it), in single quotes.');
  if (token.length > TOKEN_MAX) throw new UserError(`TOKEN is ${token.length} characters long; a task token has at most ${TOKEN_MAX}: copy only the token from the approval message.`);
  if (!TOKEN.test(token)) throw new UserError('TOKEN is not a task token (base64 text): copy the token itself from the approval message, without quotes or angle brackets.');
  const by = oneLine(args.by);
  if (!by) throw new UserError(`BY must name who ${verb} (it is recorded in the execution), e.g. BY="alice@example.com".`);
  if (/[\r\n]/.test(by) || by.length > BY_MAX) throw new UserError(`BY must be one line of at most ${BY_MAX} characters naming who ${verb}.`);
  const reason = oneLine(args.reason);
  if (!reason) throw new UserError(`REASON must say why (it is recorded in the execution), e.g. REASON="INC-1234: us-east-1 unreachable for 20 minutes".`);
  if (reason.length > REASON_MAX) throw new UserError(`REASON is ${reason.length} characters long; keep it under ${REASON_MAX} and link the ticket.`);
  const execution = oneLine(args.execution);
  if (execution) {
    const m = EXECUTION.exec(execution);
    if (!m) throw new UserError(`EXECUTION must be the execution ARN from the approval message (arn:aws:states:<region>:<account>:execution:<state machine>:<name>); got "${execution}".`);
    if (m[1] !== region) throw new UserError(`EXECUTION runs in ${m[1]}, but REGION is ${region}: answer in the region whose state machine waits.`);
  }
  return { env, decision, region, token, by, reason, ...(execution ? { execution } : {}) };
}

/**
 * Who answers: STS GetCallerIdentity in REGION (never the region being left). With EXECUTION, the
 * execution's recorded starter (input.startedBy, written by make failover) must be someone else. This
 * only catches a mistake: IAM is the control (operators.tf: the approver role cannot start a recovery,
 * the operator role cannot answer one, and no principal may hold both).
 */
export async function identifyApprover(clients: { sts(region: string): Pick<STSClient, 'send'>; sfn(region: string): Pick<SFNClient, 'send'> }, request: ApprovalRequest): Promise<ApprovalRequest> {
  let caller: string | undefined;
  try {
    caller = (await clients.sts(request.region).send(new GetCallerIdentityCommand({}))).Arn;
  } catch (error) {
    throw new UserError(`STS in ${request.region} did not answer (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}): the approver must be identified; check the credentials.`);
  }
  if (!caller) throw new UserError(`STS in ${request.region} named no caller: the approver must be identified.`);
  if (request.execution) {
    let input: { startedBy?: unknown } = {};
    try {
      const out = await clients.sfn(request.region).send(new DescribeExecutionCommand({ executionArn: request.execution }));
      input = JSON.parse(out.input ?? '{}') as { startedBy?: unknown };
    } catch (error) {
      if (error instanceof SyntaxError) input = {};
      else throw new UserError(`Step Functions in ${request.region} could not describe ${request.execution} (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}).`);
    }
    if (typeof input.startedBy === 'string' && input.startedBy === caller) {
      throw new UserError(`${caller} started this recovery and cannot ${request.decision} it: another person answers (two people, docs/decisions/009-who-may-start-approve-and-force-a-recovery.md).`);
    }
  }
  return { ...request, approverArn: caller };
}

/** SendTaskSuccess: the output becomes $.approval of the execution. */
export function taskSuccessInput(request: ApprovalRequest, now: Date): SendTaskSuccessCommandInput {
  return { taskToken: request.token, output: JSON.stringify({ approvedBy: request.by, reason: request.reason, at: now.toISOString(), ...(request.approverArn ? { approverArn: request.approverArn } : {}) }) };
}

/** SendTaskFailure: error "Rejected", and a cause naming who rejected and why. */
export function taskFailureInput(request: ApprovalRequest, now: Date): SendTaskFailureCommandInput {
  return { taskToken: request.token, error: REJECTED_ERROR, cause: `Rejected by ${request.by}${request.approverArn ? ` (${request.approverArn})` : ''} at ${now.toISOString()}: ${request.reason}` };
}

/** What Step Functions' answers mean to the person who ran the command (the model's error shapes). */
function explain(error: unknown, request: ApprovalRequest): Error {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  switch (name) {
    case 'InvalidToken':
      return new UserError(`Step Functions in ${request.region} does not accept this token (${message}): check REGION (the approval message's subject names the region) and copy the whole token.`);
    case 'TaskDoesNotExist':
      return new UserError(`No recovery in ${request.region} waits for this token any more (${message}): it was already approved or rejected, timed out, or the execution ended. See make status ENV=${request.env} LIVE=1.`);
    case 'TaskTimedOut':
      return new UserError(`The approval timed out before this answer (${message}): the recovery ended with ApprovalTimedOut and changed nothing. Start a new one if it is still needed.`);
    default:
      return new UserError(`Step Functions in ${request.region} did not take the ${request.decision === 'approve' ? 'approval' : 'rejection'}: ${name ? `${name}: ` : ''}${message}`);
  }
}

/** Sends the decision to the state machine in request.region; returns the line to print. */
export async function sendDecision(sfn: Pick<SFNClient, 'send'>, request: ApprovalRequest, now: Date): Promise<string> {
  try {
    if (request.decision === 'approve') await sfn.send(new SendTaskSuccessCommand(taskSuccessInput(request, now)));
    else await sfn.send(new SendTaskFailureCommand(taskFailureInput(request, now)));
  } catch (error) {
    throw explain(error, request);
  }
  return request.decision === 'approve'
    ? `Approved by ${request.by} in ${request.region}: the recovery moves the authority next. Follow it with make status ENV=${request.env} LIVE=1.\n`
    : `Rejected by ${request.by} in ${request.region}: the recovery ends with ApprovalNotGranted and nothing changes.\n`;
}
