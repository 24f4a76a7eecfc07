// Each region's Lambda concurrency leaves room for the reserved concurrency the environment declares
// (formula in ../concurrency.ts). A new account often has a quota of 10, which no reservation fits.
import { GetAccountSettingsCommand, GetFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { MIN_UNRESERVED, total } from '../concurrency.ts';
import { fail, pass, type CheckRow, type PreflightCheck } from '../check.ts';
import { ROLES } from '../environment.ts';

/** Service Quotas code of "Concurrent executions" (AWS Lambda). */
export const CONCURRENCY_QUOTA_CODE = 'L-B99A9384';

export const lambdaConcurrency: PreflightCheck = {
  name: 'Lambda concurrency',
  actions: ['lambda:GetAccountSettings', 'lambda:GetFunctionConcurrency'],
  async run(env, clients) {
    const rows: CheckRow[] = [];
    for (const role of ROLES) {
      const region = env.regions[role];
      const check = `Lambda concurrency (${region})`;
      const lambda = clients.lambda(region);
      const settings = await lambda.send(new GetAccountSettingsCommand({}));
      const limit = settings.AccountLimit?.ConcurrentExecutions ?? 0;
      const unreserved = settings.AccountLimit?.UnreservedConcurrentExecutions ?? 0;
      // A second apply: the environment's own reservations are already out of the unreserved pool.
      let held = 0;
      for (const term of env.concurrency[role]) {
        try {
          held += (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: term.functionName }))).ReservedConcurrentExecutions ?? 0;
        } catch (err) {
          if (!(err instanceof Error && err.name === 'ResourceNotFoundException')) throw err;
        }
      }
      const needed = total(env.concurrency[role]);
      const available = unreserved + held;
      const figures = `reserves ${needed} (${env.concurrency[role].map((t) => `${t.functionName.slice(env.namePrefix.length + 1)} ${t.reserved}`).join(' + ')}); quota ${limit}, unreserved ${unreserved}${held ? ` + ${held} already held by this environment` : ''}, ${MIN_UNRESERVED} must stay unreserved`;
      if (available - needed >= MIN_UNRESERVED) {
        rows.push(pass(check, figures));
      } else {
        const desired = limit + MIN_UNRESERVED + needed - available;
        rows.push(fail(check, figures,
          `raise the quota to at least ${desired}: aws service-quotas request-service-quota-increase --region ${region} --service-code lambda --quota-code ${CONCURRENCY_QUOTA_CODE} --desired-value ${desired}; or lower regional_function_settings.*.reserved_concurrency in ${env.files.tfvars}`));
      }
    }
    return rows;
  },
};
