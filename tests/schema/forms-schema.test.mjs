// forms/form.schema.json accepts every form definition in forms/ and rejects
// the mistakes it is there for. The Rust side (crates/core/tests/forms.rs)
// loads the same files with serde and runs the linter.
//
// Run: node --test tests/schema/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const formsDir = fileURLToPath(new URL('../../forms/', import.meta.url));
const readJson = (name) => JSON.parse(readFileSync(formsDir + name, 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(readJson('form.schema.json'));

/** Validates `form`; returns ajv's errors (empty when valid). */
function errorsOf(form) {
  return validate(form) ? [] : [...validate.errors];
}

function explain(errors, name) {
  return ajv.errorsText(errors, { separator: '\n', dataVar: name }) + '\n' + JSON.stringify(errors, null, 2);
}

const formFiles = readdirSync(formsDir)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json') && f !== 'catalog.json')
  .sort();

test('forms/ holds at least one form definition', () => {
  assert.ok(formFiles.length > 0, `no *.json form definitions in ${formsDir}`);
});

for (const file of formFiles) {
  test(`forms/${file} matches form.schema.json`, () => {
    const errors = errorsOf(readJson(file));
    assert.equal(errors.length, 0, `forms/${file} does not match forms/form.schema.json:\n${explain(errors, file)}`);
  });
}

// Negative cases: each mutates a fresh deep copy of CT01.

const ct01 = readJson('dang-ky-thuong-tru.json');

/** A deep copy of CT01 and a finder for a top-level field by id, with its JSON pointer. */
function copyOfCt01() {
  const form = structuredClone(ct01);
  const field = (id) => {
    for (const [s, section] of form.sections.entries()) {
      const f = section.fields.findIndex((x) => x.id === id);
      if (f >= 0) return { field: section.fields[f], at: `/sections/${s}/fields/${f}` };
    }
    assert.fail(`CT01 has no field ${id}; update this test`);
  };
  return { form, field };
}

/** Asserts the form is rejected with an error of `keyword` at `instancePath`. */
function assertRejected(form, instancePath, keyword, what) {
  const errors = errorsOf(form);
  assert.ok(errors.length > 0, `${what}: accepted, should be rejected`);
  assert.ok(
    errors.some((e) => e.instancePath === instancePath && e.keyword === keyword),
    `${what}: expected a "${keyword}" error at ${instancePath}, got:\n${explain(errors, 'ct01')}`,
  );
}

test('an unknown field kind is rejected', () => {
  const { form, field } = copyOfCt01();
  const { field: f, at } = field('ho_ten');
  f.kind = 'signature';
  assertRejected(form, `${at}/kind`, 'enum', 'kind "signature"');
});

test('an unknown key in a field is rejected', () => {
  const { form, field } = copyOfCt01();
  const { field: f, at } = field('ho_ten');
  f.requried = true;
  assertRejected(form, at, 'additionalProperties', 'key "requried"');
});

test('a rule with an unknown name is rejected', () => {
  const { form, field } = copyOfCt01();
  const { field: f, at } = field('ho_ten');
  f.rules = [{ rule: 'no_digits' }];
  assertRejected(form, `${at}/rules/0/rule`, 'enum', 'rule "no_digits"');
});

test('a radio field without options is rejected', () => {
  const { form, field } = copyOfCt01();
  const { field: f, at } = field('gioi_tinh');
  assert.equal(f.kind, 'radio');
  delete f.options;
  assertRejected(form, at, 'required', 'radio without options');
});

test('a file field without accept is rejected', () => {
  const { form, field } = copyOfCt01();
  const { field: f, at } = field('giay_to_cho_o');
  assert.equal(f.kind, 'file');
  delete f.accept;
  assertRejected(form, at, 'required', 'file without accept');
});

test('a text without en is rejected', () => {
  const { form, field } = copyOfCt01();
  const { field: f, at } = field('ho_ten');
  delete f.label.en;
  assertRejected(form, `${at}/label`, 'required', 'label without en');
});

test('a condition with both equals and filled is rejected', () => {
  const { form, field } = copyOfCt01();
  const { field: f, at } = field('chu_ho_ten');
  assert.equal(typeof f.show_if.equals, 'string');
  f.show_if.filled = true;
  assertRejected(form, `${at}/show_if`, 'oneOf', 'show_if with equals and filled');
});
