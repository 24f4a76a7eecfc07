// The credentials reach the account this environment is for: the providers' allowed_account_ids and
// the account_id that key and trust policies name.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fail, pass, type PreflightCheck } from '../check.ts';

export const account: PreflightCheck = {
  name: 'account',
  actions: ['sts:GetCallerIdentity'],
  async run(env, clients) {
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
    const found = identity.Account ?? '';
    const allowed = env.allowedAccountIds.includes(found);
    if (allowed && found === env.accountId) return [pass('account', `${found} (${identity.Arn ?? 'caller'}) is account_id and in allowed_account_ids`)];
    const wrong = [!allowed && `not in allowed_account_ids [${env.allowedAccountIds.join(', ')}]`, found !== env.accountId && `not account_id ${env.accountId}`].filter(Boolean).join(' and ');
    return [fail('account', `the credentials are for account ${found} (${identity.Arn ?? 'caller'}), ${wrong}`,
      `use credentials for account ${env.accountId} (check with aws sts get-caller-identity), or, if ${found} is this environment's account, set account_id and allowed_account_ids in ${env.files.tfvars}`)];
  },
};
