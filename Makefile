# Offline by default: nothing here needs AWS except `apply` and LIVE=1.
ENV ?= dev
LIVE ?=
NPM_STAMP := node_modules/.package-lock.json

.DEFAULT_GOAL := help
.PHONY: help setup build plan apply lint fmt test clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "  ENV=dev|staging|prod (default dev); LIVE=1 for the real backend and credentials"

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

setup: $(NPM_STAMP) ## Install pinned npm dependencies (npm ci)

build: setup ## Bundle the Lambda functions into build/functions/<name>.zip
	npm run --silent build:functions

plan: build ## Plan ENV offline into build/plans/ENV.{tfplan,json} and lint it (LIVE=1: real backend)
	npx tsx tooling/bin/plan.ts --env $(ENV) $(if $(LIVE),--live,)
	npm run --silent plan-lint -- build/plans/$(ENV).json --suppressions lint-suppressions.json

apply: build ## Apply ENV against AWS (needs LIVE=1, credentials and backend.hcl); runs make preflight first
	@test "$(LIVE)" = "1" || { echo "error: apply only runs live: make apply ENV=$(ENV) LIVE=1"; exit 2; }
	@$(MAKE) --no-print-directory preflight ENV=$(ENV) LIVE=1
	npx tsx tooling/bin/apply.ts --env $(ENV)

.PHONY: preflight bootstrap-state bootstrap-dns
preflight: setup ## Check AWS and public DNS before ENV's apply (LIVE=1 only): account, zone delegation, quotas, zones, state bucket
	npx tsx tooling/bin/preflight.ts --env $(ENV) $(if $(filter 1,$(LIVE)),--live,)

bootstrap-state: setup ## Create the state buckets of ENV's account, replicated to the other region (LIVE=1 only); prints backend.hcl
	npx tsx tooling/bin/bootstrap.ts state --env $(ENV) $(if $(filter 1,$(LIVE)),--live,)

bootstrap-dns: setup ## Create ENV's hosted zone on its own (LIVE=1 only); prints the name servers to delegate
	npx tsx tooling/bin/bootstrap.ts dns --env $(ENV) $(if $(filter 1,$(LIVE)),--live,)

.PHONY: failover approve reject status reconcile gameday
# The runbook (docs/runbook.md): no Terraform state, and every call goes to a named region, so each
# command works with either region gone. The task token is not echoed; an option left empty is not
# passed, so the command says which one is missing.
RUNBOOK_ANSWER = $(if $(EXECUTION),--execution="$(EXECUTION)") $(if $(REGION),--region="$(REGION)") $(if $(TOKEN),--token="$(TOKEN)") $(if $(BY),--by="$(BY)") $(if $(REASON),--reason="$(REASON)")
failover: ## Start a recovery in TARGET only (LIVE=1 only; no state): MODE=switchover|failover TARGET=<region> REASON="..." [FORCE=1 FORCE_REASON="..."]
	@test "$(LIVE)" = "1" || { echo "error: failover only runs live, because it starts a real recovery in AWS: make failover ENV=$(ENV) MODE=$(MODE) TARGET=$(TARGET) REASON=\"...\" LIVE=1 (rehearse offline with npm run drill)"; exit 2; }
	npx tsx tooling/bin/failover.ts --live --env "$(ENV)" --mode "$(MODE)" --target "$(TARGET)" --reason "$(REASON)" $(if $(filter 1,$(FORCE)),--force) $(if $(FORCE_REASON),--force-reason="$(FORCE_REASON)")

approve: ## Approve a waiting recovery as the approver role (LIVE=1 only): EXECUTION=<arn> BY="who" REASON="why"
	@test "$(LIVE)" = "1" || { echo "error: approve only runs live, because it answers a real recovery in AWS: make approve ENV=$(ENV) EXECUTION=<execution ARN> BY=\"who\" REASON=\"why\" LIVE=1"; exit 2; }
	@npx tsx tooling/bin/approve.ts --live --env "$(ENV)" $(RUNBOOK_ANSWER)

reject: ## Reject a waiting recovery as the approver role (LIVE=1 only): EXECUTION=<arn> BY="who" REASON="why"
	@test "$(LIVE)" = "1" || { echo "error: reject only runs live, because it answers a real recovery in AWS: make reject ENV=$(ENV) EXECUTION=<execution ARN> BY=\"who\" REASON=\"why\" LIVE=1"; exit 2; }
	@npx tsx tooling/bin/reject.ts --live --env "$(ENV)" $(RUNBOOK_ANSWER)

status: ## Authority, writer, lag, serving flags, running recoveries, queues, from either region (LIVE=1 only; JSON=1)
	@npx tsx tooling/bin/status.ts --env "$(ENV)" $(if $(filter 1,$(LIVE)),--live,) $(if $(filter 1,$(JSON)),--json,)

reconcile: ## After an unplanned failover: acknowledged orders the new writer lacks, report in build/reconcile (LIVE=1 only; REGION=, SINCE=, COPY_SNAPSHOT=1; docs/reconcile.md)
	@npx tsx tooling/bin/reconcile.ts --env "$(ENV)" $(if $(filter 1,$(LIVE)),--live,) $(if $(REGION),--region="$(REGION)") $(if $(SINCE),--since="$(SINCE)") $(if $(filter 1,$(COPY_SNAPSHOT)),--copy-snapshot,)

gameday: ## Measured game day: switchover to the secondary and back under load, report in build/gameday (LIVE=1 only; CERT=, KEY=, [CA=], [RATE=], [OUT=], FORCE=1 for prod; docs/gameday.md)
	@npx tsx tooling/bin/gameday.ts --env "$(ENV)" $(if $(filter 1,$(LIVE)),--live,) $(if $(filter 1,$(FORCE)),--force,) $(if $(CERT),--cert="$(CERT)") $(if $(KEY),--key="$(KEY)") $(if $(CA),--ca="$(CA)") $(if $(RATE),--orders-per-second="$(RATE)") $(if $(OUT),--out="$(OUT)")

lint: build ## terraform fmt -check, terraform validate, hcl-lint (--fail-on low), README and rule docs current, tsc --noEmit
	TF_CLI_CONFIG_FILE=/dev/null terraform fmt -check -recursive modules environments bootstrap
	npm run --silent tf:validate
	npm run --silent hcl-lint -- --fail-on low
	npm run --silent docs -- --check
	npm run --silent rules-doc -- --check
	npm run --silent typecheck

fmt: ## terraform fmt -recursive
	TF_CLI_CONFIG_FILE=/dev/null terraform fmt -recursive modules environments bootstrap

test: build ## Every test: terraform test per module, then vitest (plans all three environments offline)
	npm run --silent tf:test
	npx vitest run

clean: ## Remove build output, local offline state and the generated CLI config
	rm -rf build .terraform.d
	rm -f environments/*/offline_override.tf
