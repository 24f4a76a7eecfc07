// The one description of `terraform show -json <planfile>` used across the tooling: plan-lint, the
// summary, the drill's figures and the tests. Only the fields the tooling reads are typed; everything
// is optional because a damaged or foreign plan must be refused with a message, not a crash.
// Format: https://developer.hashicorp.com/terraform/internals/json-format

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Obj = Record<string, Json>;

export interface ConfigExpression {
  constant_value?: Json;
  references?: string[];
}

export interface ConfigResource {
  address: string;
  mode?: string;
  type: string;
  name: string;
  provider_config_key?: string;
  expressions?: Record<string, unknown>;
  count_expression?: ConfigExpression;
  for_each_expression?: ConfigExpression;
}

export interface ConfigModule {
  resources?: ConfigResource[];
  module_calls?: Record<string, ModuleCall>;
  outputs?: Record<string, { expression?: ConfigExpression }>;
  variables?: Record<string, { default?: Json; description?: string }>;
}

export interface ModuleCall {
  source?: string;
  expressions?: Record<string, ConfigExpression>;
  count_expression?: ConfigExpression;
  for_each_expression?: ConfigExpression;
  module?: ConfigModule;
}

export interface ProviderConfig {
  name: string;
  alias?: string;
  module_address?: string;
  expressions?: Record<string, ConfigExpression>;
}

export interface ResourceChange {
  address: string;
  module_address?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: string | number;
  provider_name: string;
  change: { actions: string[]; after?: Record<string, unknown> | null; after_unknown?: Record<string, unknown> };
}

export interface StateResource {
  address: string;
  mode?: string;
  type: string;
  name: string;
  index?: string | number;
  values?: Obj;
}

export interface StateModule {
  resources?: StateResource[];
  child_modules?: StateModule[];
}

export interface PlanDocument {
  format_version?: string;
  terraform_version?: string;
  variables?: Record<string, { value: unknown }>;
  resource_changes?: ResourceChange[];
  prior_state?: { values?: { root_module?: StateModule } };
  configuration?: {
    provider_config?: Record<string, ProviderConfig>;
    root_module?: ConfigModule;
  };
  planned_values?: { outputs?: Record<string, { value?: Json; sensitive?: boolean }>; root_module?: StateModule };
}

/** The planned value of a root output, or undefined when the plan does not know it. */
export function plannedOutput(plan: PlanDocument, name: string): Json | undefined {
  const outputs = plan.planned_values?.outputs;
  return outputs && typeof outputs === 'object' ? outputs[name]?.value : undefined;
}
