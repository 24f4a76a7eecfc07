// RDS offers the global cluster's Aurora PostgreSQL version, with global database support, in both
// regions: the secondary member joins with the same version or not at all.
import { DescribeDBEngineVersionsCommand } from '@aws-sdk/client-rds';
import { fail, pass, type CheckRow, type PreflightCheck } from '../check.ts';
import { ROLES } from '../environment.ts';

export const ENGINE = 'aurora-postgresql';

export const engineVersion: PreflightCheck = {
  name: 'Aurora engine version',
  actions: ['rds:DescribeDBEngineVersions'],
  async run(env, clients) {
    const rows: CheckRow[] = [];
    const version = env.engineVersion.value;
    const fix = (region: string) =>
      `choose a version offered with global database support in both regions (aws rds describe-db-engine-versions --region ${region} --engine ${ENGINE} --query "DBEngineVersions[?SupportsGlobalDatabases].EngineVersion") and set it in ${env.engineVersion.source.replace(/ \(.*\)$/, '')}`;
    for (const role of ROLES) {
      const region = env.regions[role];
      const check = `Aurora engine version (${region})`;
      const out = await clients.rds(region).send(new DescribeDBEngineVersionsCommand({ Engine: ENGINE, EngineVersion: version }));
      const offered = (out.DBEngineVersions ?? []).find((v) => v.EngineVersion === version);
      if (!offered) rows.push(fail(check, `${ENGINE} ${version} (${env.engineVersion.source}) is not offered in ${region}`, fix(region)));
      else if (offered.SupportsGlobalDatabases === false) rows.push(fail(check, `${ENGINE} ${version} is offered in ${region} but not for global databases`, fix(region)));
      else rows.push(pass(check, `${ENGINE} ${version} is offered in ${region} with global database support${offered.Status && offered.Status !== 'available' ? ` (status ${offered.Status})` : ''}`));
    }
    return rows;
  },
};
