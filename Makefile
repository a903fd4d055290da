# Top-level entry points; the logic lives in scripts/ (see README.md).
SHELL := /bin/bash

.PHONY: run test stop build deps clean distclean bench soak

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

bench:          ## the benchmark: a fresh optimized stack under var/bench, sync figures; never part of make test
	@bash scripts/bench.sh

soak:           ## the soak: mixed traffic for TTS_SOAK_SECONDS (600) on a fresh stack under var/soak; never part of make test
	@bash scripts/soak.sh

clean:          ## build outputs; keeps var/ (the data)
	rm -rf backend/build backend/build-san frontend/dist

distclean: clean  ## also stops both stacks and removes var/ (the data)
	@bash scripts/stop.sh test
	@bash scripts/stop.sh run
	rm -rf var
