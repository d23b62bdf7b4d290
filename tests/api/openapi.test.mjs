// covers: API conventions (DESIGN.md §5) — docs/openapi.yaml
//
// Checks the OpenAPI description against the product: it lints clean with Redocly (recommended
// rules, see tests/redocly.yaml), it documents exactly the routes the binary registers with their
// permissions, and the documented response shapes match what the real `retaguarda serve` sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { startServer } from '../support/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const testsDir = join(here, '..');
const repoRoot = join(here, '..', '..');
const specPath = join(repoRoot, 'docs', 'openapi.yaml');
const redocly = join(testsDir, 'node_modules', '.bin', 'redocly');
const redoclyConfig = join(testsDir, 'redocly.yaml');
const binary = process.env.RETAGUARDA_BIN || join(repoRoot, 'build', 'retaguarda');

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function loadSpec() {
  return parse(readFileSync(specPath, 'utf8'));
}

// Resolves a local `#/a/b/c` reference (the only kind the spec uses).
function resolve(spec, node) {
  while (node && typeof node === 'object' && typeof node.$ref === 'string') {
    assert.ok(node.$ref.startsWith('#/'), `only local $refs are supported: ${node.$ref}`);
    node = node.$ref.slice(2).split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((at, key) => at?.[key], spec);
    assert.ok(node !== undefined, 'dangling $ref');
  }
  return node;
}

// A checker for the JSON Schema subset the spec uses for response bodies: $ref, type (one or a
// list of string|integer|number|boolean|object|array|null), required, properties, items, enum,
// const. Returns a list of "path: message" mismatches (empty when the value conforms).
function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}

function checkSchema(spec, schema, value, path = '$') {
  schema = resolve(spec, schema);
  const errors = [];
  if (schema.type !== undefined) {
    const allowed = [schema.type].flat();
    const actual = typeOf(value);
    const ok = allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
    if (!ok) return [`${path}: expected ${allowed.join('|')}, got ${actual} (${JSON.stringify(value)})`];
  }
  if (schema.const !== undefined && value !== schema.const) {
    errors.push(`${path}: expected ${JSON.stringify(schema.const)}, got ${JSON.stringify(value)}`);
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (typeOf(value) === 'object') {
    for (const name of schema.required ?? []) {
      if (!(name in value)) errors.push(`${path}: missing required property "${name}"`);
    }
    for (const [name, sub] of Object.entries(schema.properties ?? {})) {
      if (name in value) errors.push(...checkSchema(spec, sub, value[name], `${path}.${name}`));
    }
  }
  if (typeOf(value) === 'array' && schema.items) {
    value.forEach((item, i) => errors.push(...checkSchema(spec, schema.items, item, `${path}[${i}]`)));
  }
  return errors;
}

test('openapi.yaml passes redocly lint', () => {
  const r = spawnSync(redocly, ['lint', '--config', redoclyConfig, specPath], {
    cwd: testsDir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  assert.equal(r.error, undefined, `could not run ${redocly}: ${r.error}`);
  const output = `${r.stdout}\n${r.stderr}`;
  assert.equal(r.status, 0, `redocly lint failed:\n${output}`);
  // Warnings do not fail `redocly lint`, but the spec is meant to be clean.
  assert.doesNotMatch(output, /You have \d+ warnings?/, `redocly lint reported warnings:\n${output}`);
});

// tests/redocly.yaml turns off no-unused-components because the pipeline-level 404/405 responses
// are referenced only from the `x-pipeline-responses` extension; this puts the check back.
test('every component of openapi.yaml is referenced', () => {
  const spec = loadSpec();
  const refs = new Set();
  (function walk(node) {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof node.$ref === 'string') refs.add(node.$ref);
      Object.values(node).forEach(walk);
    }
  })(spec);
  const unused = [];
  for (const [kind, named] of Object.entries(spec.components ?? {})) {
    for (const name of Object.keys(named)) {
      if (!refs.has(`#/components/${kind}/${name}`)) unused.push(`#/components/${kind}/${name}`);
    }
  }
  assert.deepEqual(unused, [], `components never referenced:\n${unused.join('\n')}`);
});

test('every registered route is documented and every documented path is registered', () => {
  const r = spawnSync(binary, ['routes'], { encoding: 'utf8' });
  assert.equal(r.error, undefined, `could not run ${binary}: ${r.error}`);
  assert.equal(r.status, 0, `${binary} routes failed:\n${r.stderr}`);
  const routes = JSON.parse(r.stdout);
  assert.ok(Array.isArray(routes) && routes.length > 0, 'retaguarda routes printed no routes');

  const spec = loadSpec();
  const registered = new Map(routes.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route]));
  const documented = new Map();
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      if (item[method]) documented.set(`${method.toUpperCase()} ${path}`, item[method]);
    }
  }

  const undocumented = [...registered.keys()].filter((key) => !documented.has(key));
  const unregistered = [...documented.keys()].filter((key) => !registered.has(key));
  assert.deepEqual({ undocumented, unregistered }, { undocumented: [], unregistered: [] },
    'routes registered by the binary but missing from docs/openapi.yaml (undocumented), and ' +
    'operations in docs/openapi.yaml that the binary does not register (unregistered)');

  const wrongPermission = [];
  for (const [key, route] of registered) {
    const documentedPermission = documented.get(key)['x-permission'];
    if (documentedPermission !== route.permission) {
      wrongPermission.push(`${key}: x-permission is ${JSON.stringify(documentedPermission)}, ` +
        `the route checks ${JSON.stringify(route.permission)}`);
    }
  }
  assert.deepEqual(wrongPermission, [], `x-permission mismatches:\n${wrongPermission.join('\n')}`);
});

