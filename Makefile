# Top-level entry points; the logic lives in scripts/ (see README.md).
SHELL := /bin/bash

.PHONY: run test stop build deps migrate clean distclean bench soak cluster cluster-stop cluster-test cluster-bench backup restore backup-test

run:            ## install, build, start everything on this machine; Ctrl-C stops it
	@bash scripts/run.sh

test:           ## sanitizer build, a separate fresh stack under var/test, all suites
	@bash scripts/test.sh

stop:           ## stop what `make run` started
	@bash scripts/stop.sh run

build:          ## backend (backend/build/bin) and frontend (frontend/dist)
	@bash scripts/build.sh run

deps:           ## missing Debian packages and npm modules
	@bash scripts/deps.sh

migrate:        ## [PHASE=expand] the migrations on the `make run` stack's databases, app left as it is (docs/rolling-upgrade.md)
	@bash scripts/migrate.sh --stack run --phase "$(or $(PHASE),all)"

bench:          ## the benchmark: a fresh optimized stack under var/bench, sync figures; never part of make test
	@bash scripts/bench.sh

soak:           ## the soak: mixed traffic for TTS_SOAK_SECONDS (600) on a fresh stack under var/soak; never part of make test
	@bash scripts/soak.sh

cluster:        ## the multi-host layout on one machine: DB primary + replica, two api pools, two sync workers (var/cluster)
	@bash scripts/cluster.sh up

cluster-stop:   ## stop what `make cluster` started
	@bash scripts/cluster.sh down

cluster-test:   ## a fresh cluster on the previous release, its tests (upgrade to this checkout, read replica, hosts stopped under traffic, rolling restart, online upgrade, failover), then stopped
	@bash scripts/cluster-test.sh

cluster-bench:  ## a fresh cluster, then its capacity with one and two api pools and sync workers
	@bash scripts/cluster-bench.sh

backup:         ## a hot backup of the `make run` stack (database, media, keys) into var/backups/<UTC time>/; see docs/backup.md
	@bash scripts/backup.sh run

restore:        ## FROM=var/backups/<time> [UNTIL='YYYY-MM-DD HH:MM:SS' UTC]: into a fresh data dir of the stopped run stack, started
	@bash scripts/restore.sh run "$(FROM)" "$(UNTIL)"

backup-test:    ## its own two stacks (var/backup-test): a backup under traffic, restored, replayed to a time, compared
	@bash scripts/backup-test.sh

clean:          ## build outputs; keeps var/ (the data)
	rm -rf backend/build backend/build-san frontend/dist

distclean: clean  ## also stops both stacks and removes var/ (the data)
	@bash scripts/stop.sh test
	@bash scripts/stop.sh run
	@bash scripts/cluster.sh down
	rm -rf var
