# Retaguarda — the two commands a newcomer needs: `make run` and `make test`.
# Everything else is a building block of those two.
SHELL := /bin/bash
.DEFAULT_GOAL := build
BUILD_DIR ?= build
LISTEN ?= 127.0.0.1:8080
DB ?= ./data/retaguarda.db
JOBS ?= $(shell nproc)
CTEST := ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

.PHONY: setup build native web run test test-unit test-pg test-pg-tiers test-api test-e2e bench clean

setup:
	@scripts/setup

# The native binary and test programs (CMake + Ninja + ccache).
native:
	@[ -f $(BUILD_DIR)/build.ninja ] || cmake -S . -B $(BUILD_DIR) -G Ninja
	@ninja -C $(BUILD_DIR)

# The console bundles the user manual (docs/manual) and ships the API reference page with the
# OpenAPI document it renders (web/docs/api, docs/openapi.yaml): a change to either rebuilds it.
WEB_SOURCES := $(shell find web/src web/public web/docs docs/manual -type f 2>/dev/null) web/index.html web/vite.config.ts web/package-lock.json web/tsconfig.json docs/openapi.yaml
web/dist/index.html: $(WEB_SOURCES)
	@cd web && npm run build --silent
	@touch $@

web: web/dist/index.html

build: setup native web

run: build
	@mkdir -p $(dir $(DB))
	@$(BUILD_DIR)/retaguarda demo --db $(DB) --log-level warn
	@echo "Retaguarda: open http://$(LISTEN) (SQLite database $(DB)); Ctrl+C stops it."
	@exec $(BUILD_DIR)/retaguarda serve --listen $(LISTEN) --db $(DB) --webhook-allow-loopback

# Every tier: unit + integration on SQLite, the DB-backed ones again on a real PostgreSQL server
# started for the run, API tests on both databases, and the browser tests in Chromium.
test: build
	@$(MAKE) --no-print-directory test-unit
	@scripts/test-postgres $(MAKE) --no-print-directory test-pg-tiers
	@$(MAKE) --no-print-directory test-api
	@$(MAKE) --no-print-directory test-e2e
	@echo "make test: all tiers passed"

test-unit:
	@echo "== unit and integration tests (SQLite)"
	@$(CTEST)

# Runs inside scripts/test-postgres, which sets RETAGUARDA_TEST_DB.
test-pg-tiers:
	@echo "== integration tests (PostgreSQL)"
	@$(CTEST) -L db
	@echo "== API and fault tests (PostgreSQL)"
	@cd tests && node --test --test-concurrency=1 api/ fault/

test-pg: build
	@scripts/test-postgres $(MAKE) --no-print-directory test-pg-tiers

test-api:
	@echo "== API and fault tests (SQLite)"
	@cd tests && env -u RETAGUARDA_TEST_DB node --test --test-concurrency=1 api/ fault/

test-e2e:
	@echo "== browser tests (Chromium)"
	@cd tests && node --test --test-concurrency=1 e2e/

bench: build
	@bench/http/run
	@bench/auth/run
	@bench/webhooks/run
	@bench/export/run

clean:
	rm -rf $(BUILD_DIR) web/dist