test('documented responses of the public endpoints match the running server', async (t) => {
  const spec = loadSpec();
  const server = await startServer();
  t.after(() => server.stop());

  await t.test('GET /api/v1/status matches StatusSummary', async () => {
    const operation = spec.paths['/api/v1/status'].get;
    const documented = resolve(spec, operation.responses['200']).content['application/json'].schema;
    assert.equal(documented.$ref, '#/components/schemas/StatusSummary');

    const res = await fetch(`${server.base}/api/v1/status`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json\b/);
    assert.ok(res.headers.get('x-request-id'), 'X-Request-Id response header missing');
    const body = await res.json();
    const errors = checkSchema(spec, documented, body);
    assert.deepEqual(errors, [], `response ${JSON.stringify(body)} does not match StatusSummary:\n` +
      errors.join('\n'));
  });

  await t.test('an unknown path answers the documented 404 problem', async () => {
    const notFound = spec.components.responses.NotFound;
    const schema = notFound.content['application/problem+json'].schema;
    assert.equal(schema.$ref, '#/components/schemas/Problem');

    const requestId = 'openapi-test:404';
    const res = await fetch(`${server.base}/api/v1/does-not-exist`, { headers: { 'X-Request-Id': requestId } });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.equal(res.headers.get('x-request-id'), requestId);
    const body = await res.json();
    const errors = checkSchema(spec, schema, body);
    assert.deepEqual(errors, [], `response ${JSON.stringify(body)} does not match Problem:\n${errors.join('\n')}`);
    assert.equal(body.status, 404);
    assert.equal(body.request_id, requestId);
  });

  await t.test('GET /healthz and /readyz answer the documented text/plain bodies', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const ok = spec.paths[path].get.responses['200'];
      const res = await fetch(`${server.base}${path}`);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain\b/, path);
      assert.equal(await res.text(), ok.content['text/plain'].schema.const, path);
    }
  });

  await t.test('GET /metrics answers Prometheus text format 0.0.4', async () => {
    const [mediaType] = Object.keys(spec.paths['/metrics'].get.responses['200'].content);
    const res = await fetch(`${server.base}/metrics`);
    assert.equal(res.status, 200);
    const contentType = res.headers.get('content-type') ?? '';
    for (const part of mediaType.split(';').map((s) => s.trim())) {
      assert.ok(contentType.split(';').map((s) => s.trim()).includes(part),
        `Content-Type "${contentType}" lacks "${part}" from the documented "${mediaType}"`);
    }
    assert.match(await res.text(), /^# HELP rg_/m);
  });
});
